using NetSym.Networks;

namespace NetSym.Reduction;

/// <summary>
/// Twin detection: two neurons of one layer are twins when the second's incoming (w′, β′) is the
/// image (a·w, a·β + b) of the first's under an affine symmetry (a, b, c, d) of their activation, so
/// that y′ = ρ(a·z + b) = c·y + d on every input.
/// </summary>
/// <remarks>
/// With tolerance 0 every comparison is exact in the real numbers (products compared by their exact
/// error terms, sums of products in exact dyadic arithmetic): w′ = a·w is tested as w′ₖ·w_t = w′_t·wₖ
/// at the entry t of largest |w|, without dividing. With a tolerance τ &gt; 0 the residuals
/// |w′ₖ − a·wₖ| and |β′ − a·β − b| may be up to τ·max(‖w′‖∞, |β′|).
/// </remarks>
internal static class ReductionTwins
{
    // Below this a product's rounding error may underflow, so the exact comparison takes the slow path.
    private static readonly double Tiny = Math.ScaleB(1, -960);


    /// <summary>A neuron's incoming weights and bias, with what matching needs precomputed.</summary>
    public sealed class Candidate
    {
        public Candidate(double[] weights, double bias)
        {
            Weights = weights;
            Bias = bias;
            double max = 0;
            for (int k = 0; k < weights.Length; k++)
                if (Math.Abs(weights[k]) > max) (max, Top) = (Math.Abs(weights[k]), k);
            Scale = Math.Max(max, Math.Abs(bias));
        }

        public double[] Weights { get; }
        public double Bias { get; }

        /// <summary>Index of the largest |wₖ| (the lowest among equals): twins share it.</summary>
        public int Top { get; }

        /// <summary>max(‖w‖∞, |β|), the scale of relative tolerances.</summary>
        public double Scale { get; }

        /// <summary>Whether some incoming weight is non-zero (a neuron without one has no twin by this rule).</summary>
        public bool HasWeights => Weights.Length > 0 && Weights[Top] != 0;
    }

    /// <summary>The symmetry s of the activation with (w′, β′) = (s.A·w, s.A·β + s.B), or null if there is none.</summary>
    public static AffineSymmetry? Match(AffineSymmetryGroup group, Candidate first, Candidate second, double tolerance)
    {
        if (!first.HasWeights || !second.HasWeights || first.Top != second.Top && tolerance == 0) return null;
        int t = first.Top;
        double wt = first.Weights[t], wt2 = second.Weights[t];
        if (wt2 == 0) return null;
        double slack = tolerance * Math.Abs(wt) * second.Scale;
        for (int k = 0; k < first.Weights.Length; k++)
            if (!ProductsEqual(second.Weights[k], wt, wt2, first.Weights[k], slack)) return null;

        double a = wt2 / wt;
        // The group's nearest element at any distance, then the same tests as for a listed element, exact (or to
        // the slack), except where the family reaches every scale or shift so that there is nothing to test.
        if (group.Member(a, second.Bias - a * first.Bias, double.PositiveInfinity) is not { } s) return null;
        var family = group.Continuous.Count > 0 ? group.Continuous[0] : null;
        bool scaleFits = family?.FreeScale == true || ProductsEqual(wt2, 1, s.A, wt, tolerance * Math.Abs(s.A * wt));
        // β′ = a·β + s.B, multiplied by w_t: β′·w_t − w′_t·β − s.B·w_t = 0.
        bool biasFits = family?.FreeShift == true || BiasFits(second.Bias, wt, wt2, first.Bias, s.B, slack);
        return scaleFits && biasFits ? s : null;
    }

    // x₁·y₁ = x₂·y₂, exactly when slack is 0.
    private static bool ProductsEqual(double x1, double y1, double x2, double y2, double slack)
    {
        if (slack > 0) return Math.Abs(Math.FusedMultiplyAdd(x1, y1, -(x2 * y2))) <= slack;
        double p1 = x1 * y1, p2 = x2 * y2;
        if (p1 != p2) return false; // equal products round equally
        if (double.IsFinite(p1) && Math.Abs(p1) >= Tiny)
            return Math.FusedMultiplyAdd(x1, y1, -p1) == Math.FusedMultiplyAdd(x2, y2, -p2);
        return ExactSum([(x1, y1), (-x2, y2)]).Sign == 0;
    }

    private static bool BiasFits(double beta2, double wt, double wt2, double beta, double offset, double slack)
    {
        if (slack > 0) return Math.Abs(beta2 * wt - wt2 * beta - offset * wt) <= slack;
        return ExactSum([(beta2, wt), (-wt2, beta), (-offset, wt)]).Sign == 0;
    }

    // Σ xᵢ·yᵢ in exact dyadic arithmetic: zero exactly when the rounded products cancel exactly.
    private static Dyadic ExactSum(ReadOnlySpan<(double X, double Y)> terms)
    {
        var sum = Dyadic.Zero;
        foreach (var (x, y) in terms) sum += Dyadic.FromDouble(x) * Dyadic.FromDouble(y);
        return sum;
    }
}

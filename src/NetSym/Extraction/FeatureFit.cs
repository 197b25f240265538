using NetSym.LinearAlgebra;

namespace NetSym.Extraction;

/// <summary>
/// The layer after a prefix by least squares (research note §7): f(x) ≈ Σ_j α_j·ReLU(ẑ_j(x)) [+ L·h(x)] + c
/// over sample inputs, ẑ the last layer of the prefix with orientations that may still be unknown and h
/// its input. With the linear term the fit is exact whatever the orientations, because
/// ReLU(−z) = ReLU(z) − z moves a flipped unit into L; without it, exact only once the signs are right.
/// </summary>
internal static class FeatureFit
{
    /// <summary>
    /// The coefficients, rows α_1 … α_n, then (with <paramref name="linear"/>) the rows of Lᵀ, then c;
    /// each row has m entries. Also the relative residual ‖F·X − Y‖/‖Y‖, the rank of F, and each
    /// sample's residual ‖F_r·X − Y_r‖ (where a unit the prefix lacks is active, it stands out).
    /// </summary>
    public static (Matrix Coefficients, double Residual, int Rank, double[] SampleResiduals) Fit(NetworkPrefix prefix, Matrix inputs, Matrix outputs, bool linear)
    {
        var features = Features(prefix, inputs, linear);
        var solution = LeastSquares.Solve(features, outputs);
        var (relative, samples) = Residuals(features, outputs, solution.Solution);
        return (solution.Solution, relative, solution.Rank, samples);
    }

    /// <summary>
    /// How well <paramref name="coefficients"/> (from <see cref="Fit"/>) explain f at other inputs: the
    /// relative residual ‖F·X − Y‖/‖Y‖ there.
    /// </summary>
    public static double Check(NetworkPrefix prefix, Matrix inputs, Matrix outputs, Matrix coefficients, bool linear) =>
        Residuals(Features(prefix, inputs, linear), outputs, coefficients).Relative;

    /// <summary>f minus the fit <paramref name="coefficients"/> (from <see cref="Fit"/>) at each of <paramref name="inputs"/>: one row per input.</summary>
    public static Matrix Misfit(NetworkPrefix prefix, Matrix inputs, Matrix outputs, Matrix coefficients, bool linear)
    {
        var features = Features(prefix, inputs, linear);
        var misfit = new Matrix(outputs.Rows, outputs.Columns);
        for (int r = 0; r < features.Rows; r++)
            for (int k = 0; k < outputs.Columns; k++) misfit[r, k] = outputs[r, k] - Predicted(features, coefficients, r, k);
        return misfit;
    }

    /// <summary>The rows [φ(x); 1] of the fit, φ the last layer's outputs (with <paramref name="linear"/>, then its input).</summary>
    private static Matrix Features(NetworkPrefix prefix, Matrix inputs, bool linear)
    {
        int n = prefix.Layer(prefix.Depth - 1).Count, columns = (linear ? prefix.FeatureSize : n) + 1;
        var features = new Matrix(inputs.Rows, columns);
        for (int r = 0; r < inputs.Rows; r++)
        {
            var row = features.Row(r);
            prefix.At(inputs.Row(r)).Features.AsSpan(0, columns - 1).CopyTo(row);
            row[^1] = 1;
        }
        return features;
    }

    private static (double Relative, double[] Samples) Residuals(Matrix features, Matrix outputs, Matrix coefficients)
    {
        var samples = new double[features.Rows];
        double total = 0, scale = 0;
        for (int r = 0; r < features.Rows; r++)
        {
            for (int k = 0; k < outputs.Columns; k++)
            {
                double predicted = Predicted(features, coefficients, r, k);
                samples[r] += (predicted - outputs[r, k]) * (predicted - outputs[r, k]);
                scale += outputs[r, k] * outputs[r, k];
            }
            total += samples[r];
            samples[r] = Math.Sqrt(samples[r]);
        }
        return (scale > 0 ? Math.Sqrt(total / scale) : Math.Sqrt(total), samples);
    }

    private static double Predicted(Matrix features, Matrix coefficients, int r, int k)
    {
        double predicted = 0;
        for (int c = 0; c < features.Columns; c++) predicted += features[r, c] * coefficients[c, k];
        return predicted;
    }
}

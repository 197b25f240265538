using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Extraction;

/// <summary>
/// Units of the last hidden layer that its search missed, read off the misfit of the layers found. Let f be
/// fitted in the features [ReLU(ẑ); h] of the prefix (<see cref="FeatureFit"/>, with the skip features h,
/// the outputs of the layer before) on inputs where a missed unit u = a·h + b keeps one state: dead, or on
/// (then its pre-activation is affine in h, and the skip terms absorb it). Wherever u is in the other
/// state, f minus that fit is v·(a·h + b), v its outgoing weights: affine in h, exactly. So the misfit at
/// wide inputs, regressed on [h, 1] over those where it is not zero, gives u's hyperplane up to scale,
/// with no line search and no trace — and no kink near the origin, which a unit on or dead there lacks
/// (nn.Linear-initialised 40-20-10-10-1, seed 3, has two of layer 3 on at every Gaussian input, whose
/// surfaces lie where several units of layer 2 are off and whose traces leave coefficients free).
/// </summary>
/// <remarks>
/// Several missed units each make their own affine misfit, on the inputs where they alone differ: the
/// nonzero rows nearest a random one, fitted exactly, and the rows that agree with that fit, peel off
/// one unit at a time (RANSAC with local samples). A unit is kept only when its rows determine it (every skip feature nonzero
/// on some: a feature zero on all of them leaves its coefficient free) and fit it to rounding.
/// </remarks>
internal static class ResidualUnits
{
    /// <summary>A misfit below this fraction of the output there is rounding, or the unit's surface.</summary>
    private const double Nonzero = 1e-7;

    /// <summary>The relative residual of a unit's regression over its rows, and of a row that agrees with it.</summary>
    private const double Agree = 1e-6;

    /// <summary>Rows beyond the unknowns in a random sample, and in a unit's agreeing rows beyond twice the unknowns.</summary>
    public const int Spare = 4;

    /// <summary>Random samples tried per unit.</summary>
    private const int Trials = 48;

    /// <summary>Units peeled off at most.</summary>
    private const int MostUnits = 4;

    /// <summary>
    /// The missed units found, as hyperplanes over the skip features of <paramref name="prefix"/> (its
    /// last layer's input), from f's <paramref name="outputs"/> at <paramref name="inputs"/> and the
    /// <paramref name="coefficients"/> of a fit that is exact where no missed unit differs; each with the
    /// rows of <paramref name="inputs"/> where it differs.
    /// </summary>
    public static List<(Hyperplane Unit, List<int> Rows)> Find(NetworkPrefix prefix, Matrix inputs, Matrix outputs, Matrix coefficients, RandomStream random)
    {
        var misfit = FeatureFit.Misfit(prefix, inputs, outputs, coefficients, linear: true);
        int n = prefix.Widths[^1], skip = prefix.FeatureSize - n, m = outputs.Columns, unknowns = skip + 1;
        var rows = Misfitted(misfit, outputs);
        var skipFeatures = new Matrix(inputs.Rows, unknowns);
        for (int r = 0; r < inputs.Rows; r++)
        {
            prefix.At(inputs.Row(r)).Features.AsSpan(n, skip).CopyTo(skipFeatures.Row(r));
            skipFeatures[r, skip] = 1;
        }

        var candidates = new List<Candidate>();
        int sample = unknowns + Spare;
        while (candidates.Count < MostUnits && rows.Count >= sample)
        {
            var agreeing = Exact(skipFeatures, misfit, rows) ? rows : Consensus(inputs, skipFeatures, misfit, rows, sample, random);
            if (agreeing is null || agreeing.Count < Needed(prefix)) break;
            var fit = Regress(skipFeatures, misfit, agreeing);
            if (fit.Rank < unknowns || Relative(skipFeatures, misfit, agreeing, fit.Solution) > Agree) break;
            // The coefficients are a·vᵀ: every output's column is a multiple of (a, b); the largest is the most precise.
            int best = Enumerable.Range(0, m).MaxBy(k => Norm(Column(fit.Solution, k)));
            var unit = Hyperplane.Scaled(Column(fit.Solution, best)[..skip], fit.Solution[skip, best]);
            int side = Math.Sign(agreeing.Sum(r => Math.Sign(unit.Value(skipFeatures.Row(r)[..skip]))));
            candidates.Add(new Candidate(unit, fit.Solution, agreeing, side));
            var taken = agreeing.ToHashSet();
            rows = [.. rows.Where(r => !taken.Contains(r))];
        }
        // Where two missed units differ together the misfit is affine too, their sum, which passes for a unit:
        // the units kept are the candidates that together explain the most rows, each adding its map
        // wherever its pre-activation has the sign it has at its own rows.
        var kept = Enumerable.Range(0, 1 << candidates.Count)
            .Select(mask => candidates.Where((_, k) => (mask >> k & 1) == 1).ToList())
            .MaxBy(subset => Explained(subset, skipFeatures, misfit, outputs) - (double)subset.Count / (1 + candidates.Count))!;
        return [.. kept.Select(c => (c.Unit, c.Rows))];
    }

    /// <summary>A unit read off the misfit: its hyperplane, its map a·vᵀ over [h, 1], the rows it was fitted to, and its sign there.</summary>
    private sealed record Candidate(Hyperplane Unit, Matrix Map, List<int> Rows, int Side);

    /// <summary>The rows whose misfit <paramref name="units"/> explain together (to rounding where it is zero).</summary>
    private static int Explained(List<Candidate> units, Matrix features, Matrix misfit, Matrix outputs)
    {
        int explained = 0, skip = features.Columns - 1;
        var rest = new double[misfit.Columns];
        for (int r = 0; r < misfit.Rows; r++)
        {
            misfit.Row(r).CopyTo(rest);
            foreach (var unit in units)
            {
                if (Math.Sign(unit.Unit.Value(features.Row(r)[..skip])) != unit.Side) continue;
                for (int k = 0; k < rest.Length; k++)
                    for (int c = 0; c < features.Columns; c++) rest[k] -= features[r, c] * unit.Map[c, k];
            }
            if (Norm(rest) <= Agree * Norm(misfit.Row(r)) + Nonzero * Norm(outputs.Row(r))) explained++;
        }
        return explained;
    }

    /// <summary>
    /// Inputs just past the surface of each unit of the layer before the last that is off at every one of
    /// <paramref name="rows"/> (misfitted inputs of <paramref name="inputs"/>), reached from
    /// <paramref name="walks"/> random ones of them. A missed unit's misfit over those rows leaves its
    /// coefficient on such a unit free (its feature, a column of [h, 1], is zero there: in the cone where
    /// nn.Linear-initialised 40-20-10-10-1, seed 3, has its rare unit of layer 3 on, a unit of layer 2 is
    /// off at every input drawn); just past that unit's surface the missed unit is often still on, and its
    /// misfit there fixes the coefficient. Two walks leave each start: Newton's, to the nearest point of the
    /// surface's linearisation in each region it reaches, and one along the start's gradient
    /// (<see cref="NetworkPrefix.WalkOntoSurface"/>, 0.3 of the input's norm long there); the missed unit is
    /// on in a thin cone, and which walk ends inside it depends on how the cone lies. Computed from the
    /// prefix, without queries; empty below depth 2, where h is the input itself.
    /// </summary>
    public static Matrix Across(NetworkPrefix prefix, Matrix inputs, List<int> rows, int walks, RandomStream random)
    {
        var points = new List<double[]>();
        if (prefix.Depth >= 2 && rows.Count > 0)
        {
            int layer = prefix.Depth - 2;
            var z = rows.Select(r => prefix.At(inputs.Row(r)).Z[layer]).ToArray();
            foreach (int j in Enumerable.Range(0, prefix.Widths[layer]).Where(j => z.All(row => row[j] <= 0)))
                for (int walk = 0; walk < walks; walk++)
                {
                    var start = inputs.Row(rows[random.NextInt32(rows.Count)]).ToArray();
                    var newton = Past(prefix, layer, j, start.ToArray());
                    var ray = prefix.WalkOntoSurface(start, at => (at.Z[layer][j], at.Gradients[layer][j]), WalkRegions);
                    foreach (var point in (ReadOnlySpan<(double[] Point, double[] Direction)?>)[newton, ray])
                        if (point is { } past)
                        {
                            double norm = Norm(past.Point);
                            foreach (double step in Steps)
                                points.Add([.. past.Point.Select((v, i) => v + step * norm * past.Direction[i])]);
                        }
                }
        }
        var result = new Matrix(points.Count, inputs.Columns);
        for (int r = 0; r < points.Count; r++) points[r].CopyTo(result.Row(r));
        return result;
    }

    /// <summary>Activation regions a walk along one ray may cross to a surface.</summary>
    private const int WalkRegions = 64;

    /// <summary>Newton steps at most in <see cref="Past(NetworkPrefix, int, int, double[])"/>.</summary>
    private const int NewtonSteps = 64;

    /// <summary>How far past a surface <see cref="Across"/> steps, relative to the input's norm (the nearest clear of rounding).</summary>
    private static readonly double[] Steps = [1e-9, 1e-5, 1e-3];

    /// <summary>
    /// The first point past the surface of unit <paramref name="unit"/> of layer <paramref name="layer"/>
    /// that Newton steps from <paramref name="x"/> (where it is off) reach, each overshooting by 1e−4, and
    /// the unit gradient there; null when none does within <see cref="NewtonSteps"/> or the unit is constant.
    /// </summary>
    private static (double[] Point, double[] Direction)? Past(NetworkPrefix prefix, int layer, int unit, double[] x)
    {
        for (int step = 0; step < NewtonSteps; step++)
        {
            var at = prefix.At(x);
            double value = at.Z[layer][unit];
            var gradient = at.Gradients[layer][unit];
            double squared = PrefixPoint.Dot(gradient, gradient);
            if (value > 0) return (x, [.. gradient.Select(g => g / Math.Sqrt(squared))]);
            if (!(squared > 0)) return null;
            double move = -value / squared * (1 + 1e-4);
            for (int i = 0; i < x.Length; i++) x[i] += move * gradient[i];
        }
        return null;
    }

    /// <summary>The fewest rows that a unit's regression is taken from: twice its unknowns, and <see cref="Spare"/>.</summary>
    public static int Needed(NetworkPrefix prefix) => 2 * (prefix.FeatureSize - prefix.Widths[^1] + 1) + Spare;

    /// <summary>The rows of <paramref name="misfit"/> (f minus a fit) that are not zero to rounding: where a missed unit differs.</summary>
    public static List<int> Misfitted(Matrix misfit, Matrix outputs) =>
        [.. Enumerable.Range(0, misfit.Rows).Where(r => Norm(misfit.Row(r)) > Nonzero * Norm(outputs.Row(r)))];

    /// <summary>
    /// The rows that agree with the best of <see cref="Trials"/> exact fits, each to the
    /// rows nearest a random one of <paramref name="rows"/> (<paramref name="sample"/> or more); null when
    /// none fits its own sample. Near rows lie mostly where the same units differ (the inputs drawn around a misfitted
    /// one lie in its cone), where a random sample of that size would mix units.
    /// </summary>
    private static List<int>? Consensus(Matrix inputs, Matrix features, Matrix misfit, List<int> rows, int sample, RandomStream random)
    {
        List<int>? best = null;
        for (int trial = 0; trial < Trials; trial++)
        {
            var seed = inputs.Row(rows[random.NextInt32(rows.Count)]).ToArray();
            var nearest = rows.OrderBy(r => Distance(inputs.Row(r), seed)).ToList();
            // The nearest rows often leave a unit of the layer below off at all of them, and its coefficient
            // free: as many more are taken, twice as many each time, as one affine map still fits.
            Matrix? solution = null;
            for (int count = sample; count <= nearest.Count; count *= 2)
            {
                var chosen = nearest[..count];
                var fit = Regress(features, misfit, chosen);
                if (Relative(features, misfit, chosen, fit.Solution) > Agree) break;
                solution = fit.Solution;
            }
            if (solution is null) continue;
            List<int> agreeing = [.. rows.Where(r => Relative(features, misfit, [r], solution) <= Agree)];
            if (agreeing.Count > (best?.Count ?? 0)) best = agreeing;
        }
        return best;
    }

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
        return sum;
    }

    /// <summary>Whether one affine map fits the misfit over all <paramref name="rows"/>: a single missed unit.</summary>
    private static bool Exact(Matrix features, Matrix misfit, List<int> rows) =>
        Relative(features, misfit, rows, Regress(features, misfit, rows).Solution) <= Agree;

    private static LeastSquaresSolution Regress(Matrix features, Matrix misfit, List<int> rows)
    {
        var a = new Matrix(rows.Count, features.Columns);
        var b = new Matrix(rows.Count, misfit.Columns);
        for (int i = 0; i < rows.Count; i++)
        {
            features.Row(rows[i]).CopyTo(a.Row(i));
            misfit.Row(rows[i]).CopyTo(b.Row(i));
        }
        return LeastSquares.Solve(a, b);
    }

    /// <summary>‖G·X − R‖ / ‖R‖ over <paramref name="rows"/>.</summary>
    private static double Relative(Matrix features, Matrix misfit, List<int> rows, Matrix solution)
    {
        double error = 0, scale = 0;
        foreach (int r in rows)
            for (int k = 0; k < misfit.Columns; k++)
            {
                double predicted = 0;
                for (int c = 0; c < features.Columns; c++) predicted += features[r, c] * solution[c, k];
                error += (predicted - misfit[r, k]) * (predicted - misfit[r, k]);
                scale += misfit[r, k] * misfit[r, k];
            }
        return scale > 0 ? Math.Sqrt(error / scale) : 0;
    }

    private static double[] Column(Matrix matrix, int k)
    {
        var column = new double[matrix.Rows];
        for (int r = 0; r < matrix.Rows; r++) column[r] = matrix[r, k];
        return column;
    }

    private static double Norm(ReadOnlySpan<double> v) => Math.Sqrt(PrefixPoint.Dot(v, v));
}

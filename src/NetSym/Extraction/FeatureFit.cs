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
        int n = prefix.Layer(prefix.Depth - 1).Count, columns = (linear ? prefix.FeatureSize : n) + 1;
        var features = new Matrix(inputs.Rows, columns);
        for (int r = 0; r < inputs.Rows; r++)
        {
            var row = features.Row(r);
            prefix.At(inputs.Row(r)).Features.AsSpan(0, columns - 1).CopyTo(row);
            row[^1] = 1;
        }
        var solution = LeastSquares.Solve(features, outputs);
        double residual = Math.Sqrt(solution.ResidualNorms.Sum(x => x * x));
        double scale = Math.Sqrt(outputs.Data.Sum(x => x * x));
        var samples = new double[inputs.Rows];
        for (int r = 0; r < inputs.Rows; r++)
            for (int k = 0; k < outputs.Columns; k++)
            {
                double predicted = 0;
                for (int c = 0; c < columns; c++) predicted += features[r, c] * solution.Solution[c, k];
                samples[r] += (predicted - outputs[r, k]) * (predicted - outputs[r, k]);
            }
        return (solution.Solution, scale > 0 ? residual / scale : residual, solution.Rank, [.. samples.Select(Math.Sqrt)]);
    }
}

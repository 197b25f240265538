using NetSym.LinearAlgebra;

namespace NetSym.Extraction;

/// <summary>
/// The output layer by least squares (research note §7): f(x) ≈ Σ_j α_j·ReLU(w_j·x + b_j) [+ L·x] + c
/// over sample inputs, for hyperplanes whose orientation may still be unknown. With the linear term
/// the fit is exact whatever the orientations, because ReLU(−z) = ReLU(z) − z moves a flipped unit
/// into L; without it, exact only once the signs are right.
/// </summary>
internal static class FeatureFit
{
    /// <summary>
    /// The coefficients, rows α_1 … α_n, then (with <paramref name="linear"/>) the d rows of Lᵀ, then c;
    /// each row has m entries. Also the relative residual ‖F·X − Y‖/‖Y‖ and the rank of F.
    /// </summary>
    public static (Matrix Coefficients, double Residual, int Rank) Fit(IReadOnlyList<Hyperplane> planes, Matrix inputs, Matrix outputs, bool linear)
    {
        int n = planes.Count, d = inputs.Columns, columns = n + (linear ? d : 0) + 1;
        var features = new Matrix(inputs.Rows, columns);
        for (int r = 0; r < inputs.Rows; r++)
        {
            var x = inputs.Row(r);
            var row = features.Row(r);
            for (int j = 0; j < n; j++) row[j] = Math.Max(0, planes[j].Value(x));
            if (linear) x.CopyTo(row[n..]);
            row[^1] = 1;
        }
        var solution = LeastSquares.Solve(features, outputs);
        double residual = Math.Sqrt(solution.ResidualNorms.Sum(x => x * x));
        double scale = Math.Sqrt(outputs.Data.Sum(x => x * x));
        return (solution.Solution, scale > 0 ? residual / scale : residual, solution.Rank);
    }
}

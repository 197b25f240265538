using NetSym.LinearAlgebra;

namespace NetSym.Extraction;

/// <summary>
/// The Jacobian of f at a point by forward differences, d + 1 queries: exact up to rounding where f
/// is affine on the probed box, which holds when no kink lies within the step of the point.
/// </summary>
internal sealed class GradientProbe(CountingOracle oracle, QueryLabel label)
{
    /// <summary>The m × d Jacobian of f at <paramref name="point"/> from steps of <paramref name="step"/> along each axis.</summary>
    public Matrix Jacobian(double[] point, double step)
    {
        int d = point.Length;
        var rows = new Matrix(d + 1, d);
        for (int r = 0; r <= d; r++)
        {
            point.CopyTo(rows.Row(r));
            if (r > 0) rows[r, r - 1] += step;
        }
        var values = oracle.Query(label, rows);
        int m = values.Columns;
        var jacobian = new Matrix(m, d);
        for (int i = 0; i < d; i++)
        {
            // The step actually taken, after rounding of the perturbed coordinate.
            double taken = rows[i + 1, i] - point[i];
            for (int k = 0; k < m; k++) jacobian[k, i] = (values[i + 1, k] - values[0, k]) / taken;
        }
        return jacobian;
    }
}

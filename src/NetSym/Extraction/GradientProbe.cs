using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Extraction;

/// <summary>
/// The Jacobian of f at a point by forward differences (d + 1 queries), its product with an orthonormal
/// basis the same way (r + 1), or its products with a few directions at a few points by central
/// differences (two queries each): exact up to rounding where f is affine on the probed box, which holds
/// when no kink lies within the step of the point. In a <paramref name="domain"/>, an axis step that would
/// leave it is taken backwards.
/// </summary>
internal sealed class GradientProbe(CountingOracle oracle, QueryLabel label, Box? domain = null)
{
    /// <summary>The m × d Jacobian of f at <paramref name="point"/> from steps of <paramref name="step"/> along each axis (backwards where the domain ends within the step).</summary>
    public Matrix Jacobian(double[] point, double step)
    {
        int d = point.Length;
        var rows = new Matrix(d + 1, d);
        for (int r = 0; r <= d; r++)
        {
            point.CopyTo(rows.Row(r));
            if (r > 0) rows[r, r - 1] += domain is not null && point[r - 1] + step > domain.Upper[r - 1] ? -step : step;
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

    /// <summary>
    /// The m × r product J·Q of the Jacobian at <paramref name="point"/> with the orthonormal directions
    /// <paramref name="basis"/> (the columns of Q), by forward differences: r + 1 queries instead of d + 1,
    /// all that is needed where J's rows are known to lie in their span.
    /// </summary>
    public Matrix Jacobian(double[] point, double step, IReadOnlyList<double[]> basis)
    {
        int d = point.Length, r = basis.Count;
        var rows = new Matrix(r + 1, d);
        point.CopyTo(rows.Row(0));
        for (int c = 0; c < r; c++)
            for (int i = 0; i < d; i++) rows[c + 1, i] = point[i] + step * basis[c][i];
        var values = oracle.Query(label, rows);
        var product = new Matrix(values.Columns, r);
        for (int c = 0; c < r; c++)
            for (int k = 0; k < values.Columns; k++) product[k, c] = (values[c + 1, k] - values[0, k]) / step;
        return product;
    }

    /// <summary>
    /// J·v at every point of <paramref name="points"/> for every direction v of <paramref name="directions"/>,
    /// from f(p ± step·v): row p·(number of directions) + v of the result holds the m derivatives.
    /// </summary>
    public Matrix Directional(IReadOnlyList<double[]> points, IReadOnlyList<double[]> directions, double step)
    {
        int d = points[0].Length, count = points.Count * directions.Count;
        var rows = new Matrix(2 * count, d);
        for (int p = 0; p < points.Count; p++)
            for (int v = 0; v < directions.Count; v++)
            {
                int r = p * directions.Count + v;
                for (int i = 0; i < d; i++)
                {
                    rows[2 * r, i] = points[p][i] + step * directions[v][i];
                    rows[2 * r + 1, i] = points[p][i] - step * directions[v][i];
                }
            }
        var values = oracle.Query(label, rows);
        var derivatives = new Matrix(count, values.Columns);
        for (int r = 0; r < count; r++)
            for (int k = 0; k < values.Columns; k++) derivatives[r, k] = (values[2 * r, k] - values[2 * r + 1, k]) / (2 * step);
        return derivatives;
    }
}

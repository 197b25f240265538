using System.Numerics.Tensors;

namespace NetSym.LinearAlgebra;

/// <summary>
/// Small dense least squares, min ‖A·X − B‖ column by column, by Householder QR with column pivoting
/// on the column-equilibrated A (each column divided by its norm, so that the rank decision does
/// not depend on the units of the unknowns). Meant for the systems of a few hundred rows and
/// columns that extraction solves; large problems go through the backend.
/// </summary>
internal static class LeastSquares
{
    /// <summary>
    /// The basic solution of min ‖A·X − B‖: columns of A judged dependent (|R_ii| ≤ tolerance·|R_00|
    /// after equilibration) get zero unknowns. The default tolerance is max(rows, columns)·ε, as NumPy's.
    /// </summary>
    /// <exception cref="ArgumentException">A and B have different numbers of rows.</exception>
    public static LeastSquaresSolution Solve(Matrix a, Matrix b, double? rankTolerance = null)
    {
        if (a.Rows != b.Rows) throw new ArgumentException($"A has {a.Rows} rows but B has {b.Rows}");
        int m = a.Rows, n = a.Columns, k = b.Columns;
        double tolerance = rankTolerance ?? Math.Max(m, n) * FloatingPoint.MachineEpsilon;
        // Column-major copies: the reflections walk down columns.
        var q = new double[m * n];
        var scale = new double[n];
        for (int j = 0; j < n; j++)
        {
            double norm = 0;
            for (int i = 0; i < m; i++) norm = Hypot(norm, a[i, j]);
            scale[j] = norm > 0 ? norm : 1;
            for (int i = 0; i < m; i++) q[j * m + i] = a[i, j] / scale[j];
        }
        var rhs = new double[m * k];
        for (int c = 0; c < k; c++)
            for (int i = 0; i < m; i++) rhs[c * m + i] = b[i, c];

        int[] permutation = [.. Enumerable.Range(0, n)];
        int steps = Math.Min(m, n), rank = 0;
        double first = 0;
        // Squared norms of the columns below the current row, downdated step by step (LAPACK's dlaqp2):
        // recomputing them at every step costs as much as the reflections. A downdate that cancels most of
        // the reference it started from is recomputed.
        var partial = new double[n];
        var reference = new double[n];
        for (int j = 0; j < n; j++) partial[j] = reference[j] = SquaredNorm(q, m, j, 0);
        for (int s = 0; s < steps; s++)
        {
            int pivot = s;
            // Norms equal up to the downdates' rounding tie, and a tie goes to the first column, as with
            // exact norms: columns of equal norm (unit vectors, repeated rows) are common in the extractor's systems.
            for (int j = s + 1; j < n; j++) if (partial[j] > (1 + Tie) * partial[pivot]) pivot = j;
            if (pivot != s)
            {
                for (int i = 0; i < m; i++) (q[s * m + i], q[pivot * m + i]) = (q[pivot * m + i], q[s * m + i]);
                (permutation[s], permutation[pivot]) = (permutation[pivot], permutation[s]);
                (partial[s], partial[pivot]) = (partial[pivot], partial[s]);
                (reference[s], reference[pivot]) = (reference[pivot], reference[s]);
            }
            double best = Math.Sqrt(SquaredNorm(q, m, s, s));
            if (s == 0) first = best;
            if (best <= tolerance * first || best == 0) break;
            rank++;

            // Reflector v = x + sign(x0)·‖x‖·e0, applied as x ← x − v·(vᵀx)/(vᵀv·½).
            double alpha = q[s * m + s] >= 0 ? -best : best;
            var v = q.AsSpan(s * m + s, m - s).ToArray();
            v[0] -= alpha;
            double vv = TensorPrimitives.Dot<double>(v, v);
            void Reflect(double[] data, int column)
            {
                var x = data.AsSpan(column * m + s, m - s);
                double f = -2 * TensorPrimitives.Dot<double>(v, x) / vv;
                TensorPrimitives.MultiplyAdd(v, f, x, x);
            }
            if (vv > 0)
            {
                for (int j = s + 1; j < n; j++) Reflect(q, j);
                for (int c = 0; c < k; c++) Reflect(rhs, c);
            }
            q[s * m + s] = alpha;
            for (int i = s + 1; i < m; i++) q[s * m + i] = 0;
            for (int j = s + 1; j < n; j++)
            {
                double top = q[j * m + s];
                partial[j] = Math.Max(partial[j] - top * top, 0);
                if (partial[j] <= Downdate * reference[j]) partial[j] = reference[j] = SquaredNorm(q, m, j, s + 1);
            }
        }

        var solution = new Matrix(n, k);
        var residuals = new double[k];
        for (int c = 0; c < k; c++)
        {
            var y = new double[rank];
            for (int i = rank - 1; i >= 0; i--)
            {
                double sum = rhs[c * m + i];
                for (int j = i + 1; j < rank; j++) sum -= q[j * m + i] * y[j];
                y[i] = sum / q[i * m + i];
            }
            for (int i = 0; i < rank; i++) solution[permutation[i], c] = y[i] / scale[permutation[i]];
            double residual = 0;
            for (int i = rank; i < m; i++) residual = Hypot(residual, rhs[c * m + i]);
            residuals[c] = residual;
        }
        return new LeastSquaresSolution(solution, rank, residuals, [.. permutation.Take(rank)]);
    }

    /// <summary>
    /// The same least-squares problem in as many rows as unknowns: R and c = (Qᵀb)[..n] of A = Q·R (Householder,
    /// no pivoting), with ‖A·x − b‖² = ‖R·x − c‖² + <c>Dropped</c> for every x, Dropped the squares of (Qᵀb)[n..].
    /// Rows of A that number no more than its columns are returned as they are.
    /// </summary>
    public static (double[][] R, double[] C, double Dropped) Compress(IReadOnlyList<double[]> rows, IReadOnlyList<double> rhs)
    {
        int m = rows.Count, n = rows[0].Length;
        if (m <= n) return ([.. rows.Select(r => (double[])r.Clone())], [.. rhs], 0);
        var q = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) q[j * m + i] = rows[i][j];
        var b = rhs.ToArray();
        for (int s = 0; s < n; s++)
        {
            double norm = Math.Sqrt(SquaredNorm(q, m, s, s));
            if (norm == 0) continue;
            double alpha = q[s * m + s] >= 0 ? -norm : norm;
            var v = q.AsSpan(s * m + s, m - s).ToArray();
            v[0] -= alpha;
            double vv = TensorPrimitives.Dot<double>(v, v);
            if (vv > 0)
            {
                for (int j = s + 1; j < n; j++)
                {
                    var x = q.AsSpan(j * m + s, m - s);
                    TensorPrimitives.MultiplyAdd(v, -2 * TensorPrimitives.Dot<double>(v, x) / vv, x, x);
                }
                var y = b.AsSpan(s, m - s);
                TensorPrimitives.MultiplyAdd(v, -2 * TensorPrimitives.Dot<double>(v, y) / vv, y, y);
            }
            q[s * m + s] = alpha;
        }
        var r = new double[n][];
        for (int i = 0; i < n; i++)
        {
            r[i] = new double[n];
            for (int j = i; j < n; j++) r[i][j] = q[j * m + i];
        }
        var tail = b.AsSpan(n);
        return (r, b[..n], TensorPrimitives.Dot<double>(tail, tail));
    }

    /// <summary>
    /// A downdated squared column norm below this fraction of the value it started from has lost too
    /// many digits to cancellation and is recomputed (LAPACK's test).
    /// </summary>
    private static readonly double Downdate = Math.Sqrt(FloatingPoint.MachineEpsilon);

    /// <summary>The relative difference of squared norms below which two columns tie for the pivot.</summary>
    private const double Tie = 1e-10;

    /// <summary>‖column j from row <paramref name="from"/> down‖²; the columns are equilibrated, so the squares cannot overflow.</summary>
    private static double SquaredNorm(double[] q, int m, int j, int from)
    {
        var column = q.AsSpan(j * m + from, m - from);
        return TensorPrimitives.Dot<double>(column, column);
    }

    private static double Hypot(double a, double b)
    {
        a = Math.Abs(a);
        b = Math.Abs(b);
        if (a < b) (a, b) = (b, a);
        if (a == 0) return 0;
        double r = b / a;
        return a * Math.Sqrt(1 + r * r);
    }
}

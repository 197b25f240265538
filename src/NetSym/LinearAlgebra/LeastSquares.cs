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
        for (int s = 0; s < steps; s++)
        {
            // Pivot: the remaining column of largest norm below row s (recomputed: the systems are small).
            int pivot = s;
            double best = -1;
            for (int j = s; j < n; j++)
            {
                double norm = ColumnNorm(q, m, j, s);
                if (norm > best) (best, pivot) = (norm, j);
            }
            if (pivot != s)
            {
                for (int i = 0; i < m; i++) (q[s * m + i], q[pivot * m + i]) = (q[pivot * m + i], q[s * m + i]);
                (permutation[s], permutation[pivot]) = (permutation[pivot], permutation[s]);
            }
            if (s == 0) first = best;
            if (best <= tolerance * first || best == 0) break;
            rank++;

            // Reflector v = x + sign(x0)·‖x‖·e0, applied as x ← x − v·(vᵀx)/(vᵀv·½).
            double alpha = q[s * m + s] >= 0 ? -best : best;
            var v = new double[m - s];
            for (int i = s; i < m; i++) v[i - s] = q[s * m + i];
            v[0] -= alpha;
            double vv = 0;
            foreach (double x in v) vv += x * x;
            void Reflect(double[] data, int column)
            {
                double dot = 0;
                for (int i = s; i < m; i++) dot += v[i - s] * data[column * m + i];
                double f = 2 * dot / vv;
                for (int i = s; i < m; i++) data[column * m + i] -= f * v[i - s];
            }
            if (vv > 0)
            {
                for (int j = s + 1; j < n; j++) Reflect(q, j);
                for (int c = 0; c < k; c++) Reflect(rhs, c);
            }
            q[s * m + s] = alpha;
            for (int i = s + 1; i < m; i++) q[s * m + i] = 0;
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

    /// <summary>‖column j from row <paramref name="from"/> down‖, without overflow.</summary>
    private static double ColumnNorm(double[] q, int m, int j, int from)
    {
        double norm = 0;
        for (int i = from; i < m; i++) norm = Hypot(norm, q[j * m + i]);
        return norm;
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

namespace NetSym.LinearAlgebra;

/// <summary>
/// A small dense linear-program solver (tableau simplex with Bland's rule, so it cannot cycle), enough to
/// decide whether a polyhedron {x : A x ≤ b} — an activation pattern's region — has a non-empty interior,
/// and to find a point deep inside it (its Chebyshev centre). Sized for the few hundred constraints of a
/// small network's region, not for large problems.
/// </summary>
public static class LinearProgram
{
    private const double Epsilon = 1e-12;

    /// <summary>
    /// The centre and radius of the largest ball (up to radius <paramref name="radiusCap"/>) inside
    /// {x : A x ≤ b}: maximise r subject to a_i·x + ‖a_i‖ r ≤ b_i. The cap keeps the problem bounded on
    /// unbounded regions; a radius above zero (beyond rounding) means the interior is non-empty.
    /// </summary>
    /// <param name="a">The constraint rows a_i, each of the same length d.</param>
    /// <param name="b">The right-hand sides b_i.</param>
    /// <param name="radiusCap">The largest radius sought; must be positive.</param>
    /// <returns>The centre and radius, or null when the polyhedron is empty.</returns>
    public static (double[] Centre, double Radius)? ChebyshevCentre(IReadOnlyList<double[]> a, IReadOnlyList<double> b, double radiusCap)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count) throw new ArgumentException("one right-hand side per constraint row is needed", nameof(b));
        if (!(radiusCap > 0)) throw new ArgumentOutOfRangeException(nameof(radiusCap), "the radius cap must be positive");
        var d = a.Count == 0 ? 0 : a[0].Length;
        // Free x is split as x⁺ − x⁻ so that every variable is non-negative: columns x⁺ (d), x⁻ (d), r.
        var n = 2 * d + 1;
        var rows = new double[a.Count + 1][];
        var rhs = new double[a.Count + 1];
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Length != d) throw new ArgumentException("constraint rows differ in length", nameof(a));
            rows[i] = new double[n];
            var norm = 0.0;
            for (var j = 0; j < d; j++)
            {
                rows[i][j] = a[i][j];
                rows[i][d + j] = -a[i][j];
                norm += a[i][j] * a[i][j];
            }
            rows[i][2 * d] = Math.Sqrt(norm);
            rhs[i] = b[i];
        }
        rows[a.Count] = new double[n];
        rows[a.Count][2 * d] = 1;
        rhs[a.Count] = radiusCap;
        var objective = new double[n];
        objective[2 * d] = 1;
        var solution = Maximise(rows, rhs, objective);
        if (solution is null) return null;
        var centre = new double[d];
        for (var j = 0; j < d; j++) centre[j] = solution[j] - solution[d + j];
        return (centre, solution[2 * d]);
    }

    /// <summary>
    /// Maximises c·z subject to M z ≤ h and z ≥ 0 (the feasible set must be bounded in the direction of c).
    /// </summary>
    /// <param name="m">The constraint rows.</param>
    /// <param name="h">The right-hand sides.</param>
    /// <param name="c">The objective.</param>
    /// <returns>An optimal z, or null when the constraints are infeasible.</returns>
    public static double[]? Maximise(IReadOnlyList<double[]> m, IReadOnlyList<double> h, IReadOnlyList<double> c)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(c);
        var rowCount = m.Count;
        var n = c.Count;
        // Tableau over n original variables, one slack per row and an auxiliary x0 for phase one; the
        // last column is the right-hand side. basis[i] is the variable basic in row i.
        var width = n + rowCount + 2;
        var aux = n + rowCount;
        var t = new double[rowCount][];
        var basis = new int[rowCount];
        for (var i = 0; i < rowCount; i++)
        {
            t[i] = new double[width];
            for (var j = 0; j < n; j++) t[i][j] = m[i][j];
            t[i][n + i] = 1;
            t[i][aux] = -1;
            t[i][width - 1] = h[i];
            basis[i] = n + i;
        }
        var worst = -1;
        for (var i = 0; i < rowCount; i++)
            if (h[i] < 0 && (worst < 0 || h[i] < h[worst])) worst = i;
        if (worst >= 0)
        {
            // Phase one: minimise x0; the slack basis becomes feasible after one pivot on the most negative row.
            var phaseOne = new double[width - 1];
            phaseOne[aux] = -1;
            Pivot(t, basis, worst, aux);
            if (!Optimise(t, basis, phaseOne)) throw new LinearAlgebraException("phase one of the simplex was unbounded, which cannot happen");
            var value = 0.0;
            for (var i = 0; i < rowCount; i++) if (basis[i] == aux) value = t[i][width - 1];
            if (value > 1e-9 * (1 + MaxAbs(h))) return null;
            for (var i = 0; i < rowCount; i++)
            {
                if (basis[i] != aux) continue;
                var enter = -1;
                for (var j = 0; j < aux && enter < 0; j++) if (Math.Abs(t[i][j]) > Epsilon) enter = j;
                if (enter >= 0) Pivot(t, basis, i, enter);
            }
        }
        // x0 must stay at zero in phase two: drop its column.
        for (var i = 0; i < rowCount; i++) t[i][aux] = 0;
        var phaseTwo = new double[width - 1];
        for (var j = 0; j < n; j++) phaseTwo[j] = c[j];
        if (!Optimise(t, basis, phaseTwo)) throw new LinearAlgebraException("the linear program is unbounded");
        var z = new double[n];
        for (var i = 0; i < rowCount; i++) if (basis[i] < n) z[basis[i]] = t[i][width - 1];
        return z;
    }

    private static double MaxAbs(IReadOnlyList<double> values)
    {
        var max = 0.0;
        foreach (var v in values) max = Math.Max(max, Math.Abs(v));
        return max;
    }

    // Simplex iterations with Bland's rule (smallest entering index, smallest leaving basic index on ties);
    // false when the objective is unbounded. The aux column is zeroed in phase two, so it never enters.
    private static bool Optimise(double[][] t, int[] basis, double[] objective)
    {
        var width = objective.Length + 1;
        while (true)
        {
            var enter = -1;
            for (var j = 0; j < width - 1 && enter < 0; j++)
            {
                if (Array.IndexOf(basis, j) >= 0) continue;
                var reduced = objective[j];
                for (var i = 0; i < t.Length; i++) reduced -= objective[basis[i]] * t[i][j];
                if (reduced > 1e-10) enter = j;
            }
            if (enter < 0) return true;
            var leave = -1;
            var best = double.PositiveInfinity;
            for (var i = 0; i < t.Length; i++)
            {
                if (t[i][enter] <= Epsilon) continue;
                var ratio = t[i][width - 1] / t[i][enter];
                if (ratio < best - Epsilon || (Math.Abs(ratio - best) <= Epsilon && basis[i] < basis[leave]))
                {
                    best = ratio;
                    leave = i;
                }
            }
            if (leave < 0) return false;
            Pivot(t, basis, leave, enter);
        }
    }

    private static void Pivot(double[][] t, int[] basis, int row, int column)
    {
        var pivotRow = t[row];
        var p = pivotRow[column];
        for (var j = 0; j < pivotRow.Length; j++) pivotRow[j] /= p;
        for (var i = 0; i < t.Length; i++)
        {
            if (i == row) continue;
            var f = t[i][column];
            if (f == 0) continue;
            for (var j = 0; j < pivotRow.Length; j++) t[i][j] -= f * pivotRow[j];
        }
        basis[row] = column;
    }
}

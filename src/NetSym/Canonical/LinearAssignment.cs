namespace NetSym.Canonical;

/// <summary>
/// An optimal solution of a linear assignment problem with its dual certificate.
/// </summary>
/// <param name="RowToColumn">The column assigned to each row, −1 for a row left out (only when rows &gt; columns).</param>
/// <param name="ColumnToRow">The row assigned to each column, −1 for a column left out (only when columns &gt; rows).</param>
/// <param name="Cost">Σ over assigned pairs of C[i, j].</param>
/// <param name="RowPotentials">u: with <paramref name="ColumnPotentials"/> v, u_i + v_j ≤ C[i, j] for every pair and equality on
/// assigned pairs; on the longer side of a rectangular problem the potentials are ≤ 0 and 0 where unassigned.
/// Together they prove optimality: Σu + Σv = <paramref name="Cost"/> is a lower bound on every assignment's cost.</param>
/// <param name="ColumnPotentials">v, see <paramref name="RowPotentials"/>.</param>
public sealed record AssignmentSolution(int[] RowToColumn, int[] ColumnToRow, double Cost, double[] RowPotentials, double[] ColumnPotentials);

/// <summary>
/// Linear assignment: for a rows × columns cost matrix C, a one-to-one matching of min(rows, columns)
/// pairs (i, j) that minimises Σ C[i, j].
/// </summary>
/// <remarks>
/// Jonker &amp; Volgenant's method (Computing 38, 1987): column reduction, reduction transfer and
/// augmenting row reduction find most of a square assignment cheaply; every row still free is then
/// assigned by a shortest augmenting path (Dijkstra on reduced costs C[i, j] − v_j, keeping each
/// assigned row's column at its row minimum), O(n³) in the worst case. A rectangular problem starts
/// from v = 0 with every row free, which keeps the columns left out at potential 0 and so stays optimal.
/// Costs are only added and subtracted, so integer-valued costs below 2^53 give exact results.
/// </remarks>
public static class LinearAssignment
{
    /// <summary>Solves the problem for the row-major rows × columns matrix <paramref name="cost"/>.</summary>
    /// <exception cref="ArgumentException">Negative sizes, a matrix of the wrong length, or a cost that is NaN or infinite.</exception>
    public static AssignmentSolution Solve(ReadOnlySpan<double> cost, int rows, int columns)
    {
        if (rows < 0 || columns < 0) throw new ArgumentException($"assignment sizes must be non-negative, got {rows}×{columns}");
        if (cost.Length != (long)rows * columns)
            throw new ArgumentException($"cost matrix has {cost.Length} entries, expected {rows}×{columns} = {(long)rows * columns}");
        for (int k = 0; k < cost.Length; k++)
            if (!double.IsFinite(cost[k])) throw new ArgumentException($"cost [{k / columns},{k % columns}] is {cost[k]}; costs must be finite");

        if (rows <= columns) return new Solver(cost.ToArray(), rows, columns).Run();

        // More rows than columns: solve the transposed problem and read it back.
        var transposed = new double[cost.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) transposed[j * rows + i] = cost[i * columns + j];
        var t = new Solver(transposed, columns, rows).Run();
        return new AssignmentSolution(t.ColumnToRow, t.RowToColumn, t.Cost, t.ColumnPotentials, t.RowPotentials);
    }

    /// <summary>One solve of an n × m problem with n ≤ m.</summary>
    private sealed class Solver(double[] c, int n, int m)
    {
        private readonly int[] _x = Filled(n, -1);   // row → column
        private readonly int[] _y = Filled(m, -1);   // column → row
        private readonly double[] _v = new double[m]; // column potentials

        public AssignmentSolution Run()
        {
            var free = n == m && n > 0 ? Reduce() : [.. Enumerable.Range(0, n)];
            if (free.Count > 0)
            {
                var d = new double[m];
                var pred = new int[m];
                var columns = new int[m];
                foreach (int f in free) Augment(f, d, pred, columns);
            }

            var u = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                u[i] = c[i * m + _x[i]] - _v[_x[i]];
                total += c[i * m + _x[i]];
            }
            return new AssignmentSolution(_x, _y, total, u, _v);
        }

        /// <summary>
        /// The three initial phases for a square problem; returns the rows still free. Invariant kept
        /// throughout: an assigned row's column minimises C[i, j] − v_j over j.
        /// </summary>
        private List<int> Reduce()
        {
            // Column reduction: v_j = min_i C[i, j]; a row that is some column's minimum takes the first such column.
            var matches = new int[n];
            for (int j = m - 1; j >= 0; j--)
            {
                int best = 0;
                for (int i = 1; i < n; i++) if (c[i * m + j] < c[best * m + j]) best = i;
                _v[j] = c[best * m + j];
                if (++matches[best] == 1) { _x[best] = j; _y[j] = best; }
            }

            // Reduction transfer: a row chosen by one column alone lowers that column's potential until
            // the row's second-best column ties, which leaves the other rows more room.
            var free = new List<int>();
            for (int i = 0; i < n; i++)
            {
                if (matches[i] == 0) { free.Add(i); continue; }
                if (matches[i] > 1 || m == 1) continue;
                int j1 = _x[i];
                double min = double.PositiveInfinity;
                for (int j = 0; j < m; j++) if (j != j1) min = Math.Min(min, c[i * m + j] - _v[j]);
                _v[j1] -= min;
            }

            for (int pass = 0; pass < 2 && free.Count > 0; pass++) free = AugmentingRowReduction(free);
            return free;
        }

        /// <summary>
        /// A free row takes its cheapest column (reduced cost u1), lowering that column's potential to
        /// its second-cheapest u2; the displaced row is retried at once when u1 &lt; u2. Only a heuristic:
        /// the number of retries is capped, since rounding can make a price cut vanish.
        /// </summary>
        private List<int> AugmentingRowReduction(List<int> free)
        {
            var queue = new Stack<int>(free.AsEnumerable().Reverse());
            var stillFree = new List<int>();
            int retries = 0, retryCap = 4 * n;
            while (queue.Count > 0)
            {
                int i = queue.Pop();
                double u1 = double.PositiveInfinity, u2 = double.PositiveInfinity;
                int j1 = -1, j2 = -1;
                for (int j = 0; j < m; j++)
                {
                    double h = c[i * m + j] - _v[j];
                    if (h < u2)
                    {
                        if (h < u1) { u2 = u1; j2 = j1; u1 = h; j1 = j; }
                        else { u2 = h; j2 = j; }
                    }
                }

                int displaced = _y[j1];
                bool strict = u1 < u2;
                if (strict) _v[j1] -= u2 - u1;
                else if (displaced >= 0 && j2 >= 0) { j1 = j2; displaced = _y[j2]; }

                _x[i] = j1; _y[j1] = i;
                if (displaced < 0) continue;
                _x[displaced] = -1;
                if (strict && retries++ < retryCap) queue.Push(displaced);
                else stillFree.Add(displaced);
            }
            return stillFree;
        }

        /// <summary>
        /// Assigns free row f along a shortest augmenting path. Columns are kept in
        /// <paramref name="columns"/> as [scanned | at the current minimum distance, to scan | the rest].
        /// </summary>
        private void Augment(int f, double[] d, int[] pred, int[] columns)
        {
            for (int j = 0; j < m; j++) { d[j] = c[f * m + j] - _v[j]; pred[j] = f; columns[j] = j; }
            int low = 0, up = 0, last = 0, end = -1;
            double min = 0;
            while (end < 0)
            {
                if (up == low)
                {
                    // Collect the unscanned columns at the smallest distance; a free one ends the path.
                    last = low;
                    min = d[columns[up++]];
                    for (int k = up; k < m; k++)
                    {
                        int j = columns[k];
                        double h = d[j];
                        if (h > min) continue;
                        if (h < min) { up = low; min = h; }
                        columns[k] = columns[up];
                        columns[up++] = j;
                    }
                    for (int k = low; k < up; k++)
                        if (_y[columns[k]] < 0) { end = columns[k]; break; }
                    if (end >= 0) break;
                }

                // Scan one column at the minimum: continue through the row that holds it.
                int j1 = columns[low++];
                int i = _y[j1];
                double offset = c[i * m + j1] - _v[j1] - min;
                int row = i * m;
                for (int k = up; k < m; k++)
                {
                    int j = columns[k];
                    double h = c[row + j] - _v[j] - offset;
                    if (h >= d[j]) continue;
                    pred[j] = i;
                    d[j] = h;
                    if (h == min)
                    {
                        if (_y[j] < 0) { end = j; break; }
                        columns[k] = columns[up];
                        columns[up++] = j;
                    }
                }
            }

            // Columns scanned before the last distance level move their potentials so that the new
            // assignment keeps every assigned row at its reduced-cost minimum.
            for (int k = 0; k < last; k++)
            {
                int j = columns[k];
                _v[j] += d[j] - min;
            }

            int at = end;
            while (true)
            {
                int i = pred[at];
                _y[at] = i;
                (at, _x[i]) = (_x[i], at);
                if (i == f) break;
            }
        }

        private static int[] Filled(int length, int value)
        {
            var a = new int[length];
            Array.Fill(a, value);
            return a;
        }
    }
}

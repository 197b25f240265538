using NetSym.Canonical;

namespace NetSym.Tests.Canonical;

public class LinearAssignmentTests
{
    /// <summary>The smallest Σ C[i, σ(i)] over all injective matchings of the shorter side into the longer, by enumeration.</summary>
    private static double BruteForceMinimum(double[] cost, int rows, int columns)
    {
        bool byRow = rows <= columns;
        int shortSide = byRow ? rows : columns, longSide = byRow ? columns : rows;
        double Entry(int s, int l) => byRow ? cost[s * columns + l] : cost[l * columns + s];
        var used = new bool[longSide];
        double best = double.PositiveInfinity;
        void Extend(int s, double sum)
        {
            if (s == shortSide) { best = Math.Min(best, sum); return; }
            for (int l = 0; l < longSide; l++)
            {
                if (used[l]) continue;
                used[l] = true;
                Extend(s + 1, sum + Entry(s, l));
                used[l] = false;
            }
        }
        Extend(0, 0);
        return best;
    }

    /// <summary>
    /// Checks that the solution is a matching of min(rows, columns) pairs whose cost is the reported one, and that its
    /// potentials certify optimality: u_i + v_j ≤ C[i, j] everywhere, equality on the matching, ≤ 0 and 0 off it on the longer side.
    /// </summary>
    private static void AssertCertifiedOptimal(AssignmentSolution s, double[] cost, int rows, int columns, double tolerance)
    {
        Assert.Equal(rows, s.RowToColumn.Length);
        Assert.Equal(columns, s.ColumnToRow.Length);
        int pairs = 0;
        double sum = 0;
        for (int i = 0; i < rows; i++)
        {
            int j = s.RowToColumn[i];
            if (j < 0) continue;
            Assert.Equal(i, s.ColumnToRow[j]);
            pairs++;
            sum += cost[i * columns + j];
            Assert.True(Math.Abs(s.RowPotentials[i] + s.ColumnPotentials[j] - cost[i * columns + j]) <= tolerance, $"pair ({i},{j}) is not tight");
        }
        Assert.Equal(Math.Min(rows, columns), pairs);
        Assert.Equal(pairs, s.ColumnToRow.Count(i => i >= 0));
        Assert.True(Math.Abs(sum - s.Cost) <= tolerance * Math.Max(1, pairs), $"cost {s.Cost}, pairs sum to {sum}");
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                Assert.True(s.RowPotentials[i] + s.ColumnPotentials[j] <= cost[i * columns + j] + tolerance, $"dual infeasible at ({i},{j})");
        if (rows < columns)
            for (int j = 0; j < columns; j++) Assert.True(s.ColumnToRow[j] >= 0 ? s.ColumnPotentials[j] <= tolerance : s.ColumnPotentials[j] == 0);
        if (rows > columns)
            for (int i = 0; i < rows; i++) Assert.True(s.RowToColumn[i] >= 0 ? s.RowPotentials[i] <= tolerance : s.RowPotentials[i] == 0);
        double dual = s.RowPotentials.Sum() + s.ColumnPotentials.Sum();
        Assert.True(Math.Abs(dual - s.Cost) <= tolerance * Math.Max(1, pairs), $"duality gap: {s.Cost} vs {dual}");
    }

    private static double[] RandomCosts(Random r, int count, bool integers) =>
        [.. Enumerable.Range(0, count).Select(_ => integers ? r.Next(-3, 4) : RandomDraw(r))];

    private static double RandomDraw(Random r) => 10 * (r.NextDouble() - 0.3);

    [Fact]
    public void Matches_brute_force_on_every_shape_up_to_seven()
    {
        var r = new Random(1);
        for (int rows = 1; rows <= 7; rows++)
            for (int columns = 1; columns <= 7; columns++)
                for (int trial = 0; trial < 6; trial++)
                {
                    // Half the trials use small integers: many ties, and exact arithmetic.
                    bool integers = trial % 2 == 0;
                    var cost = RandomCosts(r, rows * columns, integers);
                    var s = LinearAssignment.Solve(cost, rows, columns);
                    double best = BruteForceMinimum(cost, rows, columns);
                    if (integers) Assert.Equal(best, s.Cost);
                    else Assert.True(Math.Abs(best - s.Cost) <= 1e-12 * (1 + Math.Abs(best)), $"{rows}×{columns}: {s.Cost} vs brute force {best}");
                    AssertCertifiedOptimal(s, cost, rows, columns, integers ? 0 : 1e-12);
                }
    }

    [Fact]
    public void Recovers_a_planted_unique_zero_cost_matching_at_500()
    {
        const int n = 500;
        var r = new Random(2);
        var planted = Enumerable.Range(0, n).ToArray();
        r.Shuffle(planted);
        var cost = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) cost[i * n + j] = j == planted[i] ? 0 : r.Next(1, 1000);
        var s = LinearAssignment.Solve(cost, n, n);
        Assert.Equal(planted, s.RowToColumn);
        Assert.Equal(0.0, s.Cost);
    }

    [Theory]
    [InlineData(500, 500, true)]
    [InlineData(500, 500, false)]
    [InlineData(300, 500, true)]
    [InlineData(500, 200, false)]
    public void Large_random_problems_are_certified_optimal(int rows, int columns, bool integers)
    {
        var r = new Random(rows * 7 + columns);
        var cost = integers
            ? [.. Enumerable.Range(0, rows * columns).Select(_ => (double)r.Next(0, 10_000))]
            : RandomCosts(r, rows * columns, false);
        var s = LinearAssignment.Solve(cost, rows, columns);
        // Integer costs: every potential stays an integer, so the certificate holds exactly.
        AssertCertifiedOptimal(s, cost, rows, columns, integers ? 0 : 1e-9);
    }

    [Fact]
    public void Agrees_with_the_transposed_problem()
    {
        var r = new Random(5);
        var cost = RandomCosts(r, 40 * 25, false);
        var transposed = new double[cost.Length];
        for (int i = 0; i < 40; i++)
            for (int j = 0; j < 25; j++) transposed[j * 40 + i] = cost[i * 25 + j];
        var s = LinearAssignment.Solve(cost, 40, 25);
        var t = LinearAssignment.Solve(transposed, 25, 40);
        Assert.True(Math.Abs(s.Cost - t.Cost) <= 1e-10);
    }

    [Fact]
    public void Empty_problems_have_empty_solutions()
    {
        var s = LinearAssignment.Solve([], 0, 4);
        Assert.Empty(s.RowToColumn);
        Assert.Equal([-1, -1, -1, -1], s.ColumnToRow);
        Assert.Equal(0.0, s.Cost);
    }

    [Fact]
    public void Rejects_bad_input()
    {
        Assert.Throws<ArgumentException>(() => LinearAssignment.Solve([1, double.NaN, 2, 3], 2, 2));
        Assert.Throws<ArgumentException>(() => LinearAssignment.Solve([1, double.PositiveInfinity, 2, 3], 2, 2));
        Assert.Throws<ArgumentException>(() => LinearAssignment.Solve([1, 2, 3], 2, 2));
        Assert.Throws<ArgumentException>(() => LinearAssignment.Solve([], -1, 2));
    }
}

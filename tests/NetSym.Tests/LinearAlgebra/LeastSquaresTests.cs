using NetSym.LinearAlgebra;
using NetSym.Randomness;
using NetSym.Tests.Extraction;

namespace NetSym.Tests.LinearAlgebra;

/// <summary>The small least-squares solver: exact on consistent systems, residual orthogonal to the columns otherwise, rank found.</summary>
public class LeastSquaresTests
{
    private static Matrix Product(Matrix a, Matrix x)
    {
        var y = new Matrix(a.Rows, x.Columns);
        for (int i = 0; i < a.Rows; i++)
            for (int c = 0; c < x.Columns; c++)
                for (int j = 0; j < a.Columns; j++) y[i, c] += a[i, j] * x[j, c];
        return y;
    }

    [Theory]
    [InlineData(5, 5, 1, 1)]
    [InlineData(40, 12, 3, 2)]
    [InlineData(100, 30, 2, 3)]
    public void ConsistentSystemsAreSolvedExactly(int rows, int columns, int rhs, long seed)
    {
        var random = RandomKey.FromSeed(seed).Stream();
        var a = OracleTestData.Normal(random, rows, columns);
        // Columns of very different scales: equilibration keeps them all.
        for (int i = 0; i < rows; i++) a[i, 0] *= 1e6;
        var x = OracleTestData.Normal(random, columns, rhs);
        var solution = LeastSquares.Solve(a, Product(a, x));
        Assert.Equal(columns, solution.Rank);
        for (int k = 0; k < x.Data.Length; k++) Assert.Equal(x.Data[k], solution.Solution.Data[k], 1e-9 * (1 + Math.Abs(x.Data[k])));
        Assert.All(solution.ResidualNorms, r => Assert.True(r < 1e-8));
    }

    [Theory]
    [InlineData(60, 20, 4)]
    [InlineData(300, 120, 5)]
    public void EveryPivotIsTheLargestRemainingColumnThoughTheNormsAreDowndated(int rows, int columns, long seed)
    {
        // Columns u + 1e-7·g_j: once the first reflection removes u, every downdated norm has cancelled
        // to 1e-14 of where it started and must be recomputed, or the pivots go astray. Column pivoting
        // means: each pivot's part orthogonal to the pivots before it is the largest such part among the
        // columns left (up to ties), checked here by Gram–Schmidt on the equilibrated columns.
        var random = RandomKey.FromSeed(seed).Stream();
        var g = OracleTestData.Normal(random, rows, columns);
        var u = OracleTestData.Normal(random, rows, 1);
        var a = new Matrix(rows, columns);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) a[i, j] = u[i, 0] + 1e-7 * g[i, j];
        var x = OracleTestData.Normal(random, columns, 1);
        var solution = LeastSquares.Solve(a, Product(a, x));
        Assert.Equal(columns, solution.Rank);

        var remaining = Enumerable.Range(0, columns).Select(j =>
        {
            var column = Enumerable.Range(0, rows).Select(i => a[i, j]).ToArray();
            double norm = Math.Sqrt(column.Sum(v => v * v));
            return column.Select(v => v / norm).ToArray();
        }).ToArray();
        var left = new HashSet<int>(Enumerable.Range(0, columns));
        foreach (int pivot in solution.IndependentColumns)
        {
            double Norm(int j) => Math.Sqrt(remaining[j].Sum(v => v * v));
            double largest = left.Max(Norm);
            Assert.True(Norm(pivot) >= (1 - 1e-6) * largest, $"pivot {pivot}: {Norm(pivot):G6} of the largest {largest:G6}");
            left.Remove(pivot);
            var q = remaining[pivot].Select(v => v / Norm(pivot)).ToArray();
            foreach (int j in left)
                for (int pass = 0; pass < 2; pass++)
                {
                    double along = q.Zip(remaining[j], (p, r) => p * r).Sum();
                    for (int i = 0; i < rows; i++) remaining[j][i] -= along * q[i];
                }
        }
        // Conditioned about 1e7: the unknowns to about 1e−8, the residual to rounding.
        for (int k = 0; k < columns; k++) Assert.Equal(x.Data[k], solution.Solution.Data[k], 1e-5 * (1 + Math.Abs(x.Data[k])));
        Assert.True(solution.ResidualNorms[0] < 1e-12 * Math.Sqrt(rows));
    }

    [Fact]
    public void TheResidualOfAnInconsistentSystemIsOrthogonalToTheColumns()
    {
        var random = RandomKey.FromSeed(7).Stream();
        var a = OracleTestData.Normal(random, 30, 6);
        var b = OracleTestData.Normal(random, 30, 1);
        var solution = LeastSquares.Solve(a, b);
        var fitted = Product(a, solution.Solution);
        double norm = 0;
        for (int i = 0; i < 30; i++) norm += (b[i, 0] - fitted[i, 0]) * (b[i, 0] - fitted[i, 0]);
        Assert.Equal(Math.Sqrt(norm), solution.ResidualNorms[0], 1e-12);
        for (int j = 0; j < 6; j++)
        {
            double dot = 0;
            for (int i = 0; i < 30; i++) dot += a[i, j] * (b[i, 0] - fitted[i, 0]);
            Assert.True(Math.Abs(dot) < 1e-12, $"column {j}: {dot}");
        }
    }

    [Fact]
    public void ADependentColumnLowersTheRankAndGetsNoWeight()
    {
        var random = RandomKey.FromSeed(8).Stream();
        var a = OracleTestData.Normal(random, 20, 4);
        for (int i = 0; i < 20; i++) a[i, 3] = 2 * a[i, 1] - a[i, 0];
        var x = new Matrix(4, 1, [1, -2, 0.5, 0]);
        var solution = LeastSquares.Solve(a, Product(a, x));
        Assert.Equal(3, solution.Rank);
        Assert.Equal(3, solution.IndependentColumns.Length);
        Assert.True(solution.ResidualNorms[0] < 1e-12);
        Assert.True(Product(a, solution.Solution).Data.Zip(Product(a, x).Data).All(p => Math.Abs(p.First - p.Second) < 1e-12));
    }

    /// <summary>
    /// Compressing a tall system to its triangular factor keeps the problem: ‖A·x − b‖² = ‖R·x − c‖² + dropped
    /// for any x, and with more rows stacked below, the same solution, rank and residual, also when A has a
    /// dependent column.
    /// </summary>
    [Theory]
    [InlineData(50, 8, false, 6)]
    [InlineData(400, 40, true, 7)]
    public void ACompressedSystemHasTheSameSolutionsAndResiduals(int rows, int columns, bool dependent, long seed)
    {
        var random = RandomKey.FromSeed(seed).Stream();
        var a = OracleTestData.Normal(random, rows, columns);
        var b = OracleTestData.Normal(random, rows, 1);
        var extra = OracleTestData.Normal(random, 5, columns);
        if (dependent)
        {
            for (int i = 0; i < rows; i++) a[i, 3] = a[i, 1] - 2 * a[i, 2];
            for (int i = 0; i < 5; i++) extra[i, 3] = extra[i, 1] - 2 * extra[i, 2];
        }
        var extraRhs = OracleTestData.Normal(random, 5, 1);
        var (r, c, dropped) = LeastSquares.Compress([.. Enumerable.Range(0, rows).Select(i => a.Row(i).ToArray())], b.Data);
        Assert.Equal(columns, r.Length);

        var x = OracleTestData.Normal(random, columns, 1);
        double full = Product(a, x).Data.Zip(b.Data).Sum(p => (p.First - p.Second) * (p.First - p.Second));
        var rMatrix = Matrix.FromRows(r);
        double compressed = Product(rMatrix, x).Data.Zip(c).Sum(p => (p.First - p.Second) * (p.First - p.Second)) + dropped;
        Assert.Equal(full, compressed, 1e-10 * full);

        var direct = LeastSquares.Solve(Matrix.FromRows([.. Enumerable.Range(0, rows).Select(i => a.Row(i).ToArray()), .. Enumerable.Range(0, 5).Select(i => extra.Row(i).ToArray())]),
            new Matrix(rows + 5, 1, [.. b.Data, .. extraRhs.Data]));
        var viaR = LeastSquares.Solve(Matrix.FromRows([.. r, .. Enumerable.Range(0, 5).Select(i => extra.Row(i).ToArray())]),
            new Matrix(columns + 5, 1, [.. c, .. extraRhs.Data]), Math.Max(rows + 5, columns) * FloatingPoint.MachineEpsilon);
        Assert.Equal(direct.Rank, viaR.Rank);
        Assert.Equal(dependent ? columns - 1 : columns, viaR.Rank);
        Assert.Equal(direct.ResidualNorms[0] * direct.ResidualNorms[0], viaR.ResidualNorms[0] * viaR.ResidualNorms[0] + dropped, 1e-9 * (1 + dropped));
        // With a dependent column the basic solutions may differ; their fitted values may not.
        var fitDirect = Product(rMatrix, direct.Solution).Data;
        var fitViaR = Product(rMatrix, viaR.Solution).Data;
        for (int k = 0; k < fitDirect.Length; k++) Assert.Equal(fitDirect[k], fitViaR[k], 1e-9 * (1 + Math.Abs(fitDirect[k])));
    }
}

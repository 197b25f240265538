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
}

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

using CsCheck;
using NetSym.LinearAlgebra;

namespace NetSym.Tests.LinearAlgebra;

public class ModularKernelTests
{
    private static readonly PrimeField F = ModularReference.Field();

    /// <summary>A·v ≡ 0 for every basis vector, n − r of them, 1 at its own free column and 0 at the others.</summary>
    private static void AssertIsKernelBasis(PrimeField field, long[] a, int m, int n, ModularKernel kernel)
    {
        long p = field.P;
        int rank = ModularReference.RankModP(a, m, n, p).Rank;
        Assert.Equal(rank, kernel.Echelon.Rank);
        Assert.Equal(n - rank, kernel.Basis.Rows);
        Assert.Equal(n, kernel.Basis.Columns);
        Assert.Equal(Enumerable.Range(0, n).Except(kernel.Echelon.PivotColumns), kernel.FreeColumns);
        for (int q = 0; q < kernel.Basis.Rows; q++)
        {
            var v = kernel.Basis.Row(q).ToArray().Select(x => (long)x).ToArray();
            Assert.All(v, x => Assert.InRange(x, 0, p - 1));
            for (int f = 0; f < kernel.FreeColumns.Count; f++) Assert.Equal(f == q ? 1 : 0, v[kernel.FreeColumns[f]]);
            var product = ModularReference.Multiply([.. a.Select(x => (double)ModularReference.Mod(x, p))], [.. v.Select(x => (double)x)], m, 1, n, p);
            Assert.All(product, x => Assert.Equal(0, x));
        }
        // Independence: the identity on the free columns already shows it; check the rank anyway.
        var basis = kernel.Basis.Data.Select(x => (long)x).ToArray();
        Assert.Equal(n - rank, ModularReference.RankModP(basis, n - rank, n, p).Rank);
    }

    [Theory]
    [InlineData(30, 45, 20)]
    [InlineData(45, 30, 12)]
    [InlineData(300, 320, 290)] // more pivots than one back-substitution block
    public void BasisOfPlantedRankMatrices(int m, int n, int r)
    {
        var a = ModularReference.PlantedRank(new Random(m + n + r), m, n, r);
        var kernel = ModularKernel.Compute(F, ModularReference.Residues(a, F.P), m, n, LinearAlgebraBackends.Default);
        Assert.Equal(n - r, kernel.Basis.Rows);
        AssertIsKernelBasis(F, a, m, n, kernel);
    }

    [Fact]
    public void RandomSmallMatricesHaveKernelBases() =>
        Gen.Select(Gen.Int[0, 10], Gen.Int[0, 12], Gen.Int[0, 2], Gen.Int[0, 1_000_000]).Sample((m, n, which, seed) =>
        {
            var field = new PrimeField(new long[] { 3, 7, F.P }[which]);
            var random = new Random(seed);
            var a = Enumerable.Range(0, m * n).Select(_ => random.Next(2) == 0 ? random.Next(-2, 3) : 0L).ToArray();
            AssertIsKernelBasis(field, a, m, n, ModularKernel.Compute(field, ModularReference.Residues(a, field.P), m, n, LinearAlgebraBackends.Default));
        }, iter: 200);

    [Fact]
    public void SmallIntegerKernelVectorsLiftExactly()
    {
        // Columns 4 = 2·c0 − c1 and 5 = c2 − 3·c3: the kernel over Q is spanned by (−2, 1, 0, 0, 1, 0) and (0, 0, −1, 3, 0, 1).
        var random = new Random(4);
        int m = 7, n = 6;
        var a = new long[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < 4; j++) a[i * n + j] = random.Next(-5, 6);
            a[i * n + 4] = 2 * a[i * n] - a[i * n + 1];
            a[i * n + 5] = a[i * n + 2] - 3 * a[i * n + 3];
        }
        var values = new Matrix(m, n, [.. a.Select(x => (double)x)]);
        var kernel = ModularKernel.ComputeDyadic(F, values, LinearAlgebraBackends.Default);
        Assert.Equal([4, 5], kernel.FreeColumns);
        Assert.Equal([-2L, 1, 0, 0, 1, 0], kernel.SymmetricLift(0));
        Assert.Equal([0L, 0, -1, 3, 0, 1], kernel.SymmetricLift(1));
    }

    [Fact]
    public void FullColumnRankHasAnEmptyKernelAndZeroMatrixEverything()
    {
        var a = ModularReference.PlantedRank(new Random(8), 20, 10, 10);
        Assert.Equal(0, ModularKernel.Compute(F, ModularReference.Residues(a, F.P), 20, 10, LinearAlgebraBackends.Default).Basis.Rows);

        var zero = ModularKernel.Compute(F, new Matrix(3, 5), LinearAlgebraBackends.Default);
        Assert.Equal(5, zero.Basis.Rows);
        for (int q = 0; q < 5; q++) Assert.Equal(Enumerable.Range(0, 5).Select(j => j == q ? 1.0 : 0.0), zero.Basis.Row(q).ToArray());
        Assert.Equal(4, ModularKernel.Compute(F, new Matrix(0, 4), LinearAlgebraBackends.Default).Basis.Rows);
    }
}

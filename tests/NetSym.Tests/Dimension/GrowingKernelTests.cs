using CsCheck;
using NetSym.Dimension;
using NetSym.LinearAlgebra;

namespace NetSym.Tests.Dimension;

public class GrowingKernelTests
{
    private static readonly PrimeField Field = new(4194319);

    /// <summary>A rows × columns matrix of residues of rank at most <paramref name="rank"/> (a product of two random factors).</summary>
    private static Matrix LowRank(int rows, int columns, int rank, Random random)
    {
        var a = new Matrix(rows, rank);
        var b = new Matrix(rank, columns);
        for (int k = 0; k < a.Data.Length; k++) a.Data[k] = random.NextInt64(Field.P);
        for (int k = 0; k < b.Data.Length; k++) b.Data[k] = random.NextInt64(Field.P);
        var c = new Matrix(rows, columns);
        ModularGemm.Multiply(Field, rows, columns, rank, a.Data, rank, b.Data, columns, c.Data, columns, LinearAlgebraBackends.Default);
        return c;
    }

    [Fact]
    public void Adding_rows_block_by_block_gives_the_kernel_of_the_whole_matrix_in_its_reduced_basis()
    {
        Gen.Select(Gen.Int[1, 12], Gen.Int[1, 30], Gen.Int[1, 4], Gen.Int[0, 1_000_000]).Sample((columns, rows, blocks, seed) =>
        {
            var random = new Random(seed);
            var whole = LowRank(rows, columns, random.Next(1, columns + 1), random);
            var cuts = Enumerable.Range(0, blocks - 1).Select(_ => random.Next(rows + 1)).Append(0).Append(rows).Distinct().Order().ToArray();
            var grown = GrowingKernel.Of(Field, Rows(whole, cuts[0], cuts[1]), LinearAlgebraBackends.Default);
            for (int c = 1; c + 1 < cuts.Length; c++) grown.Add(Rows(whole, cuts[c], cuts[c + 1]));

            var direct = ModularKernel.Compute(Field, whole, LinearAlgebraBackends.Default);
            Assert.Equal(direct.Echelon.Rank, grown.Rank);
            var (basis, free) = grown.Reduced();
            Assert.Equal(direct.FreeColumns, free);
            Assert.Equal(direct.Basis.Data, basis.Data);
        }, iter: 200);
    }

    [Fact]
    public void The_reduced_basis_of_a_reduced_basis_is_itself()
    {
        var random = new Random(3);
        var a = LowRank(9, 14, 5, random);
        var direct = ModularKernel.Compute(Field, a, LinearAlgebraBackends.Default);
        var (basis, free) = GrowingKernel.Of(Field, a, LinearAlgebraBackends.Default).Reduced();
        Assert.Equal(direct.FreeColumns, free);
        Assert.Equal(direct.Basis.Data, basis.Data);
        Assert.Equal(14 - 5, free.Length);
    }

    private static Matrix Rows(Matrix a, int from, int to) =>
        new(to - from, a.Columns, a.Data[(from * a.Columns)..(to * a.Columns)]);
}

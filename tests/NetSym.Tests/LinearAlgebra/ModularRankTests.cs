using System.Numerics;
using CsCheck;
using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Tests.LinearAlgebra;

public class ModularRankTests
{
    private static readonly PrimeField F = ModularReference.Field();

    /// <summary>Rank and pivots against the entry-by-entry reference; the pivot rows must carry an invertible block.</summary>
    private static ModularRankResult AssertMatchesReference(PrimeField field, long[] a, int m, int n, ModularRankResult result)
    {
        var (rank, pivotColumns) = ModularReference.RankModP(a, m, n, field.P);
        Assert.Equal(rank, result.Rank);
        Assert.Equal(pivotColumns, result.PivotColumns);
        Assert.Equal(rank, result.PivotRows.Distinct().Count());
        var block = result.PivotRows.SelectMany(i => result.PivotColumns.Select(j => a[i * n + j])).ToArray();
        Assert.Equal(rank, ModularReference.RankModP(block, rank, rank, field.P).Rank);
        return result;
    }

    [Theory]
    [InlineData(60, 50, 17, 0)]
    [InlineData(50, 60, 50, 0)]   // full row rank, wide
    [InlineData(70, 40, 40, 0)]   // full column rank, tall
    [InlineData(300, 330, 290, 0)] // crosses the 256-column panel
    [InlineData(330, 300, 120, 0)]
    [InlineData(560, 600, 540, 8388593)] // exact depth 511 < two panels: the delayed reduction must catch up
    public void PlantedRankIsFound(int m, int n, int r, long prime)
    {
        var field = prime == 0 ? F : new PrimeField(prime);
        var a = ModularReference.PlantedRank(new Random(m * n + r), m, n, r);
        var result = ModularRank.Compute(field, new Matrix(m, n, ModularReference.Residues(a, field.P)), LinearAlgebraBackends.Default);
        AssertMatchesReference(field, a, m, n, result);
        Assert.Equal(r, result.Rank);
        Assert.Equal(field, result.Field);
        Assert.Equal((m, n), (result.Rows, result.Columns));
    }

    [Fact]
    public void WorstCaseProductsStayExactAcrossDelayedReductions()
    {
        // A = L·U with every multiplier L[i,s] (i > s) and every U[s,j] (j > s, s < r) equal to
        // h = (p−1)/2, the largest representative, and ones on both diagonals: elimination without
        // row swaps recovers L and U, and every panel update subtracts 256 products h² of one sign.
        // With p the largest prime below 2^23 only 511 such products fit below 2^53, so a trailing
        // matrix left unreduced for too many panels would round, and the zero rows below r would
        // come out non-zero.
        var field = new PrimeField(8388593);
        long h = (field.P - 1) / 2;
        int n = 800, r = 790;
        var a = new long[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                int common = Math.Min(Math.Min(i, j), r); // the s < min(i, j) with U's row s non-zero
                long diagonalTerm = Math.Min(i, j) < r ? (i == j ? 1 : h) : 0;
                a[i * n + j] = ModularReference.Mod(common * (h * h % field.P) % field.P + diagonalTerm, field.P);
            }
        var result = ModularRank.Compute(field, ModularReference.Residues(a, field.P), n, n, LinearAlgebraBackends.Default);
        Assert.Equal(r, result.Rank);
        Assert.Equal(Enumerable.Range(0, r), result.PivotColumns);
        Assert.Equal(Enumerable.Range(0, r), result.PivotRows);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(16)]
    [InlineData(40)]
    public void EveryPanelWidthGivesTheSameEchelonPivots(int panel)
    {
        // Sparse rows and dependent columns put rank-deficient stretches inside panels and at their edges.
        int m = 90, n = 110;
        var random = new Random(panel);
        var a = ModularReference.PlantedRank(random, m, n, 70, bound: 1);
        for (int j = 0; j < n; j += 7) for (int i = 0; i < m; i++) a[i * n + j] = a[i * n + (j + 3) % n];
        var work = ModularReference.Residues(a, F.P).Select(x => ResidueWindow.Centered(F).FromResidue(x)).ToArray();
        var elimination = new ModularElimination(F, work, m, n, LinearAlgebraBackends.Default, panel);
        int rank = elimination.Run();
        var result = new ModularRankResult(F, m, n, rank, elimination.PivotColumns, elimination.PivotRows);
        AssertMatchesReference(F, a, m, n, result);
    }

    [Fact]
    public void RandomSmallMatricesAgreeWithTheReference() =>
        Gen.Select(Gen.Int[0, 14], Gen.Int[0, 14], Gen.Int[0, 3], Gen.Int[0, 1_000_000]).Sample((m, n, which, seed) =>
        {
            // Entries in [−2, 2] with many zeros, over primes as small as 3, so that ranks drop mod p.
            var field = new PrimeField(new long[] { 3, 5, 7, F.P }[which]);
            var random = new Random(seed);
            var a = Enumerable.Range(0, m * n).Select(_ => random.Next(3) == 0 ? random.Next(-2, 3) : 0L).ToArray();
            AssertMatchesReference(field, a, m, n, ModularRank.Compute(field, ModularReference.Residues(a, field.P), m, n, LinearAlgebraBackends.Default));
        }, iter: 300);

    [Fact]
    public void ZeroMatrixHasRankZero()
    {
        var result = ModularRank.Compute(F, new Matrix(20, 30), LinearAlgebraBackends.Default);
        Assert.Equal(0, result.Rank);
        Assert.Empty(result.PivotColumns);
        Assert.Empty(result.PivotRows);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 5)]
    [InlineData(5, 0)]
    public void EmptyMatricesHaveRankZero(int m, int n) => Assert.Equal(0, ModularRank.Compute(F, new Matrix(m, n), LinearAlgebraBackends.Default).Rank);

    [Fact]
    public void IdentityHasFullRankWithEveryPivotInPlace()
    {
        int n = 40;
        var identity = new Matrix(n, n);
        for (int i = 0; i < n; i++) identity[i, i] = 1;
        var result = ModularRank.Compute(F, identity, LinearAlgebraBackends.Default);
        Assert.Equal(n, result.Rank);
        Assert.Equal(Enumerable.Range(0, n), result.PivotColumns);
        Assert.Equal(Enumerable.Range(0, n), result.PivotRows);
    }

    [Fact]
    public void DuplicatedColumnsAreNeverPivots()
    {
        int m = 30, n = 12;
        var a = ModularReference.PlantedRank(new Random(5), m, n, n);
        int[] duplicates = [3, 7, 11];
        var b = new long[m * (n + duplicates.Length)];
        int width = n + duplicates.Length;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++) b[i * width + j] = a[i * n + j];
            for (int d = 0; d < duplicates.Length; d++) b[i * width + n + d] = a[i * n + duplicates[d]];
        }
        var result = AssertMatchesReference(F, b, m, width, ModularRank.Compute(F, ModularReference.Residues(b, F.P), m, width, LinearAlgebraBackends.Default));
        Assert.Equal(Enumerable.Range(0, n), result.PivotColumns);
    }

    [Fact]
    public void InPlaceAgreesAndCopyLeavesTheInputAlone()
    {
        var a = ModularReference.PlantedRank(new Random(9), 40, 45, 33);
        var residues = ModularReference.Residues(a, F.P);
        var copy = (double[])residues.Clone();
        var result = ModularRank.Compute(F, residues, 40, 45, LinearAlgebraBackends.Default);
        Assert.Equal(copy, residues);
        var inPlace = ModularRank.ComputeInPlace(F, residues, 40, 45, LinearAlgebraBackends.Default);
        Assert.Equal(result.Rank, inPlace.Rank);
        Assert.Equal(result.PivotColumns, inPlace.PivotColumns);
        Assert.Equal(result.PivotRows, inPlace.PivotRows);
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Throws<ArgumentException>(() => ModularRank.Compute(F, new double[5], 2, 3, LinearAlgebraBackends.Default));
        Assert.Throws<ArgumentException>(() => ModularRank.Compute(F, new double[6], -2, -3, LinearAlgebraBackends.Default));
        Assert.Throws<ArgumentException>(() => ModularRank.Compute(F, [0, 1, F.P], 1, 3, LinearAlgebraBackends.Default));
        Assert.Throws<ArgumentException>(() => ModularRank.Compute(F, [0, -1, 2], 1, 3, LinearAlgebraBackends.Default));
        Assert.Throws<ArgumentException>(() => ModularRank.Compute(F, [0, 0.5, 2], 1, 3, LinearAlgebraBackends.Default));
        Assert.Throws<ArgumentException>(() => ModularRank.ComputeDyadic(F, new Matrix(1, 2, [1, double.NaN]), LinearAlgebraBackends.Default));
        Assert.Throws<ArgumentException>(() => ModularRank.RankOverPrimes(new Matrix(1, 1, [1]), [], LinearAlgebraBackends.Default));
    }

    [Fact]
    public void RankModPIsALowerBoundOnTheRankOverQ() =>
        Gen.Select(Gen.Int[1, 8], Gen.Int[1, 8], Gen.Int[0, 1_000_000]).Sample((m, n, seed) =>
        {
            var random = new Random(seed);
            var a = Enumerable.Range(0, m * n).Select(_ => (long)random.Next(-3, 4)).ToArray();
            int overQ = ModularReference.RankOverQ([.. a.Select(x => new BigInteger(x))], m, n);
            foreach (long p in new long[] { 3, 5, 7 })
                Assert.InRange(ModularRank.Compute(new PrimeField(p), ModularReference.Residues(a, p), m, n, LinearAlgebraBackends.Default).Rank, 0, overQ);
            var primes = Enumerable.Range(0, 3).Select(s => PrimeField.Random(RandomKey.FromSeed(seed + s).Stream()));
            var values = new Matrix(m, n, [.. a.Select(x => (double)x)]);
            Assert.Equal(overQ, ModularRank.RankOverPrimes(values, primes, LinearAlgebraBackends.Default).Rank);
        }, iter: 200);

    [Fact]
    public void APrimeDividingTheDeterminantLowersTheRankAndAnotherPrimeRestoresIt()
    {
        var field = new PrimeField(101);
        var values = new Matrix(2, 2, [1, 0, 0, 101]);
        Assert.Equal(1, ModularRank.ComputeDyadic(field, values, LinearAlgebraBackends.Default).Rank);
        var best = ModularRank.RankOverPrimes(values, [field, new PrimeField(103)], LinearAlgebraBackends.Default);
        Assert.Equal(2, best.Rank);
        Assert.Equal(103, best.Field.P);
    }

    [Fact]
    public void DyadicMatricesHaveTheRankOfTheirIntegerMultiple()
    {
        // Entries k·2^−(e_i + f_j): a diagonal rescaling of an integer matrix of rank 18, and 2^40·A is integral.
        var random = new Random(21);
        int m = 25, n = 30;
        var integers = ModularReference.PlantedRank(random, m, n, 18);
        int[] rowShift = [.. Enumerable.Range(0, m).Select(_ => random.Next(0, 20))], columnShift = [.. Enumerable.Range(0, n).Select(_ => random.Next(0, 20))];
        var values = new Matrix(m, n, [.. integers.Select((x, i) => Math.ScaleB(x, -rowShift[i / n] - columnShift[i % n]))]);
        var scaled = values.Data.Select(x => new BigInteger(Math.ScaleB(x, 40))).ToArray();
        Assert.Equal(18, ModularReference.RankOverQ(scaled, m, n));
        Assert.Equal(18, ModularRank.ComputeDyadic(F, values, LinearAlgebraBackends.Default).Rank);
        Assert.Equal(18, ModularRank.RankOverPrimes(values, [F, ModularReference.Field(2)], LinearAlgebraBackends.Default).Rank);
    }
}

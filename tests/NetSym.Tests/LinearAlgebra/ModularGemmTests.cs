using CsCheck;
using NetSym.LinearAlgebra;

namespace NetSym.Tests.LinearAlgebra;

public class ModularGemmTests
{
    private static double[] RandomResidues(Random random, int count, long p) =>
        [.. Enumerable.Range(0, count).Select(_ => (double)random.NextInt64(p))];

    [Theory]
    [InlineData(8388593L, 5, 7, 1000)] // the largest prime below 2^23: ExactBlock 128, so 8 slices
    [InlineData(4194319L, 3, 4, 1537)] // a prime just above 2^22: ExactBlock 512, k = 3 slices and one
    [InlineData(101L, 6, 5, 300)]
    [InlineData(3L, 4, 4, 50)]
    public void MultiplyAgreesWithTheBigIntegerTripleLoop(long p, int m, int n, int k)
    {
        var field = new PrimeField(p);
        Assert.True(k > field.ExactBlock || field.ExactBlock > 1000); // the large primes exercise the slicing
        var random = new Random((int)(p % 1000) + k);
        double[] a = RandomResidues(random, m * k, p), b = RandomResidues(random, k * n, p);
        var c = new double[m * n];
        ModularGemm.Multiply(field, m, n, k, a, k, b, n, c, n, LinearAlgebraBackends.Default);
        Assert.Equal(ModularReference.Multiply(a, b, m, n, k, p), c.Select(x => (long)x));
    }

    [Fact]
    public void LargestResiduesEverywhereStayExact()
    {
        // Every product is (p−1)², the worst case the slicing is sized for; one slice too deep would round.
        var field = new PrimeField(8388593);
        int m = 3, n = 4, k = 5 * field.ExactBlock + 3;
        double[] a = [.. Enumerable.Repeat((double)(field.P - 1), m * k)], b = [.. Enumerable.Repeat((double)(field.P - 1), k * n)];
        var c = new double[m * n];
        ModularGemm.Multiply(field, m, n, k, a, k, b, n, c, n, LinearAlgebraBackends.Default);
        Assert.All(c, x => Assert.Equal(ModularReference.Mod(k, field.P), (long)x)); // (−1)² summed k times
    }

    [Fact]
    public void StridedOperandsAreReadAndWrittenOnlyInsideTheirBlocks()
    {
        var field = new PrimeField(8388593);
        var random = new Random(11);
        int m = 4, n = 6, k = 300, lda = k + 3, ldb = n + 2, ldc = n + 5;
        double[] a = RandomResidues(random, m * lda, field.P), b = RandomResidues(random, k * ldb, field.P);
        var c = Enumerable.Repeat(-7.0, m * ldc).ToArray();
        ModularGemm.Multiply(field, m, n, k, a, lda, b, ldb, c, ldc, LinearAlgebraBackends.Default);

        double[] denseA = [.. Enumerable.Range(0, m * k).Select(i => a[i / k * lda + i % k])];
        double[] denseB = [.. Enumerable.Range(0, k * n).Select(i => b[i / n * ldb + i % n])];
        var expected = ModularReference.Multiply(denseA, denseB, m, n, k, field.P);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < ldc; j++)
                Assert.Equal(j < n ? expected[i * n + j] : -7.0, c[i * ldc + j]);
    }

    [Fact]
    public void EmptyInnerDimensionGivesZero()
    {
        var c = Enumerable.Repeat(5.0, 6).ToArray();
        ModularGemm.Multiply(ModularReference.Field(), 2, 3, 0, [], 0, [], 3, c, 3, LinearAlgebraBackends.Default);
        Assert.All(c, x => Assert.Equal(0, x));
        ModularGemm.Multiply(ModularReference.Field(), 0, 3, 4, [], 4, new double[12], 3, [], 3, LinearAlgebraBackends.Default); // nothing to do, nothing thrown
    }

    [Fact]
    public void CenteredUpdateSubtractsAndAccumulates() =>
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 6], Gen.Int[1, 1300], Gen.Int[0, 1000]).Sample((m, n, k, seed) =>
        {
            // C ← C − A·B in the centered window, with the window's extreme representatives common.
            var field = new PrimeField(8388593);
            var window = ResidueWindow.Centered(field);
            var random = new Random(seed);
            long half = (field.P - 1) / 2;
            double Entry() => random.Next(3) switch { 0 => half, 1 => -half, _ => random.NextInt64(-half, half + 1) };
            double[] a = [.. Enumerable.Range(0, m * k).Select(_ => Entry())], b = [.. Enumerable.Range(0, k * n).Select(_ => Entry())];
            double[] c = [.. Enumerable.Range(0, m * n).Select(_ => Entry())];
            var product = ModularReference.Multiply(a, b, m, n, k, field.P);
            var expected = c.Select((x, i) => ModularReference.Mod((long)x - product[i], field.P)).ToArray();
            ModularGemm.Update(window, accumulate: true, subtract: true, m, n, k, a, k, b, n, c, n, LinearAlgebraBackends.Default);
            Assert.All(c, x => Assert.InRange(x, -half, half));
            Assert.Equal(expected, c.Select(x => ModularReference.Mod((long)x, field.P)));
        }, iter: 40);
}

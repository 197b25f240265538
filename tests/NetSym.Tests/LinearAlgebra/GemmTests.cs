using NetSym.LinearAlgebra;

namespace NetSym.Tests.LinearAlgebra;

public class GemmTests
{
    // Sizes chosen to cross the managed kernel's tile (6×8), block (120 rows, depth 512, 4096 columns)
    // and parallel (2^22 multiply-adds) boundaries.
    private static readonly (int M, int N, int K)[] Sizes =
        [(1, 1, 1), (7, 5, 3), (6, 8, 512), (13, 17, 600), (130, 9, 20), (33, 70, 513), (250, 130, 40), (3, 4100, 2), (121, 241, 65), (140, 100, 520)];

    public static TheoryData<LinearAlgebraKind, bool, bool> KindsAndTransposes()
    {
        var data = new TheoryData<LinearAlgebraKind, bool, bool>();
        foreach (var kind in Enum.GetValues<LinearAlgebraKind>())
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                    data.Add(kind, ta, tb);
        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndTransposes))]
    public void Matches_the_triple_loop_on_strided_submatrices(LinearAlgebraKind kind, bool transposeA, bool transposeB)
    {
        var engine = Engines.Get(kind);
        var random = new Random(1000 + 4 * (int)kind + (transposeA ? 2 : 0) + (transposeB ? 1 : 0));
        double[][] scalars = [[1, 0], [1, 1], [-0.5, 2], [0.75, -1.25]];
        foreach (var (m, n, k) in Sizes)
            Check(engine, random, transposeA, transposeB, m, n, k, scalars);
    }

    [Theory]
    [MemberData(nameof(Engines.Kinds), MemberType = typeof(Engines))]
    public void Beta_zero_ignores_NaN_in_C(LinearAlgebraKind kind)
    {
        var random = new Random(7);
        int m = 37, n = 29, k = 23;
        double[] a = Engines.Uniform(random, m, k), b = Engines.Uniform(random, k, n);
        var c = Enumerable.Repeat(double.NaN, m * n).ToArray();
        Engines.Get(kind).Gemm(false, false, m, n, k, 1, a, k, b, n, 0, c, n);
        Assert.All(c, x => Assert.True(double.IsFinite(x)));
        AssertClose(Reference(false, false, m, n, k, 1, a, k, b, n), c, n, m, n);
    }

    [Theory]
    [MemberData(nameof(Engines.Kinds), MemberType = typeof(Engines))]
    public void Zero_depth_or_zero_alpha_only_scales_C(LinearAlgebraKind kind)
    {
        var engine = Engines.Get(kind);
        double[] c = [1, 2, 3, 4, 5, 6];
        engine.Gemm(false, false, 2, 3, 0, 1, [], 0, [], 3, 2, c, 3);
        Assert.Equal([2, 4, 6, 8, 10, 12], c);
        engine.Gemm(false, false, 2, 3, 0, 1, [], 0, [], 3, 0, c = [double.NaN, 1, 1, 1, 1, double.NaN], 3);
        Assert.Equal(new double[6], c);
        // α = 0: A and B are not read, as in BLAS (a NaN there does not reach C).
        double[] nanA = [double.NaN, double.NaN];
        engine.Gemm(false, false, 2, 3, 1, 0, nanA, 1, [1, 1, 1], 3, -1, c = [1, 2, 3, 4, 5, 6], 3);
        Assert.Equal([-1, -2, -3, -4, -5, -6], c);
    }

    [Theory]
    [MemberData(nameof(Engines.Kinds), MemberType = typeof(Engines))]
    public void Empty_sizes_are_no_ops(LinearAlgebraKind kind)
    {
        var engine = Engines.Get(kind);
        engine.Gemm(false, false, 0, 5, 4, 1, [], 4, new double[20], 5, 0, [], 5);
        engine.Gemm(true, true, 5, 0, 4, 1, new double[20], 5, [], 4, 0, [], 0);
        double[] untouched = [double.NaN];
        engine.Gemm(false, false, 0, 0, 0, 1, [], 0, [], 0, 0, untouched, 0);
        Assert.True(double.IsNaN(untouched[0]));
    }

    [Theory]
    [MemberData(nameof(Engines.Kinds), MemberType = typeof(Engines))]
    public void Rejects_short_strides_and_short_spans(LinearAlgebraKind kind)
    {
        var engine = Engines.Get(kind);
        double[] a = new double[6], b = new double[6], c = new double[4];
        Assert.Throws<ArgumentException>(() => engine.Gemm(false, false, 2, 2, 3, 1, a, 2, b, 2, 0, c, 2));
        Assert.Throws<ArgumentException>(() => engine.Gemm(false, false, 2, 2, 3, 1, a, 3, b, 2, 0, c, 1));
        Assert.Throws<ArgumentException>(() => engine.Gemm(false, false, 2, 2, 3, 1, a.AsSpan(1), 3, b, 2, 0, c, 2));
        Assert.Throws<ArgumentException>(() => engine.Gemm(false, false, -1, 2, 3, 1, a, 3, b, 2, 0, c, 2));
    }

    [Fact]
    public void The_engines_agree_with_each_other_on_a_large_product()
    {
        var random = new Random(11);
        int m = 300, n = 280, k = 520;
        double[] a = Engines.Uniform(random, k, m), b = Engines.Uniform(random, n, k);
        var results = Enum.GetValues<LinearAlgebraKind>().Select(kind =>
        {
            var c = new double[m * n];
            Engines.Get(kind).Gemm(true, true, m, n, k, 1, a, m, b, k, 0, c, n);
            return c;
        }).ToArray();
        // |op(A)|·|op(B)| ≤ k entrywise, so each engine is within k·u·k of the exact product.
        for (int e = 1; e < results.Length; e++)
            for (int i = 0; i < results[0].Length; i++)
                if (!(Math.Abs(results[e][i] - results[0][i]) <= 2 * k * k * 1.2e-16))
                    Assert.Fail($"engine {e}, entry {i}: {results[e][i]} against {results[0][i]}");
    }

    // C is a submatrix (offset, row stride > n) with sentinels around it: the sentinels must survive.
    private static void Check(LinearAlgebraBackend engine, Random random, bool transposeA, bool transposeB, int m, int n, int k, double[][] scalars)
    {
        int aRows = transposeA ? k : m, aCols = transposeA ? m : k, bRows = transposeB ? n : k, bCols = transposeB ? k : n;
        int lda = aCols + random.Next(3), ldb = bCols + random.Next(3), ldc = n + 1 + random.Next(3);
        int offA = random.Next(4), offB = random.Next(4), offC = random.Next(4);
        double[] a = Engines.Uniform(random, 1, offA + aRows * lda), b = Engines.Uniform(random, 1, offB + bRows * ldb);
        double[] product = Reference(transposeA, transposeB, m, n, k, 1, a.AsSpan(offA), lda, b.AsSpan(offB), ldb);
        foreach (var (alpha, beta) in scalars.Select(s => (s[0], s[1])))
        {
            double[] c = Engines.Uniform(random, 1, offC + m * ldc + 3), original = (double[])c.Clone();
            engine.Gemm(transposeA, transposeB, m, n, k, alpha, a.AsSpan(offA), lda, b.AsSpan(offB), ldb, beta, c.AsSpan(offC), ldc);
            // Entries are in [−1, 1): the error of a k-term dot product is at most about k·u·(|α|·k + |β|).
            double bound = 4 * (k + 2) * 1.2e-16 * (Math.Abs(alpha) * k + Math.Abs(beta));
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    int at = offC + i * ldc + j;
                    double expected = alpha * product[i * n + j] + beta * original[at];
                    if (!(Math.Abs(c[at] - expected) <= bound))
                        Assert.Fail($"{engine.Kind} {m}×{n}×{k} tA={transposeA} tB={transposeB} α={alpha} β={beta}: C[{i},{j}] = {c[at]}, expected {expected}");
                    c[at] = original[at];
                }
            Assert.Equal(original, c); // nothing outside C's m×n entries changed
        }
    }

    private static double[] Reference(bool transposeA, bool transposeB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                    sum += (transposeA ? a[p * lda + i] : a[i * lda + p]) * (transposeB ? b[j * ldb + p] : b[p * ldb + j]);
                c[i * n + j] = alpha * sum;
            }
        return c;
    }

    private static void AssertClose(double[] expected, double[] actual, int ld, int m, int n)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                Assert.Equal(expected[i * n + j], actual[i * ld + j], 1e-12);
    }
}

using MathNet.Numerics.LinearAlgebra.Double;
using NetSym.LinearAlgebra;

namespace NetSym.Tests.LinearAlgebra;

public class SingularValueTests
{
    private static readonly (int M, int N)[] Shapes = [(1, 1), (1, 7), (7, 1), (2, 2), (10, 10), (40, 25), (25, 40), (90, 64), (3, 120)];

    [Theory]
    [MemberData(nameof(Engines.Kinds), MemberType = typeof(Engines))]
    public void Match_MathNet_on_random_matrices(LinearAlgebraKind kind)
    {
        var random = new Random(20 + (int)kind);
        foreach (var (m, n) in Shapes)
            AssertMatchesMathNet(Engines.Get(kind), Engines.Uniform(random, m, n), m, n);
    }

    [Theory]
    [MemberData(nameof(Engines.Kinds), MemberType = typeof(Engines))]
    public void Match_MathNet_and_find_the_planted_rank_of_low_rank_products(LinearAlgebraKind kind)
    {
        var random = new Random(30 + (int)kind);
        foreach (var (m, n, rank) in new[] { (30, 20, 5), (20, 30, 1), (60, 60, 17), (45, 80, 44), (50, 12, 0) })
        {
            double[] a = Engines.LowRank(random, m, n, rank);
            double[] values = AssertMatchesMathNet(Engines.Get(kind), a, m, n);
            // NumPy's default tolerance σ_max·max(m, n)·ε separates the planted rank from rounding.
            var found = RankPolicy.FromSingularValues(values, m, n);
            Assert.Equal(values[0] * Math.Max(m, n) * Math.ScaleB(1, -52), found.Tolerance);
            Assert.Equal(rank, found.Rank);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.Kinds), MemberType = typeof(Engines))]
    public void Scale_exactly_with_huge_and_tiny_matrices(LinearAlgebraKind kind)
    {
        var engine = Engines.Get(kind);
        double[] a = Engines.Uniform(new Random(5), 12, 9);
        double[] values = engine.SingularValues(a, 12, 9);
        foreach (int exponent in new[] { 900, -900 })
        {
            double[] scaled = engine.SingularValues([.. a.Select(x => Math.ScaleB(x, exponent))], 12, 9);
            for (int i = 0; i < values.Length; i++)
                Assert.Equal(values[i], Math.ScaleB(scaled[i], -exponent), 1e-13 * values[0]);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.Kinds), MemberType = typeof(Engines))]
    public void Leave_the_input_alone_and_handle_edge_cases(LinearAlgebraKind kind)
    {
        var engine = Engines.Get(kind);
        double[] a = Engines.Uniform(new Random(6), 8, 5), copy = (double[])a.Clone();
        engine.SingularValues(a, 8, 5);
        Assert.Equal(copy, a);
        Assert.Empty(engine.SingularValues([], 0, 4));
        Assert.Equal(new double[3], engine.SingularValues(new double[12], 3, 4));
        Assert.Equal([5, 3], engine.SingularValues([0, -3, 5, 0], 2, 2));
        Assert.Throws<ArgumentException>(() => engine.SingularValues([1, double.NaN], 1, 2));
        Assert.Throws<ArgumentException>(() => engine.SingularValues([1, 2, 3], 2, 2));
    }

    private static double[] AssertMatchesMathNet(LinearAlgebraBackend engine, double[] a, int m, int n)
    {
        double[] expected = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowMajor(m, n, a).Svd(computeVectors: false).S.ToArray();
        double[] actual = engine.SingularValues(a, m, n);
        Assert.Equal(Math.Min(m, n), actual.Length);
        double scale = Math.Max(expected[0], double.Epsilon);
        for (int i = 0; i < actual.Length; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-12 * scale,
                $"{engine.Kind} {m}×{n}: σ_{i} = {actual[i]}, MathNet {expected[i]}");
            if (i > 0) Assert.True(actual[i] <= actual[i - 1], $"{engine.Kind} {m}×{n}: σ not sorted at {i}");
        }
        return actual;
    }
}

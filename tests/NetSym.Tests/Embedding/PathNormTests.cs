using NetSym.Embedding;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;

namespace NetSym.Tests.Embedding;

public class PathNormTests
{
    public static TheoryData<double> Exponents() => [0, 0.5, 1, 1.5, 2, 3, double.PositiveInfinity];

    /// <summary>‖v‖_q by its definition on a materialised vector (q = 0: the non-zero entries).</summary>
    private static double Norm(ReadOnlySpan<double> v, double q)
    {
        if (q == 0) { int c = 0; foreach (var t in v) if (t != 0) c++; return c; }
        if (double.IsPositiveInfinity(q)) { double m = 0; foreach (var t in v) m = Math.Max(m, Math.Abs(t)); return m; }
        double s = 0;
        foreach (var t in v) s += Math.Pow(Math.Abs(t), q);
        return Math.Pow(s, 1 / q);
    }

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"{what}: {expected} vs {actual}");

    private static IEnumerable<Network> Networks(int seed) =>
    [
        TestNetworks.Dense("4-6-5-3", new ReluActivation(), seed),
        TestNetworks.SkipMasked(new LeakyReluActivation(0.1), seed + 1),
        TestNetworks.SkipMasked(new AbsActivation(), seed + 2),
        // Wide enough that the norm pass splits its rows over tasks.
        TestNetworks.Dense("300-300-2", new ReluActivation(), seed + 3),
    ];

    [Theory]
    [MemberData(nameof(Exponents))]
    public void Path_norms_equal_the_norms_of_the_enumerated_phi(double q)
    {
        foreach (var net in Networks(1))
        {
            var phi = PathLifting.Compute(net);
            var count = PathCount.Of(net);
            var norm = PathNorms.Compute(net, q);
            Assert.Equal(q, norm.Q);
            AssertClose(Norm(phi, q), norm.Value, $"{net.Architecture} q={q}");
            for (int o = 0; o < net.OutputSize; o++)
                AssertClose(Norm(phi.AsSpan((int)count.StartOf(o), (int)count.PerOutput[o]), q), norm.PerOutput[o], $"output {o}");
        }
    }

    [Fact]
    public void The_zero_norm_counts_non_zero_paths_while_the_path_count_stays_structural()
    {
        var net = TestNetworks.Dense("3-4-2", new ReluActivation(), 2);
        var theta = net.GetParameters();
        theta[0] = 0;           // w(x0 → (0,0)): kills 2 paths
        theta[12] = 0;          // b(0,0): kills 2 paths
        theta[^1] = 0;          // b(1,1): kills 1 path
        net = net.WithParameters(theta);
        Assert.Equal(34, (int)PathCount.Of(net).Total);
        Assert.Equal(34 - 5, PathNorms.Compute(net, 0).Value);
        Assert.Equal(PathLifting.Compute(net).Count(v => v != 0), PathNorms.Compute(net, 0).Value);
    }

    [Theory]
    [MemberData(nameof(Exponents))]
    public void Path_norms_are_invariant_under_the_symmetry_group(double q)
    {
        var random = RandomKey.FromSeed(3).Stream();
        var net = TestNetworks.Dense("5-7-6-3", new ReluActivation(), 4);
        var big = TestNetworks.Dense("40-30-30-30-4", new ReluActivation(), 5); // 2.9 million paths: never enumerated here
        foreach (var n in new[] { net, big, TestNetworks.SkipMasked(new ReluActivation(), 6) })
        {
            var norm = PathNorms.Compute(n, q);
            for (int trial = 0; trial < 3; trial++)
            {
                var moved = SymmetryGroup.Of(n).RandomElement(random).Apply(n);
                AssertClose(norm.Value, PathNorms.Compute(moved, q).Value, $"{n.Architecture} q={q}");
            }
        }
    }

    [Fact]
    public void The_one_hidden_neuron_network_has_hand_computed_norms()
    {
        // Φ = (w1·w2, b1·w2, b2) = (6, −10, 7).
        var net = Network.Sequential(1, [([3.0], [-5.0], new ReluActivation()), ([2.0], [7.0], new IdentityActivation())]);
        Assert.Equal(23, PathNorms.Compute(net, 1).Value, 12);
        Assert.Equal(Math.Sqrt(36 + 100 + 49), PathNorms.Compute(net, 2).Value, 12);
        Assert.Equal(10, PathNorms.Compute(net, double.PositiveInfinity).Value);
        Assert.Equal(3, PathNorms.Compute(net, 0).Value);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Negative_or_nan_exponents_are_rejected(double q)
    {
        var net = TestNetworks.Dense("2-2-1", new ReluActivation(), 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PathNorms.Compute(net, q));
        Assert.Contains("q ≥ 0", e.Message);
    }
}

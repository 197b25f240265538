using System.Numerics;
using NetSym.Embedding;
using NetSym.Networks;

namespace NetSym.Tests.Embedding;

public class PathCountTests
{
    /// <summary>Σ_{l=0}^{L−1} ∏_{j=l}^{L−1} n_j + 1 paths per output of a dense n_0-…-n_L MLP.</summary>
    private static BigInteger DenseFormula(IReadOnlyList<int> widths)
    {
        int L = widths.Count - 1;
        BigInteger sum = 1;
        for (int l = 0; l < L; l++)
        {
            BigInteger product = 1;
            for (int j = l; j < L; j++) product *= widths[j];
            sum += product;
        }
        return sum;
    }

    [Theory]
    [InlineData("2-3-2-2", 21, 42)]
    [InlineData("784-30-30-30-10", 21_195_931, 211_959_310)]
    [InlineData("1-1-1", 3, 3)]
    [InlineData("5-3", 6, 18)]
    public void Dense_networks_have_the_known_counts(string architecture, long perOutput, long total)
    {
        var count = PathCount.Of(TestNetworks.Dense(architecture, new ReluActivation(), 1));
        Assert.All(count.PerOutput, c => Assert.Equal(perOutput, c));
        Assert.Equal(total, count.Total);
        Assert.Equal(DenseFormula(Architecture.Parse(architecture).Widths), count.PerOutput[0]);
    }

    [Fact]
    public void Deep_wide_networks_are_counted_exactly_beyond_64_bits()
    {
        int[] widths = [10, .. Enumerable.Repeat(100, 10), 2]; // about 10^20 paths per output
        var layers = new List<(double[], double[], Activation)>();
        for (int l = 1; l < widths.Length; l++)
            layers.Add((new double[widths[l] * widths[l - 1]], new double[widths[l]], new ReluActivation()));
        var count = PathCount.Of(Network.Sequential(widths[0], layers));
        Assert.Equal(DenseFormula(widths), count.PerOutput[0]);
        Assert.True(count.Total > long.MaxValue);
    }

    [Fact]
    public void Skip_and_masked_networks_count_what_the_naive_enumeration_finds()
    {
        var net = TestNetworks.SkipMasked(new ReluActivation(), 3);
        var reference = ReferencePaths.Of(net);
        var count = PathCount.Of(net);
        for (int o = 0; o < net.OutputSize; o++)
        {
            Assert.Equal(reference.Count(e => e.Path.Output == o), (int)count.PerOutput[o]);
            Assert.Equal(reference.FindIndex(e => e.Path.Output == o), (int)count.StartOf(o));
        }
        Assert.Equal(reference.Count, (int)count.Total);
    }

    [Fact]
    public void The_count_is_structural_and_ignores_activations_and_zero_weights()
    {
        var net = TestNetworks.Dense("3-4-2", new TanhActivation(), 1);
        var zeroed = net.WithParameters(new double[net.ParameterCount]);
        Assert.Equal(PathCount.Of(net).PerOutput, PathCount.Of(zeroed).PerOutput);
        Assert.Equal(new BigInteger(3 * 4 + 4 + 1), PathCount.Of(net).PerOutput[0]);
    }
}

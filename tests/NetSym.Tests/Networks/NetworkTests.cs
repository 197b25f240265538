using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Networks;

public class NetworkTests
{
    [Fact]
    public void Counts_match_the_known_answers()
    {
        // ../shared/fixtures/oracles.md: D = Σ n_l(n_{l−1}+1), H = hidden widths.
        foreach (var (arch, d, h) in new[] { ("5-5-5-5-1", 96, 15), ("10-10-10-10-1", 341, 30), ("15-15-15-15-1", 736, 45), ("5-5-5-5-5-5-1", 156, 25), ("784-30-30-30-10", 25720, 90) })
        {
            var a = Architecture.Parse(arch);
            Assert.Equal(d, a.ParameterCount);
            Assert.Equal(h, a.HiddenNeuronCount);
            var net = RandomNetworks.Create(a, new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(1));
            Assert.Equal(d, net.ParameterCount);
            Assert.Equal(h, net.HiddenNeuronCount);
            Assert.Equal(arch, net.Architecture);
            Assert.True(net.IsSequential);
        }
    }

    [Fact]
    public void Parameters_round_trip_and_skip_masked_edges()
    {
        var net = TestNetworks.SkipMasked(new ReluActivation(), 3);
        Assert.False(net.IsSequential);
        int masked = net.Layers[2].Mask.ToArray().Count(m => !m);
        Assert.Equal(5, masked);
        Assert.Equal(12 + 4 + 35 + 5 + (15 - masked) + 3 + 22 + 2, net.ParameterCount);
        var theta = net.GetParameters();
        var again = net.WithParameters(theta);
        Assert.Equal(theta, again.GetParameters());
        // Parameter order: layer by layer, weights row-major then bias.
        Assert.Equal(net.Layers[0].Weight(1, 2), theta[1 * 3 + 2]);
        Assert.Equal(net.Layers[0].Bias[3], theta[12 + 3]);
        Assert.Equal(16, net.ParameterOffset(1));
        var shifted = net.WithParameters(theta.Select(t => t + 1).ToArray());
        Assert.Equal(0, shifted.Layers[2].Weight(0, 1)); // a masked edge stays absent
        Assert.Contains("(skip)", net.Architecture);
        Assert.Contains("(masked)", net.Architecture);
    }

    [Fact]
    public void Non_finite_weights_are_rejected_with_their_location()
    {
        var e = Assert.Throws<InvalidNetworkException>(() => Network.Sequential(2,
            [([1, 2, 3, double.NaN], [0, 0], new ReluActivation()), ([1, 1], [0], new IdentityActivation())]));
        Assert.Contains("layer 0 weight [1,1] is NaN", e.Message);
        var b = Assert.Throws<InvalidNetworkException>(() => Network.Sequential(1,
            [([1], [double.PositiveInfinity], new ReluActivation())]));
        Assert.Contains("layer 0 bias [0]", b.Message);
    }

    [Fact]
    public void Shapes_that_do_not_fit_are_rejected()
    {
        Assert.Throws<InvalidNetworkException>(() => new Network(3, []));
        Assert.Throws<InvalidNetworkException>(() => new Layer(2, 2, [1, 2, 3], [0, 0], new ReluActivation(), [0]));
        Assert.Throws<InvalidNetworkException>(() => new Layer(2, 2, [1, 2, 3, 4], [0], new ReluActivation(), [0]));
        var l0 = new Layer(3, 2, new double[6], new double[2], new ReluActivation(), [0]);
        var wrongFan = new Layer(3, 1, new double[3], new double[1], new ReluActivation(), [1]);
        Assert.Contains("provide 2", Assert.Throws<InvalidNetworkException>(() => new Network(3, [l0, wrongFan])).Message);
        var future = new Layer(2, 1, new double[2], new double[1], new ReluActivation(), [2]);
        Assert.Throws<InvalidNetworkException>(() => new Network(3, [l0, future]));
        Assert.Throws<InvalidNetworkException>(() => new Layer(2, 1, [1, 1], [0], new ReluActivation(), [0], [true, false]));
        Assert.Throws<InvalidNetworkException>(() => Network.Sequential(2, [([1, 2], [0], new ReluActivation())]).WithParameters(new double[2]));
    }

    [Fact]
    public void Random_networks_are_reproducible_and_respect_the_init_bounds()
    {
        var arch = Architecture.Parse("6-9-4");
        var a = RandomNetworks.Create(arch, new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(5));
        var b = RandomNetworks.Create(arch, new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(5));
        var c = RandomNetworks.Create(arch, new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(6));
        Assert.Equal(a.GetParameters(), b.GetParameters());
        Assert.NotEqual(a.GetParameters(), c.GetParameters());
        foreach (var layer in a.Layers)
        {
            double bound = 1 / Math.Sqrt(layer.InputSize);
            Assert.All(layer.Weights.ToArray().Concat(layer.Bias.ToArray()), w => Assert.InRange(Math.Abs(w), 0, bound));
        }
        Assert.True(a.Layers[^1].Activation.IsIdentity);
        // He: zero biases and weight variance ≈ 2/fan_in on a wide layer.
        var he = RandomNetworks.Create(Architecture.Parse("400-400-1"), new ReluActivation(), Initialization.He, RandomKey.FromSeed(1));
        var w = he.Layers[0].Weights.ToArray();
        double variance = w.Select(v => v * v).Average();
        Assert.InRange(variance, 2.0 / 400 * 0.97, 2.0 / 400 * 1.03);
        Assert.All(he.Layers[0].Bias.ToArray(), v => Assert.Equal(0, v));
    }

    [Theory]
    [InlineData("4")]
    [InlineData("4-0-2")]
    [InlineData("4-x-2")]
    [InlineData("")]
    public void Bad_architecture_strings_are_rejected(string text)
    {
        Assert.Null(Architecture.TryParse(text, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Architectures_with_the_same_widths_are_equal()
    {
        Assert.Equal(Architecture.Parse("4-8-6-2"), Architecture.Parse("4-8-6-2"));
        Assert.Equal(Architecture.Parse("4-8-6-2").GetHashCode(), Architecture.Parse(" 4 - 8-6-2").GetHashCode());
        Assert.NotEqual(Architecture.Parse("4-8-6-2"), Architecture.Parse("4-6-8-2"));
        Assert.NotEqual(Architecture.Parse("4-8-6-2"), Architecture.Parse("4-8-6"));
        var widths = new List<int> { 3, 5, 1 };
        var architecture = new Architecture(widths);
        widths[1] = 7;
        Assert.Equal("3-5-1", architecture.ToString());
    }
}

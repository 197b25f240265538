using System.Numerics;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;

namespace NetSym.Tests.Symmetries;

/// <summary>
/// The channel symmetries derived from a convolutional or residual graph: random elements keep the function,
/// transforms the spec rules out change it, and the specs agree with the hand-derived ones of the ONNX fixtures'
/// README and, on dense networks, with the neuron-wise group.
/// </summary>
public class PermutationSpecTests
{
    public static TheoryData<string> Activations() => new() { "relu", "tanh", "leaky_relu(0.1)" };

    private static double MaxRelativeChange(Network a, Network b, int seed)
    {
        var x = TestNetworks.GaussianInputs(6, a.InputSize, seed);
        var ya = Forward.Evaluate(a, x, LinearAlgebraBackends.Default);
        var yb = Forward.Evaluate(b, x, LinearAlgebraBackends.Default);
        double scale = ya.Data.Select(Math.Abs).Max(), diff = 0;
        for (int i = 0; i < ya.Data.Length; i++) diff = Math.Max(diff, Math.Abs(ya.Data[i] - yb.Data[i]));
        return diff / scale;
    }

    private static ChannelTransform With(PermutationSpec spec, int cls, int channel, double factor)
    {
        var identity = ChannelTransform.Identity(spec);
        var factors = identity.Factors.Select(f => (double[])f.Clone()).ToList();
        factors[cls][channel] = factor;
        return new ChannelTransform(identity.Permutations, factors);
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void Random_elements_leave_the_function_unchanged(string activation)
    {
        var act = ActivationCatalog.Parse(activation);
        foreach (var network in ConvolutionalTestNetworks.All(act, 5))
        {
            var spec = PermutationSpec.Derive(network);
            var elements = RandomKey.FromSeed(17).Split(RandomPurpose.Orbit);
            for (int k = 0; k < 4; k++)
            {
                var g = spec.RandomElement(elements.Split(k).Stream());
                Assert.True(spec.Contains(g));
                var moved = spec.Apply(network, g);
                Assert.NotEqual(network.GetParameters(), moved.GetParameters());
                double change = MaxRelativeChange(network, moved, k);
                Assert.True(change <= 1e-10, $"{network.Architecture} ({activation}) element {k}: relative change {change}");
            }
        }
    }

    [Fact]
    public void The_sampler_is_determined_by_its_seed()
    {
        var spec = PermutationSpec.Derive(ConvolutionalTestNetworks.ResNet(new ReluActivation(), 2));
        var a = spec.RandomElement(RandomKey.FromSeed(9).Stream());
        var b = spec.RandomElement(RandomKey.FromSeed(9).Stream());
        var c = spec.RandomElement(RandomKey.FromSeed(10).Stream());
        Assert.Equal(a.Permutations, b.Permutations);
        Assert.Equal(a.Factors, b.Factors);
        Assert.NotEqual(a.Factors, c.Factors);
    }

    [Fact]
    public void A_sign_flip_does_not_pass_a_max_pool()
    {
        var network = ConvolutionalTestNetworks.Vgg(new TanhActivation(), 3);
        var spec = PermutationSpec.Derive(network);
        // Layer 0 feeds the max-pool, layer 2 the average pool: only the latter may flip signs.
        var pooled = spec.Classes.Single(c => c.Producers.SequenceEqual([0]));
        var averaged = spec.Classes.Single(c => c.Producers.SequenceEqual([2]));
        Assert.Equal(ChannelFactors.None, pooled.Factors);
        Assert.Equal(ChannelFactors.SignFlip, averaged.Factors);

        var flipThroughMax = With(spec, pooled.Index, 1, -1);
        Assert.False(spec.Contains(flipThroughMax));
        Assert.True(MaxRelativeChange(network, spec.Apply(network, flipThroughMax), 1) > 1e-6);

        var flipThroughAverage = With(spec, averaged.Index, 1, -1);
        Assert.True(spec.Contains(flipThroughAverage));
        Assert.True(MaxRelativeChange(network, spec.Apply(network, flipThroughAverage), 1) <= 1e-10);
    }

    [Fact]
    public void A_tanh_channel_cannot_be_scaled()
    {
        var network = ConvolutionalTestNetworks.OneDimensional(new TanhActivation(), 4);
        var spec = PermutationSpec.Derive(network);
        var scaled = With(spec, 0, 0, 2);
        Assert.False(spec.Contains(scaled));
        Assert.True(MaxRelativeChange(network, spec.Apply(network, scaled), 2) > 1e-6);
    }

    [Fact]
    public void Producers_tied_by_an_addition_must_move_together()
    {
        var network = ConvolutionalTestNetworks.ResNet(new ReluActivation(), 6);
        var spec = PermutationSpec.Derive(network);
        // Stem (layer 0) and the block's second conv (layer 2) feed the first addition (layer 3).
        var stream = spec.Classes.Single(c => c.Producers.Contains(0));
        Assert.Equal([0, 2], stream.Producers);
        Assert.Equal([3], stream.Additions);
        Assert.Equal(ChannelFactors.PositiveScaling, stream.Factors);

        var whole = With(spec, stream.Index, 1, 3);
        var moved = spec.Apply(network, whole);
        Assert.True(MaxRelativeChange(network, moved, 3) <= 1e-10);
        // The same on layer 2 alone: undo it on the stem and on the conv that reads only the stem.
        var oneSide = moved.WithLayer(0, network.Layers[0]).WithLayer(1, network.Layers[1]);
        Assert.True(MaxRelativeChange(network, oneSide, 3) > 1e-6);
    }

    [Fact]
    public void Grouped_convolutions_keep_channels_in_their_groups()
    {
        var network = ConvolutionalTestNetworks.ResNet(new ReluActivation(), 7);
        var spec = PermutationSpec.Derive(network);
        // Layer 8 is the grouped conv (6 → 4 channels, 2 groups) reading the stream of layers 5 and 6.
        var grouped = spec.Classes.Single(c => c.Producers.SequenceEqual([8]));
        var stream = spec.Classes.Single(c => c.Producers.SequenceEqual([5, 6]));
        Assert.Equal([[0, 1], [2, 3]], grouped.Blocks);
        Assert.Equal([[0, 1, 2], [3, 4, 5]], stream.Blocks);

        var identity = ChannelTransform.Identity(spec);
        var perms = identity.Permutations.Select(p => (int[])p.Clone()).ToList();
        perms[stream.Index] = [3, 1, 2, 0, 4, 5];
        var across = new ChannelTransform(perms, identity.Factors);
        Assert.False(spec.Contains(across));
        Assert.Throws<ArgumentException>(() => spec.Apply(network, across));
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void On_dense_networks_the_spec_is_the_neuron_group(string activation)
    {
        var network = TestNetworks.Dense("5-7-6-4-2", ActivationCatalog.Parse(activation), 3);
        var spec = PermutationSpec.Derive(network);
        var group = SymmetryGroup.Of(network);
        Assert.Equal(group.DiscreteOrder.Value, spec.Order.Value);
        Assert.Equal(group.DiscreteOrder.ToString(), spec.Order.ToString());
        Assert.Equal(group.ContinuousDimension, spec.ContinuousDimension);
    }

    [Fact]
    public void Dense_layers_reading_several_nodes_take_each_block_inverse()
    {
        // A dense layer reads a 2×3×3 conv output (flattened: channel c is columns [9c, 9c + 9)), a hidden dense
        // layer and the network input at once.
        var r = RandomKey.FromSeed(12).Stream();
        double[] Draw(int n) => [.. Enumerable.Range(0, n).Select(_ => r.NextNormal() * 0.5)];
        var relu = new ReluActivation();
        var input = new NodeShape(2, 3, 3);
        var conv = Layer.Convolution(input, 2, WindowGeometry.Plain(1, 1), 1, Draw(4), Draw(2), relu, 0);
        var hidden = new Layer(18, 3, Draw(54), Draw(3), new TanhActivation(), [0]);
        var head = new Layer(18 + 18 + 3, 2, Draw(2 * 39), Draw(2), new IdentityActivation(), [0, 1, 2]);
        var network = new Network(input, [conv, hidden, head]);
        var spec = PermutationSpec.Derive(network);
        Assert.Equal("3!·2!·2^3", spec.Order.ToString());
        Assert.Equal(2, spec.ContinuousDimension);
        for (int k = 0; k < 3; k++)
        {
            var g = spec.RandomElement(RandomKey.FromSeed(k).Stream());
            Assert.True(MaxRelativeChange(network, spec.Apply(network, g), k) <= 1e-10);
        }
    }

    [Fact]
    public void Counting_a_convolutional_network_uses_its_spec()
    {
        foreach (var network in ConvolutionalTestNetworks.All(new TanhActivation(), 8))
        {
            var spec = PermutationSpec.Derive(network);
            var count = SymmetryCount.Of(network);
            Assert.Equal(spec.Order.Value, count.Order.Value);
            Assert.Equal(spec.ContinuousDimension, count.ContinuousDimension);
        }
    }

    private static BigInteger Factorial(int n) => Enumerable.Range(1, n).Aggregate(BigInteger.One, (p, k) => p * k);

    private static void AssertClass(PermutationSpec spec, int[] producers, int channels, int[] blockSizes, ChannelFactors factors)
    {
        var c = spec.Classes.Single(c => c.Producers.SequenceEqual(producers));
        Assert.Equal(channels, c.Channels);
        Assert.Equal(blockSizes, c.PermutableBlockSizes);
        Assert.Equal(factors, c.Factors);
    }

    // The README of Fixtures/onnx/cnn: parameters, discrete order, continuous dimension and the table of groups.

    [Fact]
    public void Vgg_matches_the_fixture_spec()
    {
        var network = FixtureSpecNetworks.Vgg(1);
        var spec = PermutationSpec.Derive(network);
        Assert.Equal(4942, network.ParameterCount);
        Assert.Equal(BigInteger.Parse("16292870466128278632529920000000"), spec.Order.Value);
        Assert.Equal(Factorial(8) * Factorial(8) * Factorial(12) * Factorial(16), spec.Order.Value);
        Assert.Equal(44, spec.ContinuousDimension);
        AssertClass(spec, [0], 8, [8], ChannelFactors.PositiveScaling);
        AssertClass(spec, [1], 8, [8], ChannelFactors.PositiveScaling);
        AssertClass(spec, [3], 12, [12], ChannelFactors.PositiveScaling);
        AssertClass(spec, [5], 16, [16], ChannelFactors.PositiveScaling);
        AssertClass(spec, [6], 10, [], ChannelFactors.None);
        Assert.Equal(5, spec.Classes.Count);
        Assert.True(spec.Classes[^1].Fixed);
    }

    [Fact]
    public void ResNet_matches_the_fixture_spec()
    {
        var network = FixtureSpecNetworks.ResNet(2);
        var spec = PermutationSpec.Derive(network);
        Assert.Equal(9834, network.ParameterCount);
        Assert.Equal(BigInteger.Parse("14890175901409649335777179120501050572800000000000"), spec.Order.Value);
        Assert.Equal(BigInteger.Pow(Factorial(8), 2) * BigInteger.Pow(Factorial(16), 3), spec.Order.Value);
        Assert.Equal(64, spec.ContinuousDimension);
        // Layers: 0 stem; 1, 2 conv, 3 add; 4, 5 conv, 6 projection, 7 add; 8, 9 conv, 10 add; 11 pool; 12 fc.
        AssertClass(spec, [0, 2], 8, [8], ChannelFactors.PositiveScaling);
        AssertClass(spec, [5, 6, 9], 16, [16], ChannelFactors.PositiveScaling);
        AssertClass(spec, [1], 8, [8], ChannelFactors.PositiveScaling);
        AssertClass(spec, [4], 16, [16], ChannelFactors.PositiveScaling);
        AssertClass(spec, [8], 16, [16], ChannelFactors.PositiveScaling);
        Assert.Equal(6, spec.Classes.Count);
        Assert.Equal([7, 10], spec.Classes.Single(c => c.Producers.Contains(6)).Additions);
    }

    [Fact]
    public void ResNet20_matches_the_fixture_spec()
    {
        var network = FixtureSpecNetworks.ResNet20(3);
        var spec = PermutationSpec.Derive(network);
        Assert.Equal(271690, network.ParameterCount);
        Assert.Equal(BigInteger.Pow(Factorial(16) * Factorial(32) * Factorial(64), 4), spec.Order.Value);
        Assert.Equal(448, spec.ContinuousDimension);
        var streams = spec.Classes.Where(c => c.Producers.Count > 1).ToList();
        Assert.Equal([16, 32, 64], streams.Select(c => c.Channels));
        Assert.Equal([4, 4, 4], streams.Select(c => c.Producers.Count));
        Assert.Equal(9, spec.Classes.Count(c => c.Producers.Count == 1 && !c.Fixed));
        var g = spec.RandomElement(RandomKey.FromSeed(4).Stream());
        Assert.True(MaxRelativeChange(network, spec.Apply(network, g), 5) <= 1e-10);
    }

    [Fact]
    public void Cnn1d_tanh_matches_the_fixture_spec()
    {
        var network = FixtureSpecNetworks.Cnn1dTanh(4);
        var spec = PermutationSpec.Derive(network);
        Assert.Equal(509, network.ParameterCount);
        Assert.Equal(BigInteger.Parse("19177565847552000"), spec.Order.Value);
        Assert.Equal(Factorial(6) * Factorial(8) * Factorial(8) * BigInteger.Pow(2, 14), spec.Order.Value);
        Assert.Equal(0, spec.ContinuousDimension);
        AssertClass(spec, [0], 6, [6], ChannelFactors.SignFlip);
        AssertClass(spec, [2], 8, [8], ChannelFactors.None);
        AssertClass(spec, [4], 8, [8], ChannelFactors.SignFlip);
    }

    [Fact]
    public void BatchNorm_network_matches_the_fixture_spec()
    {
        var network = FixtureSpecNetworks.BnRelu(5);
        var spec = PermutationSpec.Derive(network);
        Assert.Equal(1536, network.ParameterCount);
        Assert.Equal(BigInteger.Parse("13905608048640000"), spec.Order.Value);
        Assert.Equal(26, spec.ContinuousDimension);
        AssertClass(spec, [0], 6, [6], ChannelFactors.PositiveScaling);
        AssertClass(spec, [2], 8, [8], ChannelFactors.PositiveScaling);
        AssertClass(spec, [4], 12, [12], ChannelFactors.PositiveScaling);
    }

    [Fact]
    public void Grouped_network_matches_the_fixture_spec()
    {
        var network = FixtureSpecNetworks.Grouped(6);
        var spec = PermutationSpec.Derive(network);
        Assert.Equal(307, network.ParameterCount);
        Assert.Equal(new BigInteger(414720), spec.Order.Value);
        Assert.Equal("6!·4!·4!", spec.Order.ToString());
        Assert.Equal(22, spec.ContinuousDimension);
        var p1 = spec.Classes.Single(c => c.Producers.SequenceEqual([0]));
        var p2 = spec.Classes.Single(c => c.Producers.SequenceEqual([1]));
        Assert.Equal([[0, 1, 2, 3], [4, 5, 6, 7]], p1.Blocks);
        Assert.True(p1.OwnsPermutation);
        Assert.Equal(p1.Index, p2.PermutationOwner);
        Assert.Empty(p2.PermutableBlockSizes);
        Assert.Equal(ChannelFactors.PositiveScaling, p2.Factors);
        AssertClass(spec, [2], 6, [6], ChannelFactors.PositiveScaling);

        // The depthwise conv's own permutation, apart from its input's, is ruled out and changes the function.
        var identity = ChannelTransform.Identity(spec);
        var perms = identity.Permutations.Select(p => (int[])p.Clone()).ToList();
        perms[p2.Index] = [1, 0, 2, 3, 4, 5, 6, 7];
        var own = new ChannelTransform(perms, identity.Factors);
        Assert.False(spec.Contains(own));
        Assert.Throws<ArgumentException>(() => spec.Apply(network, own));
        for (int k = 0; k < 3; k++)
            Assert.True(MaxRelativeChange(network, spec.Apply(network, spec.RandomElement(RandomKey.FromSeed(k).Stream())), k) <= 1e-10);
    }
}

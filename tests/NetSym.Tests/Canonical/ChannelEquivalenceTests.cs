using NetSym.Canonical;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Reduction;
using NetSym.Symmetries;
using NetSym.Tests.IO;
using NetSym.Tests.Reduction;
using LayerKind = NetSym.Networks.LayerKind;

namespace NetSym.Tests.Canonical;

/// <summary>
/// <see cref="Equivalence.Compare"/> on convolutional and residual networks: a permuted and rescaled copy is
/// equivalent with an explicit channel map that takes it back (checked on the parameters and by evaluation); a near
/// miss (one weight moved by 10⁻⁴) is told apart by a witness input that evaluation confirms. Both networks are
/// reduced first: a dead or a twin channel planted in one of them (in the test networks and a ResNet fixture) goes, and
/// the map relates the reduced networks; a near twin stays and is told apart. The uniqueness theorem is never applied.
/// </summary>
public class ChannelEquivalenceTests
{
    private static readonly LinearAlgebraBackend Backend = LinearAlgebraBackends.Default;

    public static TheoryData<string> Activations() => ["relu", "tanh", "leaky_relu"];

    private static Activation Parse(string name) => name switch
    {
        "relu" => new ReluActivation(),
        "tanh" => new TanhActivation(),
        _ => new LeakyReluActivation(0.1),
    };

    [Theory]
    [MemberData(nameof(Activations))]
    public void A_permuted_and_rescaled_copy_is_equivalent_with_the_map_that_takes_it_back(string activation)
    {
        int seed = 0;
        foreach (var a in ConvolutionalTestNetworks.All(Parse(activation), 41))
            AssertEquivalentCopy(a, seed++);
    }

    [Fact]
    public void A_permuted_copy_of_the_resnet20_fixture_is_equivalent() =>
        AssertEquivalentCopy(OnnxModelReader.Read(Fixtures.Onnx(Path.Combine("cnn", "resnet20_cifar_3x32x32_opset13.onnx"))), 3);

    [Theory]
    [MemberData(nameof(Activations))]
    public void A_near_miss_is_different_with_a_witness_that_evaluation_confirms(string activation)
    {
        int seed = 0;
        foreach (var a in ConvolutionalTestNetworks.All(Parse(activation), 43))
        {
            var copy = RandomCopy(a, seed++);
            // A weight of the first producer: it reaches the output in every one of these networks.
            var b = CanonicalTestCases.Perturb(copy, 5, 1e-4);
            var result = Equivalence.Compare(a, b, Backend);
            Assert.Equal(EquivalenceVerdict.Different, result.Verdict);
            Assert.True(result.CanonicalShapesMatch);
            Assert.True(result.CanonicalDeviation > result.Tolerance);
            var search = result.Search!;
            Assert.True(search.Found);
            var x = new Matrix(1, search.Input.Length, (double[])search.Input.Clone());
            var fa = Forward.Evaluate(a, x, Backend).Row(0).ToArray();
            var fb = Forward.Evaluate(b, x, Backend).Row(0).ToArray();
            Assert.Equal(search.OutputA, fa);
            Assert.Equal(search.OutputB, fb);
            double difference = fa.Zip(fb, (p, q) => Math.Abs(p - q)).Max();
            Assert.Equal(search.Difference, difference);
            Assert.True(difference > search.Threshold, $"{a.Architecture}: difference {difference} at or below the threshold {search.Threshold}");
        }
    }

    [Fact]
    public void Networks_of_different_shapes_go_to_the_witness_search()
    {
        var a = ConvolutionalTestNetworks.Vgg(new ReluActivation(), 47);
        var b = ConvolutionalTestNetworks.Vgg(new TanhActivation(), 47);
        var result = Equivalence.Compare(a, b, Backend);
        Assert.False(result.CanonicalShapesMatch);
        Assert.Contains("activation", result.ShapeDifference);
        Assert.Equal(EquivalenceVerdict.Different, result.Verdict);
        Assert.True(result.Search!.Found);
    }

    [Fact]
    public void A_network_is_equivalent_to_its_canonical_form_and_agreement_without_a_map_is_never_a_proof()
    {
        var a = ConvolutionalTestNetworks.ResNet(new ReluActivation(), 53);
        var canonical = Canonicalizer.Canonicalize(a).Network;
        var result = Equivalence.Compare(a, canonical, Backend);
        Assert.Equal(EquivalenceVerdict.Equivalent, result.Verdict);
        Assert.False(result.DecidedByTheorem);
        Assert.Equal([$"A: {Fiber.ChannelNetworkGap}", $"B: {Fiber.ChannelNetworkGap}"], result.TheoremGaps);
    }

    [Fact]
    public void A_planted_dead_or_twin_channel_is_reduced_away_and_the_map_relates_the_reduced_networks()
    {
        int seed = 0;
        foreach (var plant in Plants())
        {
            // A: a random copy of the network with the channel unread; B: the plant, permuted and rescaled by powers of two,
            // which keep it an exact twin (the reducer finds exact twins only). The same function.
            var b = DyadicCopy(plant.Planted, seed);
            var result = AssertEquivalent(RandomCopy(plant.Plain, seed), b, seed++);
            Assert.Equal(ReductionRule.ZeroOutgoing, Assert.Single(result.ReductionA.Steps).Rule);
            Assert.Equal(plant.Rule, Assert.Single(result.ReductionB.Steps).Rule);
            Assert.All(result.ReductionB.Steps, s => Assert.True(s.IsChannel));
            Assert.Equal(plant.Plain.ParameterCount - ChannelReducerTests.ChannelParameters(plant.Plain, plant.Layer), result.ReductionA.Network.ParameterCount);
            Assert.Equal([$"A: {Fiber.ChannelNetworkGap}", $"B: {Fiber.ChannelNetworkGap}"], result.TheoremGaps);

            // The network with the channel gone altogether, which has nothing to reduce, against the plant.
            var smaller = result.ReductionA.Network;
            Assert.Empty(Reducer.Reduce(smaller).Steps);
            var direct = AssertEquivalent(smaller, b, seed++);
            Assert.Equal(smaller.Architecture, direct.ReductionB.Network.Architecture);
        }
    }

    [Fact]
    public void With_a_box_convolutional_networks_are_reduced_on_every_input_and_stay_equivalent()
    {
        var plant = Plants().First(p => p.Rule == ReductionRule.Twin);
        var b = DyadicCopy(plant.Planted, 5);
        var result = Equivalence.Compare(plant.Plain, b, Backend, new EquivalenceOptions { Box = Box.Uniform(b.InputSize, -1, 1) });
        Assert.Equal(EquivalenceVerdict.Equivalent, result.Verdict);
        Assert.Null(result.ReductionB.Domain);
        Assert.False(result.OnBoxOnly);
        Assert.Equal(ReductionRule.Twin, Assert.Single(result.ReductionB.Steps).Rule);
        Assert.Equal("computes the same function as the original everywhere", result.ReductionB.Guarantee);
    }

    [Fact]
    public void A_near_twin_stays_and_a_witness_tells_it_apart()
    {
        foreach (var plant in Plants().Where(p => p.Rule == ReductionRule.Twin))
        {
            // One weight of the twin's kernel row moved by 10⁻³: no longer a multiple, so it is not merged.
            var layer = plant.Planted.Layers[plant.Layer];
            var kernel = layer.Weights.ToArray();
            kernel[plant.Channel * layer.WeightColumns] += 1e-3;
            var b = DyadicCopy(plant.Planted.WithLayer(plant.Layer, layer.With(kernel, layer.Bias)), 7);
            var result = Equivalence.Compare(plant.Plain, b, Backend);
            Assert.Empty(result.ReductionB.Steps);
            Assert.False(result.CanonicalShapesMatch, plant.Name);
            Assert.Equal(EquivalenceVerdict.Different, result.Verdict);
            var search = result.Search!;
            Assert.True(search.Found, plant.Name);
            var x = new Matrix(1, search.Input.Length, (double[])search.Input.Clone());
            var fa = Forward.Evaluate(plant.Plain, x, Backend).Row(0).ToArray();
            var fb = Forward.Evaluate(b, x, Backend).Row(0).ToArray();
            double difference = fa.Zip(fb, (p, q) => Math.Abs(p - q)).Max();
            Assert.True(difference > search.Threshold, $"{plant.Name}: difference {difference} at or below the threshold {search.Threshold}");
        }
    }

    /// <summary>
    /// A channel planted in a network: <paramref name="Planted"/> has channel <paramref name="Channel"/> of producer
    /// <paramref name="Layer"/> dead or a twin, and computes the same function as <paramref name="Plain"/>, where that channel
    /// is unread (every slice that reads it zero).
    /// </summary>
    internal sealed record Plant(string Name, Network Plain, Network Planted, int Layer, int Channel, ReductionRule Rule);

    /// <summary>
    /// Dead channels (zero kernel row, ReLU of a bias ≤ 0 or tanh(0); in the ResNet a residual stream's channel, zero in both its
    /// producers) and twins (a positive multiple of another ReLU channel or the negative of a tanh channel, the readers' slices
    /// split between them) in the VGG-, ResNet- and 1-d test networks and the ResNet fixture.
    /// </summary>
    internal static IEnumerable<Plant> Plants()
    {
        var relu = new ReluActivation();
        var vgg = ConvolutionalTestNetworks.Vgg(relu, 61);
        yield return Dead("vgg", vgg, 2, 4, ChannelReducerTests.ZeroRow(vgg, 2, 4, -0.4));
        yield return Twin("vgg", vgg, 0, 1, 3, 0.5);
        var resnet = ConvolutionalTestNetworks.ResNet(relu, 62);
        // The stem (relu) and the block's second convolution (identity) feed the addition: both rows zero, relu(−0.3) = 0.
        yield return Dead("resnet", resnet, 0, 1, ChannelReducerTests.ZeroRow(ChannelReducerTests.ZeroRow(resnet, 0, 1, -0.3), 2, 1, 0));
        yield return Twin("resnet", resnet, 1, 0, 3, 4);
        var oneD = ConvolutionalTestNetworks.OneDimensional(relu, 63);
        yield return Dead("1-d", oneD, 0, 1, ChannelReducerTests.ZeroRow(oneD, 0, 1, -0.5));
        yield return Twin("1-d", oneD, 2, 0, 2, 2);
        // tanh: dead with bias 0 (tanh(0) = 0); a sign-flipped twin, which passes the global average pool to the head.
        var tanh = ConvolutionalTestNetworks.Vgg(new TanhActivation(), 64);
        yield return Dead("vgg tanh", tanh, 2, 1, ChannelReducerTests.ZeroRow(tanh, 2, 1, 0));
        yield return Twin("vgg tanh", tanh, 2, 0, 5, -1);
        var fixture = OnnxModelReader.Read(Fixtures.Onnx(Path.Combine("cnn", "resnet_relu_3x16x16_opset13.onnx")));
        var spec = PermutationSpec.Derive(fixture);
        int first = spec.Classes.First(c => c.Producers is [var p] && c.Additions.Count == 0 && fixture.Layers[p].Kind == LayerKind.Convolution).Producers[0];
        yield return Dead("resnet fixture", fixture, first, 2, ChannelReducerTests.ZeroRow(fixture, first, 2, -0.4));
        yield return Twin("resnet fixture", fixture, first, 0, 1, 2);
    }

    private static Plant Dead(string name, Network network, int p, int k, Network planted) =>
        new($"{name}: dead channel {k} of layer {p}", ChannelReducerTests.ZeroReaders(network, p, k), planted, p, k, ReductionRule.ZeroIncoming);

    private static Plant Twin(string name, Network network, int p, int j, int k, double lambda) =>
        new($"{name}: channel {k} of layer {p} twice channel {j}", ChannelReducerTests.ZeroReaders(network, p, k), SplitTwin(network, p, j, k, lambda, 0.3), p, k, ReductionRule.Twin);

    /// <summary>
    /// Producer p's channel k becomes λ times channel j (kernel row and bias), and every slice that reads j keeps t of
    /// itself, k's slice taking the rest divided by λ: y_k = λ·y_j (ReLU with λ &gt; 0, tanh with λ = −1), so the network
    /// computes what <paramref name="network"/> computes with channel k unread.
    /// </summary>
    private static Network SplitTwin(Network network, int p, int j, int k, double lambda, double t)
    {
        var planted = ChannelReducerTests.Scaled(network, p, from: j, to: k, lambda);
        var spec = PermutationSpec.Derive(planted);
        foreach (var (l, node, offset) in ChannelReducerTests.Readers(planted, spec, spec.ClassOf(p + 1)))
        {
            var layer = planted.Layers[l];
            var w = layer.Weights.ToArray();
            int length = ChannelReducerTests.SliceLength(planted, l, node);
            for (int r = 0; r < layer.Units; r++)
            {
                int row = r * layer.WeightColumns + (layer.Kind == LayerKind.Convolution ? 0 : offset);
                for (int i = 0; i < length; i++)
                {
                    double u = w[row + j * length + i];
                    w[row + k * length + i] = (1 - t) * u / lambda;
                    w[row + j * length + i] = t * u;
                }
            }
            planted = planted.WithLayer(l, layer.With(w, layer.Bias));
        }
        return planted;
    }

    private static void AssertEquivalentCopy(Network a, int seed) => AssertEquivalent(a, RandomCopy(a, seed), seed);

    /// <summary>The network under a random element of its permutation spec.</summary>
    internal static Network RandomCopy(Network network, int seed)
    {
        var spec = PermutationSpec.Derive(network);
        return spec.Apply(network, spec.RandomElement(RandomKey.FromSeed(seed).Stream()));
    }

    /// <summary>The network under a random permutation of its spec and random factors rounded to powers of two (sign kept): no parameter is rounded.</summary>
    internal static Network DyadicCopy(Network network, int seed)
    {
        var spec = PermutationSpec.Derive(network);
        var g = spec.RandomElement(RandomKey.FromSeed(seed).Stream());
        var factors = g.Factors.Select(f => f.Select(x => Math.CopySign(Math.Pow(2, Math.Round(Math.Log2(Math.Abs(x)))), x)).ToArray()).ToArray();
        return spec.Apply(network, new ChannelTransform(g.Permutations, factors));
    }

    /// <summary>
    /// Equivalent, with a channel map of reduced A's spec that takes reduced B to reduced A (on the parameters and by
    /// evaluation), each reduced network computing its original's function.
    /// </summary>
    private static EquivalenceResult AssertEquivalent(Network a, Network b, int seed)
    {
        var result = Equivalence.Compare(a, b, Backend);
        Assert.True(result.Verdict == EquivalenceVerdict.Equivalent,
            $"{a.Architecture}: {result.Verdict}, reduced {result.ReductionA.Network.Architecture} and {result.ReductionB.Network.Architecture}, canonical deviation {result.CanonicalDeviation}");
        Assert.False(result.DecidedByTheorem);
        Assert.Null(result.Map);
        Assert.Null(result.Search);
        Network ra = result.ReductionA.Network, rb = result.ReductionB.Network;
        var x = TestNetworks.GaussianInputs(6, a.InputSize, seed);
        CanonicalTestCases.AssertSameFunction(a, ra, x, 1e-12);
        CanonicalTestCases.AssertSameFunction(b, rb, x, 1e-12);
        var spec = PermutationSpec.Derive(ra);
        var map = result.ChannelMap!;
        Assert.True(spec.Contains(map), "the map is an element of the reduced spec's group");
        var mapped = spec.Apply(rb, map);
        CanonicalTestCases.AssertSameParameters(ra, mapped, 1e-12);
        Assert.True(result.MapDeviation <= 1e-12 * Math.Max(1, ra.GetParameters().Max(Math.Abs)));
        CanonicalTestCases.AssertSameFunction(ra, mapped, x, 1e-10);
        CanonicalTestCases.AssertSameFunction(a, b, x, 1e-10);
        return result;
    }
}

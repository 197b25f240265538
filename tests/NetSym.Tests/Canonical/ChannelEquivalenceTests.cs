using NetSym.Canonical;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;
using NetSym.Tests.IO;

namespace NetSym.Tests.Canonical;

/// <summary>
/// <see cref="Equivalence.Compare"/> on convolutional and residual networks: a permuted and rescaled copy is
/// equivalent with an explicit channel map that takes it back (checked on the parameters and by evaluation); a near
/// miss (one weight moved by 10⁻⁴) is told apart by a witness input that evaluation confirms. Such networks are not
/// reduced, which the result says.
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

    private static void AssertEquivalentCopy(Network a, int seed) => AssertEquivalent(a, RandomCopy(a, seed), seed);

    /// <summary>The network under a random element of its permutation spec.</summary>
    internal static Network RandomCopy(Network network, int seed)
    {
        var spec = PermutationSpec.Derive(network);
        return spec.Apply(network, spec.RandomElement(RandomKey.FromSeed(seed).Stream()));
    }

    /// <summary>
    /// Equivalent, with a channel map of reduced A's spec that takes reduced B to reduced A (on the parameters and by
    /// evaluation), each reduced network computing its original's function.
    /// </summary>
    private static EquivalenceResult AssertEquivalent(Network a, Network b, int seed)
    {
        var result = Equivalence.Compare(a, b, Backend);
        Assert.Equal(EquivalenceVerdict.Equivalent, result.Verdict);
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

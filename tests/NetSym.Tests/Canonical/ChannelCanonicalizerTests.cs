using NetSym.Canonical;
using NetSym.IO;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;
using NetSym.Tests.IO;

namespace NetSym.Tests.Canonical;

/// <summary>
/// The canonical form of convolutional and residual networks under their permutation spec: one form per orbit.
/// Symmetric copies (random spec elements: permutations within blocks, positive scalings or sign flips) are compared
/// to 10⁻¹² relative per layer, not bit for bit: a copy's parameters are rounded products λ_r·w/λ_c, so its
/// normalised rows agree with the original's to a few units in the last place, and so do the forms.
/// </summary>
public class ChannelCanonicalizerTests
{
    public static TheoryData<string> Activations() => ["relu", "tanh", "leaky_relu"];

    private static Activation Parse(string name) => name switch
    {
        "relu" => new ReluActivation(),
        "tanh" => new TanhActivation(),
        _ => new LeakyReluActivation(0.1),
    };

    public static TheoryData<string> FixtureFiles() =>
    [
        "vgg_relu_3x16x16_opset11.onnx", "cnn1d_tanh_2x32_opset17.onnx", "grouped_relu_4x13x13_opset17.onnx",
        "bn_relu_3x12x12_kept_opset17.onnx", "resnet_relu_3x16x16_opset13.onnx", "resnet20_cifar_3x32x32_opset13.onnx",
    ];

    private static Network Fixture(string name) => OnnxModelReader.Read(Fixtures.Onnx(Path.Combine("cnn", name)));

    [Theory]
    [MemberData(nameof(Activations))]
    public void Symmetric_copies_have_the_same_canonical_form_and_fingerprint(string activation)
    {
        foreach (var net in ConvolutionalTestNetworks.All(Parse(activation), 11))
            AssertOrbitInvariant(net, 4, $"{activation} {net.Architecture}");
    }

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Symmetric_copies_of_the_onnx_fixtures_have_the_same_canonical_form_and_fingerprint(string name) =>
        AssertOrbitInvariant(Fixture(name), 2, name);

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void The_canonical_form_of_an_onnx_fixture_exported_again_runs_in_onnx_runtime_as_the_fixture(string name)
    {
        string path = Fixtures.Onnx(Path.Combine("cnn", name));
        var network = OnnxModelReader.Read(path);
        var (inputs, _) = Fixtures.Expected(path);
        var canonical = Canonicalizer.Canonicalize(network).Network;
        // The canonical form computes the fixture's function (double against double)...
        CanonicalTestCases.AssertSameFunction(network, canonical, inputs, 1e-10);
        // ...and ONNX Runtime, running its float32 export, agrees with NetSym on that float32 rounding.
        using var stream = new MemoryStream();
        OnnxModelWriter.Write(canonical, stream);
        var expected = Forward.Evaluate(OnnxRoundTripTests.RoundedToFloat32(canonical), inputs, NetSym.LinearAlgebra.LinearAlgebraBackends.Default);
        Float32Agreement.AssertAgrees(expected, OnnxRuntimeAgreementTests.RunOnnxRuntime(stream.ToArray(), inputs, canonical.InputShape));
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void The_transform_maps_the_network_to_its_canonical_form_and_keeps_its_function(string activation)
    {
        foreach (var net in ConvolutionalTestNetworks.All(Parse(activation), 13))
        {
            var form = Canonicalizer.Canonicalize(net);
            Assert.Null(form.Element);
            var spec = form.Spec!;
            Assert.True(spec.Contains(form.Transform!), "the canonical transform is an element of the spec's group");
            Assert.Equal(spec.Apply(net, form.Transform!).GetParameters(), form.Network.GetParameters());
            CanonicalTestCases.AssertSameFunction(net, form.Network, TestNetworks.GaussianInputs(20, net.InputSize, 3), 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void Canonicalisation_is_idempotent_bit_for_bit(string activation)
    {
        foreach (var net in ConvolutionalTestNetworks.All(Parse(activation), 17))
        {
            var once = Canonicalizer.Canonicalize(net).Network;
            var twice = Canonicalizer.Canonicalize(once);
            Assert.True(twice.Transform!.IsIdentity, $"{net.Architecture}: canonicalising a canonical network moved it");
            Assert.Equal(once.GetParameters(), twice.Network.GetParameters());
        }
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void Channels_are_normalised_on_their_first_producer_and_sorted_by_its_rows(string activation)
    {
        foreach (var net in ConvolutionalTestNetworks.All(Parse(activation), 19))
        {
            var form = Canonicalizer.Canonicalize(net);
            foreach (var c in form.Spec!.Classes.Where(c => !c.Fixed && c.OwnsPermutation))
            {
                var first = form.Network.Layers[c.Producers[0]];
                int columns = first.WeightColumns;
                var keys = new double[c.Channels];
                for (int k = 0; k < c.Channels; k++)
                {
                    var w = first.Weights.Slice(k * columns, columns);
                    double norm2 = first.Bias[k] * first.Bias[k];
                    foreach (double v in w) norm2 += v * v;
                    if (c.Factors.HasFlag(ChannelFactors.PositiveScaling)) Assert.Equal(1, Math.Sqrt(norm2), 12);
                    if (c.Factors.HasFlag(ChannelFactors.SignFlip))
                    {
                        double top = 0;
                        foreach (double v in w) if (Math.Abs(v) > Math.Abs(top)) top = v;
                        Assert.True(top > 0, $"class {c.Index} channel {k}: largest weight {top} is not positive");
                    }
                    keys[k] = NeuronOrder.Key(0, w, first.Bias[k]);
                }
                // Only the first producer reads decided classes in these networks except projection shortcuts; the order
                // within a block follows the level-0 key of the concatenated rows, so check it on single-key classes.
                if (c.Producers.Count == 1)
                    foreach (var block in c.Blocks)
                        for (int i = 1; i < block.Length; i++) Assert.True(keys[block[i - 1]] <= keys[block[i]], $"class {c.Index}: keys out of order");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void A_different_network_gets_a_different_fingerprint(string activation)
    {
        foreach (var net in ConvolutionalTestNetworks.All(Parse(activation), 23))
        {
            var print = Fingerprint.Of(net);
            // Far above the fingerprint's grid (10⁻⁶ of each layer's largest |parameter|).
            for (int index = 0; index < net.ParameterCount; index += Math.Max(1, net.ParameterCount / 5))
                Assert.NotEqual(print, Fingerprint.Of(CanonicalTestCases.Perturb(net, index, 1e-3)));
        }
    }

    [Fact]
    public void A_convolutional_network_does_not_share_a_fingerprint_with_a_dense_one_of_the_same_parameters()
    {
        var net = ConvolutionalTestNetworks.Vgg(new ReluActivation(), 29);
        var print = Fingerprint.Of(net);
        // The same layers read as another window: the parameters agree, the structure does not.
        var layers = net.Layers.ToArray();
        var c = layers[2];
        layers[2] = Layer.Convolution(c.InputShape, c.Units, ConvolutionalTestNetworks.Window([3, 3], [1, 1], [1, 1], [1, 1], [2, 2]), 1, c.Weights, c.Bias, c.Activation, c.Sources[0]);
        var dilated = new Network(net.InputShape, [.. layers[..3], Layer.Pooling(NetSym.Networks.LayerKind.AveragePool, layers[2].OutputShape, WindowGeometry.Plain([.. layers[2].OutputShape.Spatial]), 3), layers[4]]);
        Assert.NotEqual(print, Fingerprint.Of(dilated));
    }

    private static void AssertOrbitInvariant(Network net, int trials, string label)
    {
        var form = Canonicalizer.Canonicalize(net);
        var print = Fingerprint.Of(form);
        var spec = PermutationSpec.Derive(net);
        var x = TestNetworks.GaussianInputs(8, net.InputSize, 5);
        for (int trial = 0; trial < trials; trial++)
        {
            var element = spec.RandomElement(RandomKey.FromSeed(100 + trial).Stream());
            var moved = spec.Apply(net, element);
            CanonicalTestCases.AssertSameFunction(net, moved, x, 1e-10);
            var movedForm = Canonicalizer.Canonicalize(moved);
            CanonicalTestCases.AssertSameParameters(form.Network, movedForm.Network, 1e-12);
            Assert.True(print == Fingerprint.Of(movedForm), $"{label}: fingerprint of element {trial} differs");
            // The two transforms relate the copies: canon(moved)⁻¹ ∘ canon(net) takes net to moved.
            var relation = movedForm.Transform!.Invert().Compose(form.Transform!);
            CanonicalTestCases.AssertSameParameters(moved, spec.Apply(net, relation), 1e-12);
        }
    }
}

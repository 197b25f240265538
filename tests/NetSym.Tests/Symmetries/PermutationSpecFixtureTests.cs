using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;
using NetSym.Tests.IO;

namespace NetSym.Tests.Symmetries;

/// <summary>
/// The permutation specs of the networks PyTorch exported in Fixtures/onnx/cnn/, read from the files: the same
/// classes as the networks rebuilt from the README's op lists (whose specs <see cref="PermutationSpecTests"/>
/// checks against the README), and random elements that keep PyTorch's outputs on the fixture's inputs.
/// </summary>
public class PermutationSpecFixtureTests
{
    public static TheoryData<string, string> Files() => new()
    {
        { "vgg_relu_3x16x16_opset11.onnx", nameof(FixtureSpecNetworks.Vgg) },
        { "cnn1d_tanh_2x32_opset17.onnx", nameof(FixtureSpecNetworks.Cnn1dTanh) },
        { "grouped_relu_4x13x13_opset17.onnx", nameof(FixtureSpecNetworks.Grouped) },
        { "bn_relu_3x12x12_kept_opset17.onnx", nameof(FixtureSpecNetworks.BnRelu) },
        { "bn_relu_3x12x12_folded_opset13.onnx", nameof(FixtureSpecNetworks.BnRelu) },
        { "resnet_relu_3x16x16_opset13.onnx", nameof(FixtureSpecNetworks.ResNet) },
        { "resnet_relu_defaultbn_3x16x16_opset13.onnx", nameof(FixtureSpecNetworks.ResNet) },
        { "resnet20_cifar_3x32x32_opset13.onnx", nameof(FixtureSpecNetworks.ResNet20) },
    };

    private static Network Rebuilt(string builder) => builder switch
    {
        nameof(FixtureSpecNetworks.Vgg) => FixtureSpecNetworks.Vgg(1),
        nameof(FixtureSpecNetworks.Cnn1dTanh) => FixtureSpecNetworks.Cnn1dTanh(1),
        nameof(FixtureSpecNetworks.Grouped) => FixtureSpecNetworks.Grouped(1),
        nameof(FixtureSpecNetworks.BnRelu) => FixtureSpecNetworks.BnRelu(1),
        nameof(FixtureSpecNetworks.ResNet) => FixtureSpecNetworks.ResNet(1),
        _ => FixtureSpecNetworks.ResNet20(1),
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void The_file_has_the_spec_of_its_rebuilt_graph(string name, string builder)
    {
        var network = OnnxModelReader.Read(Fixtures.Onnx(Path.Combine("cnn", name)));
        var spec = PermutationSpec.Derive(network);
        var expected = PermutationSpec.Derive(Rebuilt(builder));
        Assert.Equal(expected.Order.Value, spec.Order.Value);
        Assert.Equal(expected.ContinuousDimension, spec.ContinuousDimension);
        // Layer indices may differ (the importer's layer order follows the ONNX graph), so compare the classes' shapes.
        static IEnumerable<string> Shapes(PermutationSpec s) => s.Classes
            .Select(c => $"{c.Producers.Count} producers, {c.Additions.Count} additions, {c.Channels} channels, blocks {string.Join("+", c.Blocks.Select(b => b.Length))}, own {c.OwnsPermutation}, {c.Factors}, fixed {c.Fixed}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(Shapes(expected), Shapes(spec));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Random_elements_keep_the_outputs_on_the_fixture_inputs(string name, string builder)
    {
        _ = builder;
        string path = Fixtures.Onnx(Path.Combine("cnn", name));
        var network = OnnxModelReader.Read(path);
        var (inputs, _) = Fixtures.Expected(path);
        var spec = PermutationSpec.Derive(network);
        var y = Forward.Evaluate(network, inputs, LinearAlgebraBackends.Default);
        double scale = y.Data.Select(Math.Abs).Max();
        for (int k = 0; k < 2; k++)
        {
            var moved = spec.Apply(network, spec.RandomElement(RandomKey.FromSeed(k).Stream()));
            var z = Forward.Evaluate(moved, inputs, LinearAlgebraBackends.Default);
            double diff = y.Data.Zip(z.Data, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(diff <= 1e-10 * scale, $"{name} element {k}: {diff / scale} relative");
        }
    }
}

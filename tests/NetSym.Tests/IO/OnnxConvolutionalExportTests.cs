using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using Onnx;

namespace NetSym.Tests.IO;

/// <summary>
/// A convolutional or residual network that NetSym exports computes, in ONNX Runtime, what NetSym
/// computes from the same float32 parameters; what ONNX cannot hold is refused by name.
/// </summary>
public class OnnxConvolutionalExportTests
{
    private static byte[] Export(Network network)
    {
        using var stream = new MemoryStream();
        OnnxModelWriter.Write(network, stream);
        return stream.ToArray();
    }

    /// <summary>
    /// ONNX Runtime runs the float32 parameters the file holds; NetSym evaluates the same parameters in
    /// double, so only float32 arithmetic separates the two.
    /// </summary>
    private static void AssertOnnxRuntimeAgrees(Network network, int seed)
    {
        var random = RandomKey.FromSeed(seed).Split(RandomPurpose.Inputs).Stream();
        var inputs = new Matrix(8, network.InputSize);
        for (int i = 0; i < inputs.Data.Length; i++) inputs.Data[i] = (float)(2 * random.NextNormal());
        var expected = Forward.Evaluate(OnnxRoundTripTests.RoundedToFloat32(network), inputs, LinearAlgebraBackends.Default);
        Float32Agreement.AssertAgrees(expected, OnnxRuntimeAgreementTests.RunOnnxRuntime(Export(network), inputs, network.InputShape));
    }

    [Fact]
    public void OnnxRuntimeReproducesNetSymOnRandomConvolutionalNetworks()
    {
        for (int seed = 0; seed < 150; seed++)
        {
            var network = RandomConvolutionalNetworks.Create(seed, onnxExportable: true);
            try
            {
                AssertOnnxRuntimeAgrees(network, seed);
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException or OnnxRuntimeException)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed}, {network.Architecture}: {e.Message}");
            }
        }
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("tanh")]
    [InlineData("leaky_relu(0.1)")]
    [InlineData("gelu_erf")]
    public void OnnxRuntimeReproducesNetSymOnTheTestNetworks(string activation)
    {
        foreach (var network in ConvolutionalTestNetworks.All(ActivationCatalog.Parse(activation), 21))
            AssertOnnxRuntimeAgrees(network, 5);
    }

    [Fact]
    public void ExportedNetworkReadsBackAsItsFloat32Rounding()
    {
        var networks = Enumerable.Range(0, 150).Select(seed => RandomConvolutionalNetworks.Create(seed, onnxExportable: true))
            .Concat(ConvolutionalTestNetworks.All(new ReluActivation(), 31))
            .Concat(ConvolutionalTestNetworks.All(ActivationCatalog.Parse("gelu_erf"), 41));
        foreach (var network in networks)
        {
            byte[] bytes = Export(network);
            var read = OnnxModelReader.Parse(bytes, "exported.onnx");
            NetworkAssert.Identical(OnnxRoundTripTests.RoundedToFloat32(network), read);
            Assert.Equal(bytes, Export(read)); // and the float32 network rewrites to the same file
        }
    }

    [Fact]
    public void GraphUsesTheOpsPyTorchWrites()
    {
        var model = Model(ConvolutionalTestNetworks.Vgg(new ReluActivation(), 1));
        Assert.Equal(["Conv", "Relu", "MaxPool", "Conv", "Relu", "GlobalAveragePool", "Flatten", "Gemm"], model.Graph.Node.Select(n => n.OpType));
        Assert.Equal(OnnxModelWriter.OpsetVersion, Assert.Single(model.OpsetImport).Version);
        var conv = model.Graph.Node[0];
        Assert.Equal([1, 1, 1, 1], Attribute(conv, "pads").Ints);
        Assert.Equal([3, 3], Attribute(conv, "kernel_shape").Ints);
        Assert.Equal([4, 3, 3, 3], model.Graph.Initializer.Single(t => t.Name == conv.Input[1]).Dims);

        var resnet = Model(ConvolutionalTestNetworks.ResNet(new ReluActivation(), 1));
        Assert.Equal(2, resnet.Graph.Node.Count(n => n.OpType == "Add"));
        var grouped = resnet.Graph.Node.Where(n => n.OpType == "Conv").ElementAt(6);
        Assert.Equal(2, Attribute(grouped, "group").I);
        Assert.Equal([2, 1], Attribute(grouped, "dilations").Ints);
        Assert.Equal([1, 0, 0, 1], Attribute(grouped, "pads").Ints); // begins, then ends

        // A padded average pool counts the padding, as NetSym does.
        var oneD = Model(ConvolutionalTestNetworks.OneDimensional(new TanhActivation(), 1));
        var average = oneD.Graph.Node.Single(n => n.OpType == "AveragePool");
        Assert.Equal(1, Attribute(average, "count_include_pad").I);
        Assert.Equal([1, 0], Attribute(average, "pads").Ints);
    }

    [Fact]
    public void ExportedFileDeclaresItsInputAndOutputShapes()
    {
        var network = ConvolutionalTestNetworks.ResNet(new ReluActivation(), 3);
        // The feature map itself as the output: drop the pooling and the dense head.
        var trunk = new Network(network.InputShape, network.Layers.Take(network.Layers.Count - 2));
        using var session = new InferenceSession(Export(trunk));
        var input = Assert.Single(session.InputMetadata);
        Assert.Equal(OnnxModelWriter.InputName, input.Key);
        Assert.Equal([-1, 2, 7, 7], input.Value.Dimensions);
        Assert.Equal("batch", input.Value.SymbolicDimensions[0]);
        var output = Assert.Single(session.OutputMetadata);
        Assert.Equal(OnnxModelWriter.OutputName, output.Key);
        var shape = trunk.Layers[^1].OutputShape;
        Assert.Equal([-1, shape.Channels, .. shape.Spatial], output.Value.Dimensions);
    }

    [Fact]
    public void DilatedAveragePoolingIsRefusedByName()
    {
        var input = new NodeShape(1, 6);
        var network = new Network(input, [Layer.Pooling(LayerKind.AveragePool, input, ConvolutionalTestNetworks.Window([2], [1], [0], [0], [2]), 0)]);
        var e = Assert.Throws<NotSupportedException>(() => Export(network));
        Assert.Contains("layer 0 is a dilated average pooling", e.Message);
    }

    [Fact]
    public void PoolingPaddedByItsWholeWindowIsRefused()
    {
        var input = new NodeShape(1, 6);
        var network = new Network(input, [Layer.Pooling(LayerKind.AveragePool, input, ConvolutionalTestNetworks.Window([2], [1], [2], [0], [1]), 0)]);
        var e = Assert.Throws<NotSupportedException>(() => Export(network));
        Assert.Contains("layer 0 pools with padding as large as its window", e.Message);
    }

    [Fact]
    public void DenseLayerReadingSeveralNodesIsRefused()
    {
        var input = new NodeShape(1, 3);
        var conv = Layer.Convolution(input, 1, WindowGeometry.Plain(1), 1, [2], [0], new ReluActivation(), 0);
        var network = new Network(input, [conv, new Layer(6, 1, [1, 2, 3, 4, 5, 6], [0], new IdentityActivation(), [0, 1])]);
        var e = Assert.Throws<NotSupportedException>(() => Export(network));
        Assert.Contains("layer 1 reads nodes [0, 1]", e.Message);
    }

    [Fact]
    public void ExpressionActivationInAConvolutionIsRefusedByName()
    {
        var network = ConvolutionalTestNetworks.OneDimensional(ActivationCatalog.Parse("expr(x/(1 + abs(x)))"), 2);
        var e = Assert.Throws<NotSupportedException>(() => Export(network));
        Assert.Contains("expr(", e.Message);
    }

    [Fact]
    public void ModelFilesWritesAConvolutionalNetworkAsOnnxWholeOrNotAtAll()
    {
        using var dir = new TempDirectory();
        var network = ConvolutionalTestNetworks.ResNet(new ReluActivation(), 8);
        ModelFiles.Write(network, dir.File("resnet.onnx"));
        Assert.Equal(Export(network), File.ReadAllBytes(dir.File("resnet.onnx")));

        var pool = new NodeShape(1, 6);
        var dilated = new Network(pool, [Layer.Pooling(LayerKind.AveragePool, pool, ConvolutionalTestNetworks.Window([2], [1], [0], [0], [2]), 0)]);
        var e = Assert.Throws<ModelFileException>(() => ModelFiles.Write(dilated, dir.File("pool.onnx")));
        Assert.StartsWith(dir.File("pool.onnx") + ": layer 0 is a dilated average pooling", e.Message);
        Assert.Equal(["resnet.onnx"], dir.Entries());
    }

    private static ModelProto Model(Network network) => ModelProto.Parser.ParseFrom(Export(network));

    private static AttributeProto Attribute(NodeProto node, string name) => node.Attribute.Single(a => a.Name == name);
}

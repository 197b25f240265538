using System.Text;
using System.Text.Json;
using CsCheck;
using NetSym.IO;
using NetSym.Networks;

namespace NetSym.Tests.IO;

/// <summary>NetSym JSON version 2 holds convolutional and residual networks losslessly: kinds, shapes, windows, groups, wiring and every bit.</summary>
public class NetworkJsonConvolutionalTests
{
    // Activations beyond ONNX's reach too: JSON holds every one.
    private static readonly string[] Specs = ["identity", "relu", "leaky_relu(-0.3)", "tanh", "gelu", "elu(2.5)", "expr(x/(1 + abs(x)))"];

    /// <summary>
    /// The document of version 2 in docs/format.md: a 1-d convolution, a residual addition, an average
    /// pool padded at the end and a dense head.
    /// </summary>
    internal const string DocumentedExample = """
        {
          "format": "netsym-network",
          "version": 2,
          "input_shape": [2, 5],
          "layers": [
            {
              "kind": "convolution",
              "activation": "relu",
              "kernel": [3],
              "stride": [1],
              "pad_begin": [1],
              "pad_end": [1],
              "dilation": [1],
              "groups": 1,
              "weights": [
                [0.5, -1, 0.25, 0, 1, -0.5],
                [1, 0, -1, 0.5, 0.5, 0.5]
              ],
              "bias": [0, 0.1]
            },
            {
              "kind": "add",
              "activation": "identity",
              "sources": [0, 1]
            },
            {
              "kind": "average_pool",
              "kernel": [2],
              "stride": [2],
              "pad_begin": [0],
              "pad_end": [1],
              "dilation": [1]
            },
            {
              "kind": "dense",
              "activation": "identity",
              "weights": [
                [1, -1, 0.5, 2, 0, -0.25]
              ],
              "bias": [0.125]
            }
          ]
        }

        """;

    /// <summary>
    /// Random geometries (dilated average pooling included) with parameters drawn from all finite bit
    /// patterns (subnormals, −0, ±1.8e308) and a random activation on every layer that has one.
    /// </summary>
    private static readonly Gen<Network> Networks =
        from network in RandomConvolutionalNetworks.Gen(onnxExportable: false)
        from bits in Gen.Long.Array[64]
        from activations in Gen.OneOf(Specs).Array[32]
        select Scramble(network, bits, activations);

    private static Network Scramble(Network network, long[] bits, string[] activations)
    {
        var theta = network.GetParameters();
        for (int i = 0; i < theta.Length; i++)
            theta[i] = BitConverter.Int64BitsToDouble(bits[i % bits.Length] ^ i) is var d && double.IsFinite(d) ? d : -0.0;
        var layers = network.WithParameters(theta).Layers.Select((l, i) =>
            l.Kind is LayerKind.MaxPool or LayerKind.AveragePool ? l : l.With(ActivationCatalog.Parse(activations[i % activations.Length])));
        return new Network(network.InputShape, layers);
    }

    private static byte[] Write(Network network)
    {
        using var stream = new MemoryStream();
        NetworkJson.Write(network, stream);
        return stream.ToArray();
    }

    private static Network RoundTrip(Network network) => NetworkJson.Parse(Write(network), "roundtrip.json");

    [Fact]
    public void RoundTripIsBitExactForRandomConvolutionalNetworks() =>
        Networks.Sample(network => NetworkAssert.Identical(network, RoundTrip(network)), iter: 200);

    [Fact]
    public void RewritingAReadNetworkGivesTheSameBytes() =>
        Networks.Sample(network =>
        {
            byte[] once = Write(network);
            Assert.Equal(once, Write(NetworkJson.Parse(once, "once.json")));
        }, iter: 50);

    [Theory]
    [InlineData("relu")]
    [InlineData("tanh")]
    public void TestNetworksRoundTripThroughAFile(string activation)
    {
        using var dir = new TempDirectory();
        foreach (var (network, k) in ConvolutionalTestNetworks.All(ActivationCatalog.Parse(activation), 11).Select((n, k) => (n, k)))
        {
            string path = dir.File($"cnn{k}.json");
            ModelFiles.Write(network, path);
            var read = ModelFiles.Read(path);
            NetworkAssert.Identical(network, read);
            Assert.Equal(network.Architecture, read.Architecture);
        }
        Assert.Equal(3, dir.Entries().Length);
    }

    [Fact]
    public void DocumentedExampleIsWhatNetSymWrites()
    {
        var network = NetworkJson.Parse(Encoding.UTF8.GetBytes(DocumentedExample), "example.json");
        Assert.Equal("2×5-conv2-add-avgpool-1 (skip)", network.Architecture);
        Assert.Equal(DocumentedExample, Encoding.UTF8.GetString(Write(network)));
    }

    [Fact]
    public void WrittenFileFollowsTheDocumentedSchema()
    {
        var network = ConvolutionalTestNetworks.ResNet(new ReluActivation(), 4);
        using var doc = JsonDocument.Parse(Write(network));
        var root = doc.RootElement;
        Assert.Equal(NetworkJson.Version, root.GetProperty("version").GetInt32());
        Assert.Equal([2, 7, 7], Ints(root.GetProperty("input_shape")));
        Assert.False(root.TryGetProperty("input_size", out _));
        var layers = root.GetProperty("layers");
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var e = layers[l];
            Assert.Equal(NetworkJson.KindNames[layer.Kind], e.GetProperty("kind").GetString());
            Assert.Equal(layer.Window is not null, e.TryGetProperty("kernel", out _));
            if (layer.Window is { } w)
            {
                Assert.Equal([.. w.Stride], Ints(e.GetProperty("stride")));
                Assert.Equal([.. w.PadBegin], Ints(e.GetProperty("pad_begin")));
                Assert.Equal([.. w.PadEnd], Ints(e.GetProperty("pad_end")));
                Assert.Equal([.. w.Dilation], Ints(e.GetProperty("dilation")));
            }
            Assert.Equal(network.Graph.ReadsPreviousOnly(l), !e.TryGetProperty("sources", out _));
            if (layer.Kind is LayerKind.Dense or LayerKind.Convolution)
            {
                // One row per unit (output channel), in PyTorch's (out, in/groups, k…) order flattened.
                var rows = e.GetProperty("weights");
                Assert.Equal(layer.Units, rows.GetArrayLength());
                for (int o = 0; o < layer.Units; o++)
                    for (int j = 0; j < layer.WeightColumns; j++)
                        Assert.Equal(layer.Weight(o, j), rows[o][j].GetDouble());
            }
            else
                Assert.False(e.TryGetProperty("weights", out _));
        }
        Assert.Equal(2, layers[8].GetProperty("groups").GetInt32()); // the grouped, dilated convolution
        Assert.Equal([1, 3], Ints(layers[3].GetProperty("sources"))); // the identity block's addition
    }

    [Fact]
    public void DenseLayersOverAShapedInputAreWrittenAsVersion2()
    {
        var input = new NodeShape(2, 3);
        var network = new Network(input, [new Layer(6, 2, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [0, -0.0], new TanhActivation(), [0])]);
        using var doc = JsonDocument.Parse(Write(network));
        Assert.Equal(2, doc.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("dense", doc.RootElement.GetProperty("layers")[0].GetProperty("kind").GetString());
        NetworkAssert.Identical(network, RoundTrip(network));
    }

    [Fact]
    public void DenseNetworksOverAFlatInputStayVersion1()
    {
        var network = new Network(3, [new Layer(3, 1, [1, 2, 3], [0], new ReluActivation(), [0])]);
        using var doc = JsonDocument.Parse(Write(network));
        Assert.Equal(NetworkJson.DenseVersion, doc.RootElement.GetProperty("version").GetInt32());
        Assert.False(doc.RootElement.GetProperty("layers")[0].TryGetProperty("kind", out _));
    }

    [Fact]
    public void ReadingWithAHiddenActivationSetsItOnEveryHiddenLayerThatHasOne()
    {
        var network = ConvolutionalTestNetworks.ResNet(new ReluActivation(), 2);
        using var dir = new TempDirectory();
        string path = dir.File("resnet.json");
        ModelFiles.Write(network, path);
        var read = ModelFiles.Read(path, new TanhActivation());
        Assert.Equal(network.InputShape, read.InputShape);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var (before, after) = (network.Layers[l], read.Layers[l]);
            bool keeps = l == network.Layers.Count - 1 || before.Kind is LayerKind.MaxPool or LayerKind.AveragePool;
            Assert.Equal(keeps ? before.Activation.Spec : "tanh", after.Activation.Spec);
        }
        Assert.Equal(network.GetParameters(), read.GetParameters());
    }

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];
}

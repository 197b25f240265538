using CsCheck;
using NetSym.IO;
using NetSym.Networks;

namespace NetSym.Tests.IO;

/// <summary>NetSym JSON is lossless: writing and reading back gives the same network, bit for bit.</summary>
public class NetworkJsonTests
{
    private static readonly string[] Specs =
        ["identity", "relu", "leaky_relu(0.1)", "leaky_relu(-0.3)", "tanh", "sigmoid", "softplus", "abs", "elu(2.5)", "gelu", "hardtanh", "relu6"];

    /// <summary>
    /// Networks of every shape the format holds: each layer reads a non-empty set of earlier nodes
    /// (skip connections), may carry a mask, and has parameters drawn from all finite bit patterns
    /// (subnormals, −0, ±1.8e308 included).
    /// </summary>
    private static readonly Gen<Network> Networks =
        from inputSize in Gen.Int[1, 4]
        from widths in Gen.Int[1, 4].Array[1, 4]
        from sourceSets in Gen.Int[1, 31].Array[widths.Length]
        from masked in Gen.Bool.Array[widths.Length]
        from activations in Gen.OneOf(Specs).Array[widths.Length]
        from bits in Gen.Long.Array[64 * widths.Length]
        from edges in Gen.Int[0, 3].Array[64 * widths.Length]
        select Build(inputSize, widths, sourceSets, masked, activations, bits, edges);

    private static Network Build(int inputSize, int[] widths, int[] sourceSets, bool[] masked, string[] activations, long[] bits, int[] edges)
    {
        var sizes = new List<int> { inputSize };
        var layers = new List<Layer>();
        int k = 0;
        for (int l = 0; l < widths.Length; l++)
        {
            int[] sources = [.. Enumerable.Range(0, l + 1).Where(s => (sourceSets[l] >> s & 1) == 1)];
            if (sources.Length == 0) sources = [l];
            int fanIn = sources.Sum(s => sizes[s]), outSize = widths[l];
            var w = new double[fanIn * outSize];
            var mask = new bool[w.Length];
            var b = new double[outSize];
            for (int i = 0; i < w.Length; i++)
            {
                mask[i] = !masked[l] || edges[k % edges.Length] != 0;
                w[i] = mask[i] ? Finite(bits[k++ % bits.Length]) : 0;
            }
            for (int i = 0; i < b.Length; i++) b[i] = Finite(bits[k++ % bits.Length]);
            layers.Add(new Layer(fanIn, outSize, w, b, ActivationCatalog.Parse(activations[l]), sources, masked[l] ? mask : default));
            sizes.Add(outSize);
        }
        return new Network(inputSize, layers);
    }

    private static double Finite(long bits) => BitConverter.Int64BitsToDouble(bits) is var d && double.IsFinite(d) ? d : -0.0;

    private static Network RoundTrip(Network network)
    {
        using var stream = new MemoryStream();
        NetworkJson.Write(network, stream);
        return NetworkJson.Parse(stream.ToArray(), "roundtrip.json");
    }

    [Fact]
    public void RoundTripIsBitExactForEveryNetwork() =>
        Networks.Sample(network => NetworkAssert.Identical(network, RoundTrip(network)), iter: 300);

    [Fact]
    public void NetworkWithSkipConnectionsAndMaskRoundTripsThroughAFile()
    {
        // 2 inputs → 3 (relu) → 2 (tanh, reads the input and layer 0, one edge absent) → 1 (reads all three nodes).
        var network = new Network(2,
        [
            new Layer(2, 3, [0.1, -0.2, 1e-300, -0.0, double.Epsilon, 3], [1, 2, 3], new ReluActivation(), [0]),
            new Layer(5, 2, [1, 0, 2, 3, 4, 5, 6, 7, 8, 9], [-1, 1], new TanhActivation(), [0, 1],
                [true, false, true, true, true, true, true, true, true, true]),
            new Layer(7, 1, [1, 2, 3, 4, 5, 6, double.MaxValue], [0.5], new LeakyReluActivation(0.2), [0, 1, 2]),
        ]);
        using var dir = new TempDirectory();
        string path = dir.File("net.json");
        ModelFiles.Write(network, path);
        var read = ModelFiles.Read(path);
        NetworkAssert.Identical(network, read);
        Assert.Equal("2-3-2-1 (skip) (masked)", read.Architecture);
        Assert.Equal(["net.json"], dir.Entries());
    }

    [Theory]
    [MemberData(nameof(Fixtures.ReadableOnnx), MemberType = typeof(Fixtures))]
    public void FixtureConvertedToJsonReadsBackExactly(string name)
    {
        var network = OnnxModelReader.Read(Fixtures.Onnx(name));
        NetworkAssert.Identical(network, RoundTrip(network));
    }

    [Fact]
    public void WrittenFileFollowsTheDocumentedSchema()
    {
        var network = new Network(2,
        [
            new Layer(2, 2, [1, 0, 0.5, -2], [0, 0.25], new LeakyReluActivation(0.1), [0], [true, false, true, true]),
            new Layer(4, 1, [1, 2, 3, 4], [-1], new IdentityActivation(), [0, 1]),
        ]);
        using var stream = new MemoryStream();
        NetworkJson.Write(network, stream);
        using var doc = System.Text.Json.JsonDocument.Parse(stream.ToArray());
        var root = doc.RootElement;
        Assert.Equal("netsym-network", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(2, root.GetProperty("input_size").GetInt32());
        var l0 = root.GetProperty("layers")[0];
        Assert.Equal("leaky_relu(0.1)", l0.GetProperty("activation").GetString());
        Assert.False(l0.TryGetProperty("sources", out _)); // the default, the previous node, is left out
        Assert.Equal(0.5, l0.GetProperty("weights")[1][0].GetDouble()); // rows are outputs
        Assert.Equal(0, l0.GetProperty("mask")[0][1].GetInt32());
        var l1 = root.GetProperty("layers")[1];
        Assert.Equal([0, 1], l1.GetProperty("sources").EnumerateArray().Select(e => e.GetInt32()));
        Assert.False(l1.TryGetProperty("mask", out _));
    }
}

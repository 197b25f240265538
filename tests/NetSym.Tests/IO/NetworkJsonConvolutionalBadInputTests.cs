using System.Text;
using NetSym.IO;

namespace NetSym.Tests.IO;

/// <summary>Every version-2 NetSym JSON file that does not describe a valid network is a <see cref="ModelFileException"/> naming the file, the layer and the problem.</summary>
public class NetworkJsonConvolutionalBadInputTests
{
    // The documented example in one line per layer; each test breaks one thing.
    private const string Valid = """
        {"format": "netsym-network", "version": 2, "input_shape": [2, 5], "layers": [
          {"kind": "convolution", "activation": "relu", "kernel": [3], "stride": [1], "pad_begin": [1], "pad_end": [1], "dilation": [1], "groups": 1, "weights": [[0.5, -1, 0.25, 0, 1, -0.5], [1, 0, -1, 0.5, 0.5, 0.5]], "bias": [0, 0.1]},
          {"kind": "add", "activation": "identity", "sources": [0, 1]},
          {"kind": "average_pool", "kernel": [2], "stride": [2], "pad_begin": [0], "pad_end": [1], "dilation": [1]},
          {"kind": "dense", "activation": "identity", "weights": [[1, -1, 0.5, 2, 0, -0.25]], "bias": [0.125]}]}
        """;

    private static void Rejects(string json, params string[] fragments) => NetworkJsonBadInputTests.Rejects(json, fragments);

    private static string Replace(string from, string to)
    {
        Assert.Contains(from, Valid); // the test breaks what it means to break
        Assert.Equal(Valid.IndexOf(from, StringComparison.Ordinal), Valid.LastIndexOf(from, StringComparison.Ordinal));
        return Valid.Replace(from, to);
    }

    [Fact]
    public void ValidDocumentReadsAsTheDocumentedExample() =>
        NetworkAssert.Identical(
            NetworkJson.Parse(Encoding.UTF8.GetBytes(NetworkJsonConvolutionalTests.DocumentedExample), "docs.json"),
            NetworkJson.Parse(Encoding.UTF8.GetBytes(Valid), "ok.json"));

    [Fact]
    public void EveryTruncationIsRejected()
    {
        string compact = Valid.Trim();
        for (int n = 0; n < compact.Length - 1; n++)
            Rejects(compact[..n]);
    }

    [Theory]
    [InlineData("\"kind\": \"convolution\", ", "missing field layers[0].kind")]
    [InlineData("\"kernel\": [3], ", "missing field layers[0].kernel")]
    [InlineData("\"stride\": [2], ", "missing field layers[2].stride")]
    [InlineData("\"pad_begin\": [0], ", "missing field layers[2].pad_begin")]
    [InlineData("\"pad_end\": [1], \"dilation\": [1], \"groups\"", "missing field layers[0].pad_end")]
    [InlineData("\"dilation\": [1]}", "missing field layers[2].dilation")]
    [InlineData(", \"bias\": [0, 0.1]", "missing field layers[0].bias")]
    [InlineData(", \"sources\": [0, 1]", "missing field layers[1].sources")]
    [InlineData("\"activation\": \"identity\", \"sources\"", "missing field layers[1].activation")]
    [InlineData("\"input_shape\": [2, 5], ", "missing field 'input_shape'")]
    public void MissingFieldIsRejected(string removed, string problem)
    {
        // Removing a field that ends an object leaves its separator behind; these keep the JSON well formed.
        string broken = removed switch
        {
            "\"pad_end\": [1], \"dilation\": [1], \"groups\"" => Replace(removed, "\"dilation\": [1], \"groups\""),
            "\"dilation\": [1]}" => Replace(", " + removed, "}"),
            "\"activation\": \"identity\", \"sources\"" => Replace(removed, "\"sources\""),
            _ => Replace(removed, ""),
        };
        Rejects(broken, problem);
    }

    [Theory]
    [InlineData("\"kind\": \"add\"", "\"kind\": \"residual\"", "layers[1].kind is 'residual'; expected one of dense, convolution, max_pool, average_pool, add")]
    [InlineData("\"kernel\": [3]", "\"kernel\": [3, 3]", "layers[0].kernel has 2 entries, but node 0 of shape 2×5 has 1 spatial axes")]
    [InlineData("\"kernel\": [2]", "\"kernel\": [2, 1]", "layers[2].kernel has 2 entries, but node 2 of shape 2×5 has 1 spatial axes")]
    [InlineData("\"kernel\": [3]", "\"kernel\": [9]", "layers[0]: a window of 9", "does not fit an input of 5")]
    [InlineData("\"stride\": [1]", "\"stride\": [-1]", "layers[0]: window kernel, stride and dilation must be positive")]
    [InlineData("\"dilation\": [1], \"groups\"", "\"dilation\": [0], \"groups\"", "layers[0]: window kernel, stride and dilation must be positive")]
    [InlineData("\"pad_begin\": [0]", "\"pad_begin\": [-2]", "layers[2]: window padding must not be negative")]
    [InlineData("\"kernel\": [3]", "\"kernel\": [2.5]", "layers[0].kernel must be an integer")]
    [InlineData("\"stride\": [2]", "\"stride\": [\"2\"]", "layers[2].stride holds a non-number")]
    [InlineData("\"kernel\": [3]", "\"kernel\": 3", "field layers[0].kernel should be array, found number")]
    [InlineData("\"groups\": 1", "\"groups\": 3", "layers[0].groups is 3, but it must be positive and divide the input's 2 channels")]
    [InlineData("\"groups\": 1", "\"groups\": 0", "layers[0].groups is 0")]
    [InlineData("[1, 0, -1, 0.5, 0.5, 0.5]", "[1, 0, -1, 0.5, 0.5]", "layers[0].weights[1] has 5 entries, but a kernel over 2 input channels × 3 taps has 6 entries")]
    [InlineData("\"groups\": 1", "\"groups\": 2", "layers[0].weights[0] has 6 entries, but a kernel over 1 input channels × 3 taps has 3 entries")]
    [InlineData("\"bias\": [0, 0.1]", "\"bias\": [0]", "layers[0].bias has 1 entries, expected 2")]
    [InlineData("[0.5, -1, 0.25,", "[0.5, \"NaN\", 0.25,", "layer 0 weight [0,1] is NaN")]
    [InlineData("\"bias\": [0, 0.1]", "\"bias\": [0, 1e999]", "layer 0 bias [1] is")]
    [InlineData("\"sources\": [0, 1]", "\"sources\": [1]", "layers[1]: an addition needs at least two sources, got 1")]
    [InlineData("\"sources\": [0, 1]", "\"sources\": []", "layers[1].sources is empty")]
    [InlineData("\"sources\": [0, 1]", "\"sources\": [0, 2]", "layers[1].sources names node 2; only 0..1 exist")]
    [InlineData("\"sources\": [0, 1]", "\"sources\": [1, 0]", "layer 1 sources must be strictly increasing")]
    [InlineData("\"dilation\": [1]}", "\"dilation\": [1], \"sources\": [1, 2]}", "layers[2].sources lists 2 nodes, but average_pool layers read exactly one")]
    [InlineData("\"dilation\": [1]}", "\"dilation\": [1], \"weights\": [[1]]}", "layers[2].weights: average_pool layers have no weights")]
    [InlineData("\"dilation\": [1]}", "\"dilation\": [1], \"activation\": \"relu\"}", "layers[2].activation: average_pool layers have no activation")]
    [InlineData("\"activation\": \"identity\", \"sources\"", "\"activation\": \"identity\", \"bias\": [1], \"sources\"", "layers[1].bias: add layers have no bias")]
    [InlineData("\"activation\": \"identity\", \"sources\"", "\"activation\": \"identity\", \"stride\": [1], \"sources\"", "layers[1].stride: add layers have no stride")]
    [InlineData("\"kind\": \"dense\",", "\"kind\": \"dense\", \"kernel\": [6],", "layers[3].kernel: dense layers have no kernel")]
    [InlineData("\"groups\": 1,", "\"groups\": 1, \"mask\": [[1]],", "layers[0].mask: convolution layers have no mask")]
    [InlineData("\"input_shape\": [2, 5]", "\"input_shape\": [10]", "layers[0] slides a window over node 0, but that node is a vector of 10 entries")]
    [InlineData("\"input_shape\": [2, 5]", "\"input_shape\": [2, 5, 5, 5]", "'input_shape' must hold channels and up to two spatial extents, got 4 entries")]
    [InlineData("\"input_shape\": [2, 5]", "\"input_shape\": [0, 5]", "'input_shape': a node needs at least one channel")]
    [InlineData("\"input_shape\": [2, 5]", "\"input_shape\": [2, 1e9, 1e9]", "'input_shape': a node of 2×1000000000×1000000000 has more than")]
    [InlineData("\"input_shape\": [2, 5]", "\"input_size\": 10", "version 2 gives the input as 'input_shape'")]
    [InlineData("\"kind\": \"dense\", \"activation\": \"identity\", \"weights\": [[1, -1, 0.5, 2, 0, -0.25]]", "\"kind\": \"dense\", \"activation\": \"identity\", \"weights\": [[1, -1, 0.5, 2, 0]]", "layers[3].weights[0] has 5 entries, but the layer's sources provide 6 inputs")]
    public void BrokenLayerIsRejected(string from, string to, params string[] problem) => Rejects(Replace(from, to), problem);

    [Fact]
    public void AdditionOfNodesOfDifferentShapesIsRejected() =>
        // Three output channels: the convolution's 3×5 output no longer matches the 2×5 input it is added to.
        Rejects(Replace("\"bias\": [0, 0.1]", "\"bias\": [0, 0.1, 0]").Replace("[1, 0, -1, 0.5, 0.5, 0.5]]", "[1, 0, -1, 0.5, 0.5, 0.5], [1, 1, 1, 1, 1, 1]]"),
            "layer 1 (Add) expects a node of shape 2×5 but node 1 has shape 3×5");

    [Fact]
    public void MaxPoolWindowInThePaddingAloneIsRejected() =>
        Rejects(Replace("\"kind\": \"average_pool\", \"kernel\": [2], \"stride\": [2], \"pad_begin\": [0]", "\"kind\": \"max_pool\", \"kernel\": [1], \"stride\": [2], \"pad_begin\": [1]"),
            "layers[2]: max-pool window 0", "lies wholly in the padding");
}

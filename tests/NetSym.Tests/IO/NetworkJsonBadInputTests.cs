using System.Text;
using NetSym.IO;

namespace NetSym.Tests.IO;

/// <summary>Every NetSym JSON file that does not describe a valid network is a <see cref="ModelFileException"/> naming the file and the problem.</summary>
public class NetworkJsonBadInputTests
{
    // A valid 2-2-1 network; each test breaks one thing.
    private const string Valid = """
        {"format": "netsym-network", "version": 1, "input_size": 2, "layers": [
          {"activation": "relu", "weights": [[1, 2], [3, 4]], "bias": [0, 0]},
          {"activation": "identity", "weights": [[5, 6]], "bias": [7]}]}
        """;

    internal static void Rejects(string json, params string[] fragments)
    {
        var e = Assert.Throws<ModelFileException>(() => NetworkJson.Parse(Encoding.UTF8.GetBytes(json), "bad.json"));
        Assert.Equal("bad.json", e.Path);
        Assert.StartsWith("bad.json: ", e.Message);
        foreach (string f in fragments) Assert.Contains(f, e.Message);
    }

    private static string Replace(string from, string to)
    {
        Assert.Contains(from, Valid); // the test breaks what it means to break
        return Valid.Replace(from, to);
    }

    [Fact]
    public void ValidDocumentReads() => Assert.Equal("2-2-1", NetworkJson.Parse(Encoding.UTF8.GetBytes(Valid), "ok.json").Architecture);

    [Fact]
    public void EmptyFileIsRejected() => Rejects("", "malformed JSON");

    [Fact]
    public void EveryTruncationIsRejected()
    {
        string compact = Valid.Trim();
        for (int n = 0; n < compact.Length - 1; n++)
            Rejects(compact[..n]);
    }

    [Fact]
    public void TruncatedJsonNamesThePosition() => Rejects(Valid[..(Valid.Length / 2)], "malformed JSON at line");

    [Fact]
    public void NaNWeightIsRejectedWithItsLocation() => Rejects(Replace("[[5, 6]]", "[[5, \"NaN\"]]"), "layer 1 weight [0,1] is NaN");

    [Fact]
    public void OverflowingWeightIsRejectedWithItsLocation() => Rejects(Replace("[[1, 2], [3, 4]]", "[[1, 2], [1e400, 4]]"), "layer 0 weight [1,0] is");

    [Fact]
    public void InfiniteBiasIsRejectedWithItsLocation() => Rejects(Replace("[7]", "[\"-Infinity\"]"), "layer 1 bias [0] is");

    [Fact]
    public void NonNumericWeightIsRejected() => Rejects(Replace("[[5, 6]]", "[[5, \"six\"]]"), "layers[1].weights[0][1] is not a number");

    [Theory]
    [InlineData("\"version\": 1", "\"version\": 3", "unsupported version 3 (this NetSym reads versions 1..2)")]
    [InlineData("\"version\": 1", "\"version\": 2", "version 2 gives the input as 'input_shape'")]
    [InlineData("\"version\": 1", "\"version\": 0", "unsupported version 0")]
    [InlineData("\"version\": 1", "\"version\": 1.5", "version must be an integer")]
    [InlineData("\"format\": \"netsym-network\"", "\"format\": \"keras\"", "'format' is 'keras'")]
    public void WrongFormatOrVersionIsRejected(string from, string to, string problem) => Rejects(Replace(from, to), problem);

    [Theory]
    [InlineData("\"format\": \"netsym-network\", ", "missing field 'format'")]
    [InlineData("\"version\": 1, ", "missing field 'version'")]
    [InlineData("\"input_size\": 2, ", "missing field 'input_size'")]
    [InlineData("\"activation\": \"relu\", ", "missing field layers[0].activation")]
    [InlineData(", \"bias\": [7]", "missing field layers[1].bias")]
    [InlineData("\"weights\": [[5, 6]], ", "missing field layers[1].weights")]
    public void MissingFieldIsRejected(string removed, string problem) => Rejects(Replace(removed, ""), problem);

    [Fact]
    public void MissingLayersAreRejected() => Rejects("""{"format": "netsym-network", "version": 1, "input_size": 2}""", "missing field 'layers'");

    [Fact]
    public void EmptyLayersAreRejected() =>
        Rejects("""{"format": "netsym-network", "version": 1, "input_size": 2, "layers": []}""", "'layers' is empty");

    [Fact]
    public void LayerThatDoesNotFitThePreviousOneIsRejected() =>
        Rejects(Replace("[[5, 6]]", "[[5, 6, 7]]"), "layers[1].weights[0] has 3 entries, but the layer's sources provide 2 inputs");

    [Fact]
    public void FirstLayerThatDoesNotFitTheInputIsRejected() =>
        Rejects(Replace("\"input_size\": 2", "\"input_size\": 3"), "layers[0].weights[0] has 2 entries, but the layer's sources provide 3 inputs");

    [Fact]
    public void BiasOfTheWrongLengthIsRejected() => Rejects(Replace("[7]", "[7, 8]"), "layers[1].bias has 2 entries, expected 1");

    [Fact]
    public void LayerWithoutRowsIsRejected() => Rejects(Replace("[[5, 6]]", "[]"), "layers[1].weights is empty");

    [Fact]
    public void NonPositiveInputSizeIsRejected() => Rejects(Replace("\"input_size\": 2", "\"input_size\": 0"), "'input_size' must be positive");

    [Fact]
    public void UnknownActivationIsRejectedListingTheKnownOnes() =>
        Rejects(Replace("\"relu\"", "\"swish\""), "layers[0]", "unknown activation 'swish'", "leaky_relu");

    [Fact]
    public void SourceThatDoesNotExistIsRejected() =>
        Rejects(Replace("{\"activation\": \"identity\",", "{\"activation\": \"identity\", \"sources\": [3],"), "layers[1].sources names node 3");

    [Fact]
    public void MaskOfTheWrongShapeIsRejected() =>
        Rejects(Replace("\"bias\": [7]", "\"bias\": [7], \"mask\": [[1]]"), "layers[1].mask[0] must have 2 entries");

    [Fact]
    public void MaskedEdgeWithAWeightIsRejected() =>
        Rejects(Replace("\"bias\": [7]", "\"bias\": [7], \"mask\": [[1, 0]]"), "layers[1]", "masked out but stored as 6");

    [Fact]
    public void TopLevelArrayIsRejected() => Rejects("[1, 2]", "expected a JSON object");
}

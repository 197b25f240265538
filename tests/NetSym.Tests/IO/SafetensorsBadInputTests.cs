using NetSym.IO;
using NetSym.Networks;

namespace NetSym.Tests.IO;

/// <summary>Every safetensors file NetSym cannot read whole is a <see cref="ModelFileException"/> naming the file and the problem.</summary>
public class SafetensorsBadInputTests
{
    private static ModelFileException Rejects(byte[] bytes, params string[] fragments)
    {
        var e = Assert.Throws<ModelFileException>(() => SafetensorsReader.Parse(bytes, "bad.safetensors", new ReluActivation()));
        Assert.Equal("bad.safetensors", e.Path);
        Assert.StartsWith("bad.safetensors: ", e.Message);
        foreach (string f in fragments) Assert.Contains(f, e.Message);
        return e;
    }

    private static readonly byte[] Fixture = File.ReadAllBytes(Fixtures.Safetensors("relu_5_7_2.safetensors"));

    [Fact]
    public void TruncatedFixtureIsRejectedNamingTheFile()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("half.safetensors", Fixture[..(Fixture.Length / 2)]);
        var e = Assert.Throws<ModelFileException>(() => SafetensorsReader.Read(path, new ReluActivation()));
        Assert.Equal(path, e.Path);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void EveryTruncationOfTheFixtureIsRejected()
    {
        for (int n = 0; n < Fixture.Length; n++)
            Assert.Throws<ModelFileException>(() => SafetensorsReader.Parse(Fixture[..n], "cut.safetensors", new ReluActivation()));
    }

    [Fact]
    public void FileShorterThanTheLengthPrefixIsRejected() => Rejects([1, 2, 3], "truncated", "3 bytes");

    [Fact]
    public void HeaderLengthBeyondTheFileIsRejected()
    {
        var bytes = (byte[])Fixture.Clone();
        BitConverter.GetBytes((ulong)1 << 40).CopyTo(bytes, 0);
        Rejects(bytes, "header length 1099511627776 exceeds");
    }

    [Fact]
    public void MalformedJsonHeaderIsRejected() => Rejects(SafetensorsBuilder.Assemble("{\"0.weight\": {\"dtype\": ", []), "malformed JSON header");

    [Fact]
    public void OffsetsBeyondTheDataAreRejected() =>
        Rejects(SafetensorsBuilder.Assemble("""{"0.weight":{"dtype":"F32","shape":[1,2],"data_offsets":[4,12]}}""", new byte[8]),
            "tensor '0.weight' has data_offsets [4,12] beyond the 8 bytes of data");

    [Fact]
    public void OverlappingTensorsAreRejected() =>
        Rejects(SafetensorsBuilder.Assemble(
            """{"0.weight":{"dtype":"F32","shape":[1,2],"data_offsets":[0,8]},"0.bias":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", new byte[8]),
            "'0.weight' [0,8] and '0.bias' [4,8] overlap");

    [Fact]
    public void OffsetsThatDoNotMatchTheShapeAreRejected() =>
        Rejects(SafetensorsBuilder.Assemble("""{"0.weight":{"dtype":"F32","shape":[2,2],"data_offsets":[0,8]}}""", new byte[8]),
            "tensor '0.weight' spans 8 bytes, but dtype F32 and shape [2,2] need 16");

    [Fact]
    public void ShapeBeyondAnArrayIsRejected() =>
        Rejects(SafetensorsBuilder.Assemble("""{"0.weight":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}""", new byte[4]), "too large to read");

    [Fact]
    public void ReversedOffsetsAreRejected() =>
        Rejects(SafetensorsBuilder.Assemble("""{"0.weight":{"dtype":"F32","shape":[1,1],"data_offsets":[4,0]}}""", new byte[8]), "begin ≤ end");

    [Fact]
    public void MissingFieldIsRejected() =>
        Rejects(SafetensorsBuilder.Assemble("""{"0.weight":{"dtype":"F32","data_offsets":[0,4]}}""", new byte[4]), "tensor '0.weight': missing 'shape'");

    [Fact]
    public void UnknownDTypeIsRejected() =>
        Rejects(new SafetensorsBuilder().Add("0.weight", "I64", [1, 1], new byte[8]).Build(), "tensor '0.weight' has dtype I64");

    [Fact]
    public void NaNIsRejectedWithItsLocation() =>
        Rejects(new SafetensorsBuilder().F32("0.weight", [2, 2], 1, 2, 3, 4).F32("2.weight", [1, 2], 5, double.NaN).Build(),
            "layer 1 weight [0,1] is NaN", "'0', '2'");

    [Fact]
    public void InfiniteBiasIsRejectedWithItsLocation() =>
        Rejects(new SafetensorsBuilder().F32("0.weight", [1, 1], 1).F32("0.bias", [1], double.PositiveInfinity).Build(), "layer 0 bias [0] is");

    [Fact]
    public void ShapesThatDoNotChainAreRejected() =>
        Rejects(new SafetensorsBuilder().F32("0.weight", [2, 3], 1, 2, 3, 4, 5, 6).F32("2.weight", [1, 4], 1, 2, 3, 4).Build(),
            "'2.weight' has shape [1,4] and takes 4 inputs, but the previous layer '0' has 2 outputs");

    [Fact]
    public void BiasOfTheWrongLengthIsRejected() =>
        Rejects(new SafetensorsBuilder().F32("0.weight", [2, 1], 1, 2).F32("0.bias", [3], 1, 2, 3).Build(), "bias '0.bias' has shape [3], but '0.weight' has 2 rows");

    [Fact]
    public void BiasWithoutWeightIsRejected() =>
        Rejects(new SafetensorsBuilder().F32("0.weight", [2, 1], 1, 2).F32("1.bias", [2], 1, 2).Build(), "bias '1.bias' has no weight '1.weight'");

    [Fact]
    public void TensorThatIsNotALinearParameterIsRejected() =>
        Rejects(new SafetensorsBuilder().F32("0.weight", [1, 1], 1).F32("1.running_mean", [1], 0).Build(), "tensor '1.running_mean' is not the weight or bias");

    [Fact]
    public void WeightThatIsNotAMatrixIsRejected() =>
        Rejects(new SafetensorsBuilder().F32("0.weight", [2], 1, 2).Build(), "'0.weight' has shape [2]");

    [Fact]
    public void FileWithoutTensorsIsRejected() => Rejects(SafetensorsBuilder.Assemble("""{"__metadata__":{}}""", []), "no Linear weights");
}

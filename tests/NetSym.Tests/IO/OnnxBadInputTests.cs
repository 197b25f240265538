using NetSym.IO;
using Onnx;

namespace NetSym.Tests.IO;

/// <summary>Every ONNX file NetSym cannot read whole is a <see cref="ModelFileException"/> naming the file and the problem.</summary>
public class OnnxBadInputTests
{
    private static readonly double[] W = [1, 2, 3, 4, 5, 6];

    private static ModelFileException Rejects(byte[] bytes, params string[] fragments)
    {
        var e = Assert.Throws<ModelFileException>(() => OnnxModelReader.Parse(bytes, "bad.onnx"));
        Assert.Equal("bad.onnx", e.Path);
        Assert.StartsWith("bad.onnx: ", e.Message);
        foreach (string f in fragments) Assert.Contains(f, e.Message);
        return e;
    }

    private static OnnxGraphBuilder Graph() => new("x", null, 3);

    [Fact]
    public void TruncatedFixtureIsRejectedNamingTheFile()
    {
        using var dir = new TempDirectory();
        byte[] whole = File.ReadAllBytes(Fixtures.Onnx("relu_4_8_6_2.onnx"));
        string path = dir.Write("half.onnx", whole[..(whole.Length / 2)]);
        var e = Assert.Throws<ModelFileException>(() => OnnxModelReader.Read(path));
        Assert.Equal(path, e.Path);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void EveryTruncationOfAFixtureIsRejected()
    {
        // Whatever prefix of the file protobuf manages to parse, the model is incomplete: never a network.
        byte[] whole = File.ReadAllBytes(Fixtures.Onnx("tanh_3_5_1.onnx"));
        for (int n = 0; n < whole.Length; n++)
            Assert.Throws<ModelFileException>(() => OnnxModelReader.Parse(whole[..n], "cut.onnx"));
    }

    [Fact]
    public void RandomBytesAreRejected()
    {
        var random = new Random(42);
        for (int trial = 0; trial < 200; trial++)
        {
            var bytes = new byte[random.Next(1, 2000)];
            random.NextBytes(bytes);
            Assert.Throws<ModelFileException>(() => OnnxModelReader.Parse(bytes, "noise.onnx"));
        }
    }

    [Fact]
    public void EmptyFileIsRejected() => Rejects([], "empty");

    [Fact]
    // Its Constant node is no op to refuse: the reader takes a Constant's value as an initializer (PyTorch writes GELU's √2 so).
    public void UnsupportedOpsAreAllNamedWithTheirNodes()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Fixtures.Onnx("unsupported_conv1d.onnx")));
        model.Graph.Node.Single(n => n.OpType == "Conv").OpType = "ConvTranspose";
        Rejects(Google.Protobuf.MessageExtensions.ToByteArray(model), "unsupported ops", "ConvTranspose (node '/c/Conv')", "Unsqueeze (node '/Unsqueeze')");
    }

    [Fact]
    public void OpFromAnotherDomainIsUnsupported()
    {
        var bytes = Graph().Float("w", [2, 3], W).Node("Gemm", "g", ["x", "w"], "y", ("transB", 1L)).Build("y");
        var model = ModelProto.Parser.ParseFrom(bytes);
        model.Graph.Node[0].Domain = "com.microsoft";
        Rejects(Google.Protobuf.MessageExtensions.ToByteArray(model), "Gemm (node 'g')", "com.microsoft");
    }

    [Fact]
    // A graph may branch, but an activation merges into a layer only as its one reader: here the Gemm has two.
    public void ActivationsOnTwoBranchesOfOneLayerAreRejected() =>
        Rejects(Graph().Float("w", [2, 3], W)
            .Node("Gemm", "g", ["x", "w"], "h", ("transB", 1L))
            .Node("Relu", "r", ["h"], "a").Node("Tanh", "t", ["h"], "b").Node("Add", "sum", ["a", "b"], "y").Build("y"),
            "Relu (node 'r') reads 'h', which 2 readers share", "one reader");

    [Fact]
    public void NodeOffEveryPathIsRejected() =>
        Rejects(Graph().Float("w", [2, 3], W).Float("v", [2, 3], W)
            .Node("Gemm", "g", ["x", "w"], "y", ("transB", 1L))
            .Node("Relu", "stray", ["v"], "z").Build("y"),
            "Relu (node 'stray')", "not on a path from input 'x' to output 'y'");

    [Fact]
    public void MissingInitializerIsRejected() =>
        Rejects(Graph().Node("Gemm", "g", ["x", "nowhere"], "y", ("transB", 1L)).Build("y"), "Gemm (node 'g')", "'nowhere'", "not an initializer");

    [Fact]
    public void BiasOfTheWrongShapeIsRejected() =>
        Rejects(Graph().Float("w", [2, 3], W).Float("b", [3], 1, 2, 3)
            .Node("Gemm", "g", ["x", "w", "b"], "y", ("transB", 1L)).Build("y"), "Gemm (node 'g')", "bias 'b' has shape [3], expected [2]");

    [Fact]
    public void WeightThatIsNotAMatrixIsRejected() =>
        Rejects(Graph().Float("w", [1, 2, 3], W).Node("Gemm", "g", ["x", "w"], "y", ("transB", 1L)).Build("y"), "'w' has shape [1,2,3]");

    [Fact]
    public void InitializerOfAnotherTypeIsRejected() =>
        Rejects(Graph().Tensor("w", [2, 3], TensorProto.Types.DataType.Int64, t => t.Int64Data.AddRange([1, 2, 3, 4, 5, 6]))
            .Node("Gemm", "g", ["x", "w"], "y", ("transB", 1L)).Build("y"), "initializer 'w'", "int64");

    [Fact]
    public void InitializerWhoseDataDoesNotFillItsShapeIsRejected() =>
        Rejects(Graph().Float("w", [2, 3], 1, 2, 3, 4, 5).Node("Gemm", "g", ["x", "w"], "y", ("transB", 1L)).Build("y"),
            "initializer 'w' holds 20 bytes of raw float32 data, but its shape needs 24");

    [Fact]
    public void HugeShapeWithoutDataIsRejectedBeforeAllocating() =>
        Rejects(Graph().Float("w", [2_000_000_000, 1], 1).Node("Gemm", "g", ["x", "w"], "y", ("transB", 1L)).Build("y"),
            "initializer 'w' holds 4 bytes of raw float32 data, but its shape needs 8000000000");

    [Fact]
    public void ShapeBeyondAnArrayIsRejected() =>
        Rejects(Graph().Float("w", [100_000, 100_000], 1).Node("Gemm", "g", ["x", "w"], "y", ("transB", 1L)).Build("y"),
            "initializer 'w' is too large");

    [Fact]
    public void LayersWhoseSizesDoNotChainAreRejected() =>
        Rejects(Graph().Float("w1", [2, 3], W).Float("w2", [1, 5], 1, 2, 3, 4, 5)
            .Node("Gemm", "g1", ["x", "w1"], "h", ("transB", 1L)).Node("Relu", "r", ["h"], "a")
            .Node("Gemm", "g2", ["a", "w2"], "y", ("transB", 1L)).Build("y"),
            "Gemm (node 'g2')", "takes 5 inputs, but the previous layer has 2 outputs");

    [Fact]
    public void InputShapeThatDisagreesWithTheFirstLayerIsRejected() =>
        Rejects(new OnnxGraphBuilder("x", null, 4).Float("w", [2, 3], W).Node("Gemm", "g", ["x", "w"], "y", ("transB", 1L)).Build("y"),
            "input 'x' has 4 features, but the first layer takes 3");

    [Fact]
    public void MatMulOverASecondFeatureAxisIsRejected() =>
        Rejects(new OnnxGraphBuilder("x", null, 2, 3).Float("w", [3, 2], W).Node("MatMul", "m", ["x", "w"], "y").Build("y"),
            "input 'x' has shape [batch,2,3]");

    [Fact]
    public void NonFiniteWeightIsRejectedWithItsLocation() =>
        Rejects(Graph().Float("w", [2, 3], 1, 2, 3, 4, double.NaN, 6).Node("Gemm", "g", ["x", "w"], "y", ("transB", 1L)).Build("y"),
            "layer 0 weight [1,1] is NaN");

    [Fact]
    public void ActivationBeforeAnyLinearMapIsRejected() =>
        Rejects(Graph().Float("w", [2, 3], W).Node("Relu", "r", ["x"], "h").Node("Gemm", "g", ["h", "w"], "y", ("transB", 1L)).Build("y"),
            "Relu (node 'r') does not follow a Gemm or MatMul");

    [Fact]
    public void TwoActivationsInARowAreRejected() =>
        Rejects(Graph().Float("w", [2, 3], W).Node("Gemm", "g", ["x", "w"], "h", ("transB", 1L))
            .Node("Relu", "r", ["h"], "a").Node("Tanh", "t", ["a"], "y").Build("y"), "Tanh (node 't') does not follow");

    [Fact]
    public void FlattenAfterTheFirstOpIsRejected() =>
        Rejects(Graph().Float("w", [2, 3], W).Node("Gemm", "g", ["x", "w"], "h", ("transB", 1L))
            .Node("Flatten", "f", ["h"], "y", ("axis", 1L)).Build("y"), "Flatten (node 'f') is supported only as the first op");

    [Fact]
    public void FlattenOfAnotherAxisIsRejected() =>
        Rejects(new OnnxGraphBuilder("x", null, 1, 3).Float("w", [2, 3], W).Node("Flatten", "f", ["x"], "h", ("axis", 2L))
            .Node("Gemm", "g", ["h", "w"], "y", ("transB", 1L)).Build("y"), "Flatten (node 'f') has axis=2");

    [Fact]
    public void GemmWithTransposedDataIsRejected() =>
        Rejects(Graph().Float("w", [2, 3], W).Node("Gemm", "g", ["x", "w"], "y", ("transA", 1L), ("transB", 1L)).Build("y"),
            "Gemm (node 'g') has transA=1");

    [Fact]
    public void AddThatIsNotABiasIsRejected() =>
        Rejects(Graph().Float("w", [2, 3], W).Float("b", [2], 1, 2).Float("c", [2], 1, 2)
            .Node("Gemm", "g", ["x", "w", "b"], "h", ("transB", 1L)).Node("Add", "a", ["h", "c"], "y").Build("y"),
            "Add (node 'a') does not follow a MatMul");

    [Fact]
    public void ClipThatIsNeitherHardtanhNorRelu6IsRejected() =>
        Rejects(Graph().Float("w", [2, 3], W).Float("lo", [], -2).Float("hi", [], 2)
            .Node("Gemm", "g", ["x", "w"], "h", ("transB", 1L)).Node("Clip", "c", ["h", "lo", "hi"], "y").Build("y"),
            "Clip (node 'c')", "Clip(-2, 2) is not a NetSym activation");

    [Fact]
    public void AttributeOfTheWrongTypeIsRejected() =>
        Rejects(Graph().Float("w", [2, 3], W).Node("Gemm", "g", ["x", "w"], "y", ("transB", 1f)).Build("y"),
            "Gemm (node 'g'): attribute 'transB' is float, expected int");

    [Fact]
    public void GraphWithoutNodesIsRejected() => Rejects(Graph().Build("x"), "no nodes");

    [Fact]
    public void GraphWithTwoInputsIsRejected()
    {
        var model = ModelProto.Parser.ParseFrom(Graph().Float("w", [2, 3], W).Node("Gemm", "g", ["x", "w"], "y", ("transB", 1L)).Build("y"));
        model.Graph.Input.Add(new ValueInfoProto { Name = "z" });
        Rejects(Google.Protobuf.MessageExtensions.ToByteArray(model), "2 data inputs");
    }
}

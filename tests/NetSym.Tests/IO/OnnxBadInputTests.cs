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

    // Convolutional and residual graphs: the fixtures in Fixtures/onnx/cnn/, each edited in one place.

    private static byte[] EditedCnn(string name, Action<GraphProto> edit)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Fixtures.Onnx(Path.Combine("cnn", name))));
        edit(model.Graph);
        return Google.Protobuf.MessageExtensions.ToByteArray(model);
    }

    private const string Vgg = "vgg_relu_3x16x16_opset11.onnx";

    private static NodeProto First(GraphProto graph, string opType) => graph.Node.First(n => n.OpType == opType);

    private static void SetInts(NodeProto node, string name, params long[] values)
    {
        var a = node.Attribute.FirstOrDefault(a => a.Name == name);
        if (a is null) node.Attribute.Add(a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints });
        a.Ints.Clear();
        a.Ints.AddRange(values);
    }

    private static void SetInt(NodeProto node, string name, long value)
    {
        foreach (var a in node.Attribute.Where(a => a.Name == name).ToList()) node.Attribute.Remove(a);
        node.Attribute.Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });
    }

    [Fact]
    public void TruncatedCnnFixtureIsRejected()
    {
        byte[] whole = File.ReadAllBytes(Fixtures.Onnx(Path.Combine("cnn", "resnet_relu_3x16x16_opset13.onnx")));
        foreach (int n in new[] { 1, whole.Length / 3, whole.Length / 2, whole.Length - 1 })
            Assert.Throws<ModelFileException>(() => OnnxModelReader.Parse(whole[..n], "cut.onnx"));
    }

    [Fact]
    public void UnsupportedOpInACnnIsNamedWithItsNode()
    {
        string name = "";
        Rejects(EditedCnn(Vgg, g => { var n = First(g, "MaxPool"); n.OpType = "LpPool"; name = n.Name; }), "unsupported op LpPool (node '");
        Assert.NotEmpty(name);
        Rejects(EditedCnn(Vgg, g => First(g, "MaxPool").OpType = "LpPool"), $"LpPool (node '{name}')");
    }

    [Theory]
    [InlineData("SAME_UPPER")]
    [InlineData("VALID")]
    public void ConvWithAutoPadIsRejectedByName(string autoPad) =>
        Rejects(EditedCnn(Vgg, g => First(g, "Conv").Attribute.Add(new AttributeProto
        {
            Name = "auto_pad", Type = AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8(autoPad),
        })), "Conv (node '/0/Conv')", $"auto_pad='{autoPad}'");

    [Fact]
    public void MaxPoolInCeilModeIsRejected() =>
        Rejects(EditedCnn(Vgg, g => SetInt(First(g, "MaxPool"), "ceil_mode", 1)), "MaxPool (node '", "ceil_mode=1");

    [Fact]
    public void MaxPoolAfterANonZeroPadIsRejected() =>
        // cnn1d's Constant(zeros) → Pad → AveragePool, with pads of 1 on the length axis and a MaxPool instead.
        Rejects(EditedCnn("cnn1d_tanh_2x32_opset17.onnx", g =>
        {
            var pads = First(g, "Constant").Attribute.Single(a => a.Name == "value").T;
            pads.RawData = Google.Protobuf.ByteString.Empty;
            pads.Int64Data.Clear();
            pads.Int64Data.AddRange([0, 0, 1, 0, 0, 1]);
            var pool = First(g, "AveragePool");
            pool.OpType = "MaxPool";
            foreach (var a in pool.Attribute.Where(a => a.Name == "count_include_pad").ToList()) pool.Attribute.Remove(a);
        }), "MaxPool (node '", "padded with zeros by Pad (node '", "−∞");

    [Fact]
    public void ReduceMeanOverTheChannelAxisIsRejected() =>
        Rejects(EditedCnn("grouped_relu_4x13x13_opset17.onnx", g => SetInts(First(g, "ReduceMean"), "axes", 1, 2)),
            "ReduceMean (node '", "averages over axes [1,2]", "all spatial axes [2,3]");

    [Fact]
    public void ConvWhoseWeightReadsOtherChannelsThanItsInputHasIsRejected() =>
        Rejects(EditedCnn(Vgg, g => g.Input[0].Type.TensorType.Shape.Dim[1].DimValue = 4),
            "Conv (node '/0/Conv')", "reads 3 input channels, but its input 'input' has 4 (4×16×16)");

    [Fact]
    public void GroupThatDoesNotMatchTheChannelsIsRejected() =>
        Rejects(EditedCnn(Vgg, g => SetInt(g.Node.Where(n => n.OpType == "Conv").ElementAt(1), "group", 2)),
            "Conv (node '/2/Conv')", "with group=2 reads 16 input channels");

    [Fact]
    public void ResidualAddOfANodeToItselfIsRejected() =>
        // x + x would be an Add layer reading one node twice; NetSym's layers read distinct nodes.
        Rejects(EditedCnn("resnet_relu_3x16x16_opset13.onnx", g => { var add = First(g, "Add"); add.Input[1] = add.Input[0]; }),
            "Add (node '", "to itself");

    [Fact]
    public void GemmOnAnUnflattenedFeatureMapIsRejected() =>
        Rejects(EditedCnn(Vgg, g =>
        {
            var flatten = First(g, "Flatten");
            var gemm = g.Node.First(n => n.OpType == "Gemm");
            gemm.Input[0] = flatten.Input[0];
            g.Node.Remove(flatten);
        }), "Gemm (node '/9/Gemm')", "of shape 12×4×4", "Flatten");

    [Fact]
    public void ConvInputWithoutAFixedShapeIsRejected() =>
        Rejects(EditedCnn(Vgg, g => g.Input[0].Type.TensorType.Shape.Dim[2].DimParam = "height"),
            "input 'input' has shape [", ",3,height,16]", "fixed (N, channels, length) or (N, channels, height, width)");

    private static OnnxGraphBuilder Image() =>
        new OnnxGraphBuilder("x", null, 1, 4, 4).Float("w", [2, 1, 1, 1], 1, -1).Float("fc", [1, 8], 1, 2, 3, 4, 5, 6, 7, 8);

    [Fact]
    public void ActivationAfterAnAveragePoolIsRejected() =>
        Rejects(Image().Node("Conv", "c", ["x", "w"], "h", ("kernel_shape", new long[] { 1, 1 }))
            .Node("AveragePool", "p", ["h"], "q", ("kernel_shape", new long[] { 2, 2 }), ("strides", new long[] { 2, 2 }))
            .Node("Relu", "r", ["q"], "a").Node("Flatten", "f", ["a"], "z").Node("Gemm", "g", ["z", "fc"], "y", ("transB", 1L)).Build("y"),
            "Relu (node 'r') follows AveragePool (node 'p')", "does not commute with an average");

    [Fact]
    public void TanhAfterAMaxPoolIsRejected() =>
        // tanh commutes with max too, but NetSym moves only piecewise-linear activations it can check are non-decreasing.
        Rejects(Image().Node("Conv", "c", ["x", "w"], "h", ("kernel_shape", new long[] { 1, 1 }))
            .Node("MaxPool", "p", ["h"], "q", ("kernel_shape", new long[] { 2, 2 }), ("strides", new long[] { 2, 2 }))
            .Node("Tanh", "t", ["q"], "a").Node("Flatten", "f", ["a"], "z").Node("Gemm", "g", ["z", "fc"], "y", ("transB", 1L)).Build("y"),
            "Tanh (node 't') follows MaxPool (node 'p')", "non-decreasing piecewise-linear");

    [Fact]
    public void AveragePoolThatExcludesItsPaddingIsRejected() =>
        Rejects(Image().Node("Conv", "c", ["x", "w"], "h", ("kernel_shape", new long[] { 1, 1 }))
            .Node("AveragePool", "p", ["h"], "q", ("kernel_shape", new long[] { 3, 3 }), ("strides", new long[] { 2, 2 }), ("pads", new long[] { 1, 1, 1, 1 }))
            .Node("Flatten", "f", ["q"], "z").Node("Gemm", "g", ["z", "fc"], "y", ("transB", 1L)).Build("y"),
            "AveragePool (node 'p')", "count_include_pad=0");

    [Fact]
    public void PadThatIsNotConstantZeroIsRejected()
    {
        OnnxGraphBuilder Padded(string mode, double value) => Image()
            .Tensor("pads", [8], TensorProto.Types.DataType.Int64, t => t.Int64Data.AddRange([0, 0, 1, 1, 0, 0, 1, 1])).Float("v", [], value)
            .Node("Pad", "pad", ["x", "pads", "v"], "px", ("mode", mode))
            .Float("w3", [2, 1, 3, 3], [.. Enumerable.Range(0, 18).Select(i => i - 9.0)])
            .Node("Conv", "c", ["px", "w3"], "h", ("kernel_shape", new long[] { 3, 3 }), ("strides", new long[] { 3, 3 }));
        byte[] Model(string mode, double value) =>
            Padded(mode, value).Node("Flatten", "f", ["h"], "z").Node("Gemm", "g", ["z", "fc"], "y", ("transB", 1L)).Build("y");
        Rejects(Model("reflect", 0), "Pad (node 'pad') has mode='reflect'");
        Rejects(Model("constant", 0.5), "Pad (node 'pad') pads with 0.5");
        // Zero padding of 1 on each side makes 6×6, so the 3×3 stride-3 conv gives 2×2 per channel: the 8 inputs of fc.
        Assert.Equal(8, OnnxModelReader.Parse(Model("constant", 0), "zero.onnx").Layers[1].InputSize);
    }

    [Fact]
    public void PadAcrossTheChannelAxisIsRejected() =>
        Rejects(Image().Tensor("pads", [8], TensorProto.Types.DataType.Int64, t => t.Int64Data.AddRange([0, 1, 0, 0, 0, 0, 0, 0]))
            .Node("Pad", "pad", ["x", "pads"], "px").Node("Conv", "c", ["px", "w"], "h", ("kernel_shape", new long[] { 1, 1 }))
            .Node("Flatten", "f", ["h"], "z").Node("Gemm", "g", ["z", "fc"], "y", ("transB", 1L)).Build("y"),
            "Pad (node 'pad') has pads [0,1,0,0,0,0,0,0]", "spatial axes");
}

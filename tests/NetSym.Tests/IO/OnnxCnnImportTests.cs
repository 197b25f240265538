using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using Onnx;

namespace NetSym.Tests.IO;

/// <summary>
/// The convolutional and residual networks PyTorch exported in Fixtures/onnx/cnn/ (its README lists
/// each file's ops) read into NetSym's layer graph and reproduce PyTorch's float64 outputs.
/// </summary>
public class OnnxCnnImportTests
{
    private static string Cnn(string name) => Fixtures.Onnx(Path.Combine("cnn", name));

    /// <summary>Every readable file, with whether the exporter folded BatchNormalization into the Conv weights (rounding them to float32).</summary>
    public static TheoryData<string, bool> Readable() => new()
    {
        { "vgg_relu_3x16x16_opset11.onnx", false },
        { "cnn1d_tanh_2x32_opset17.onnx", false },
        { "grouped_relu_4x13x13_opset17.onnx", false },
        { "bn_relu_3x12x12_kept_opset11.onnx", false },
        { "bn_relu_3x12x12_kept_opset17.onnx", false },
        { "bn_relu_3x12x12_folded_opset13.onnx", true },
        { "bn_relu_3x12x12_folded_opset17.onnx", true },
        { "resnet_relu_3x16x16_opset13.onnx", true },
        { "resnet_relu_defaultbn_3x16x16_opset13.onnx", true },
        { "resnet20_cifar_3x32x32_opset13.onnx", true },
    };

    [Fact]
    public void EveryFixtureIsListedAsReadableOrAsTheTrainingModeFile()
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(Cnn("x"))!, "*.onnx").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var listed = Readable().Select(row => (string)row[0]).Append("bn_relu_training_mode_opset17.onnx").Order(StringComparer.Ordinal);
        Assert.Equal(listed, files);
    }

    [Theory]
    [MemberData(nameof(Readable))]
    public void FixtureReproducesPyTorchsFloat64Outputs(string name, bool foldedByExporter)
    {
        string path = Cnn(name);
        var network = OnnxModelReader.Read(path);
        var (inputs, outputs) = Fixtures.Expected(path);
        var actual = Forward.Evaluate(network, inputs, LinearAlgebraBackends.Default);
        Assert.Equal(outputs.Rows, actual.Rows);
        Assert.Equal(outputs.Columns, actual.Columns);
        // PyTorch computed `outputs` in float64 from the file's own float32 weights, so NetSym (double
        // throughout, float32 widened exactly) differs only by float64 rounding, ~1e-15. Where NetSym folds
        // BatchNormalization itself it does so in double: the same. Where the exporter folded it, the file
        // holds the folded weights rounded to float32 (relative error 2⁻²⁴ ≈ 6e-8 per weight) while PyTorch
        // evaluated the unfolded model, so the outputs move by about 1e-7 of their scale (README: ORT
        // agrees to 3e-7): 1e-6 keeps a margin and still catches any wrong weight, layout or window.
        double tolerance = foldedByExporter ? 1e-6 : 1e-9, scale = 0, error = 0;
        for (int i = 0; i < outputs.Rows; i++)
            for (int j = 0; j < outputs.Columns; j++)
            {
                scale = Math.Max(scale, Math.Abs(outputs[i, j]));
                error = Math.Max(error, Math.Abs(outputs[i, j] - actual[i, j]));
            }
        Assert.True(error <= tolerance * scale, $"{name}: largest difference {error:E2}, {error / scale:E2} of the largest output {scale:G4}");
    }

    [Theory]
    [InlineData("vgg_relu_3x16x16_opset11.onnx", 4_942)]
    [InlineData("resnet_relu_3x16x16_opset13.onnx", 9_834)]
    [InlineData("resnet_relu_defaultbn_3x16x16_opset13.onnx", 9_834)]
    [InlineData("cnn1d_tanh_2x32_opset17.onnx", 509)]
    [InlineData("bn_relu_3x12x12_kept_opset11.onnx", 1_536)]
    [InlineData("bn_relu_3x12x12_kept_opset17.onnx", 1_536)]
    [InlineData("bn_relu_3x12x12_folded_opset13.onnx", 1_536)]
    [InlineData("bn_relu_3x12x12_folded_opset17.onnx", 1_536)]
    [InlineData("grouped_relu_4x13x13_opset17.onnx", 307)]
    [InlineData("resnet20_cifar_3x32x32_opset13.onnx", 271_690)]
    public void ParameterCountIsTheFilesWeightsLessTheBatchNormStatistics(string name, int readme)
    {
        // Counted on the protobuf, apart from the reader: every Conv's and Gemm's weight (all have transB = 1,
        // so out × in) and one bias per output, the file's own or, for a Conv without one, the bias its
        // folded BatchNormalization gives it; nothing else of BatchNormalization, which folds away.
        var graph = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Cnn(name))).Graph;
        var weights = graph.Initializer.ToDictionary(t => t.Name, t => t.Dims);
        long counted = graph.Node.Where(n => n.OpType is "Conv" or "Gemm").Select(n => weights[n.Input[1]]).Sum(d => d.Aggregate(1L, (p, x) => p * x) + d[0]);

        var network = OnnxModelReader.Read(Cnn(name));
        Assert.Equal(counted, network.ParameterCount);
        Assert.Equal(readme, network.ParameterCount);
    }

    [Theory]
    [MemberData(nameof(Readable))]
    public void EveryConvPoolAndResidualAddBecomesALayerOfItsKind(string name, bool foldedByExporter)
    {
        _ = foldedByExporter;
        var nodes = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Cnn(name))).Graph.Node;
        var notes = new List<string>();
        var network = OnnxModelReader.Read(Cnn(name), notes);
        int Count(params string[] ops) => nodes.Count(n => ops.Contains(n.OpType));
        int Layers(params LayerKind[] kinds) => network.Layers.Count(l => kinds.Contains(l.Kind));
        Assert.Equal(Count("Conv"), Layers(LayerKind.Convolution));
        Assert.Equal(Count("Gemm"), Layers(LayerKind.Dense));
        Assert.Equal(Count("Add"), Layers(LayerKind.Add));
        Assert.Equal(Count("MaxPool"), Layers(LayerKind.MaxPool));
        Assert.Equal(Count("AveragePool", "GlobalAveragePool", "ReduceMean"), Layers(LayerKind.AveragePool));
        Assert.Equal(Count("BatchNormalization"), notes.Count);
        Assert.All(notes, n => Assert.Contains("BatchNormalization", n));
    }

    [Fact]
    public void ResidualAddsReadTheirTwoBranchesAndCarryTheReluAfterThem()
    {
        var network = OnnxModelReader.Read(Cnn("resnet_relu_3x16x16_opset13.onnx"));
        var adds = network.Layers.Where(l => l.Kind == LayerKind.Add).ToList();
        Assert.Equal(3, adds.Count);
        Assert.All(adds, a => Assert.True(a.Activation.IsRelu));
        Assert.All(adds, a => Assert.Equal(2, a.Sources.Count));
        // The projection block (layers.1) adds a strided 1×1 conv of the block's input to its second conv.
        Assert.Contains(adds, a => a.Sources.All(s => network.Layers[s - 1].Kind == LayerKind.Convolution));
    }

    [Fact]
    public void TrainingModeBatchNormalizationIsRefusedByName()
    {
        string path = Cnn("bn_relu_training_mode_opset17.onnx");
        var e = Assert.Throws<ModelFileException>(() => OnnxModelReader.Read(path));
        Assert.Contains("BatchNormalization (node '", e.Message);
        Assert.Contains("training mode", e.Message);
        Assert.Equal(path, e.Path);
    }

    [Fact]
    public void ReluAfterAMaxPoolMovesOntoTheConvBeforeIt()
    {
        // max is monotone, so relu(maxpool(conv x)) = maxpool(relu(conv x)): both graphs are one function.
        double[] kernel = [0.5, -1, 0.25, 2, -0.75, 1, 0.5, -0.5];
        byte[] Graph(bool reluFirst)
        {
            var g = new OnnxGraphBuilder("x", null, 2, 5, 5).Float("w", [1, 2, 2, 2], kernel).Float("b", [1], -0.1)
                .Float("fc", [3, 4], [.. Enumerable.Range(0, 12).Select(i => (i % 5) - 2.0)])
                .Node("Conv", "conv", ["x", "w", "b"], "c", ("kernel_shape", new long[] { 2, 2 }));
            g = reluFirst
                ? g.Node("Relu", "relu", ["c"], "r").Node("MaxPool", "pool", ["r"], "p", ("kernel_shape", new long[] { 2, 2 }), ("strides", new long[] { 2, 2 }))
                : g.Node("MaxPool", "pool", ["c"], "q", ("kernel_shape", new long[] { 2, 2 }), ("strides", new long[] { 2, 2 })).Node("Relu", "relu", ["q"], "p");
            return g.Node("Flatten", "flat", ["p"], "f", ("axis", 1L)).Node("Gemm", "gemm", ["f", "fc"], "y", ("transB", 1L)).Build("y");
        }
        var notes = new List<string>();
        var moved = OnnxModelReader.Parse(Graph(reluFirst: false), "after.onnx", notes);
        var direct = OnnxModelReader.Parse(Graph(reluFirst: true), "before.onnx");
        Assert.Equal(direct.Architecture, moved.Architecture);
        Assert.True(moved.Layers[0].Activation.IsRelu);
        Assert.Contains("Relu (node 'relu') after MaxPool (node 'pool') moved onto Conv (node 'conv')", Assert.Single(notes));
        var x = Matrix.FromRows([.. Enumerable.Range(0, 4).Select(s => Enumerable.Range(0, 50).Select(i => Math.Sin(7 * s + i)).ToArray())]);
        Assert.Equal(Forward.Evaluate(direct, x, LinearAlgebraBackends.Default).Data, Forward.Evaluate(moved, x, LinearAlgebraBackends.Default).Data);
    }

    private static Matrix Evaluate(Network network, int seed)
    {
        var x = Matrix.FromRows([.. Enumerable.Range(0, 3).Select(s => Enumerable.Range(0, network.InputSize).Select(i => Math.Sin(seed + 7 * s + 0.37 * i)).ToArray())]);
        return Forward.Evaluate(network, x, LinearAlgebraBackends.Default);
    }

    [Theory]
    [InlineData("Conv")]
    [InlineData("AveragePool")]
    public void ZeroPadBeforeAWindowIsThatWindowsOwnPadding(string op)
    {
        // Pad(0,0,1,2, 0,0,2,1) then the op equals the op with pads [1,2,2,1] itself (an average pool counting them).
        byte[] Model(bool separatePad)
        {
            var g = new OnnxGraphBuilder("x", null, 2, 5, 4)
                .Float("w", [3, 2, 3, 2], [.. Enumerable.Range(0, 36).Select(i => Math.Cos(i))])
                .Tensor("pads", [8], TensorProto.Types.DataType.Int64, t => t.Int64Data.AddRange([0, 0, 1, 2, 0, 0, 2, 1]));
            string input = "x";
            if (separatePad) g = g.Node("Pad", "pad", ["x", "pads"], input = "px");
            var attributes = new List<(string, object)> { ("kernel_shape", new long[] { 3, 2 }), ("strides", new long[] { 2, 1 }) };
            if (!separatePad) attributes.Add(("pads", new long[] { 1, 2, 2, 1 }));
            if (op == "AveragePool") attributes.Add(("count_include_pad", 1L));
            g = g.Node(op, "window", op == "Conv" ? [input, "w"] : [input], "h", [.. attributes]);
            int features = (op == "Conv" ? 3 : 2) * 3 * 6; // H: (5 + 1 + 2 − 3)/2 + 1 = 3, W: (4 + 2 + 1 − 2)/1 + 1 = 6
            return g.Float("fc", [2, features], [.. Enumerable.Range(0, 2 * features).Select(i => Math.Sin(i))])
                .Node("Flatten", "f", ["h"], "z").Node("Gemm", "g", ["z", "fc"], "y", ("transB", 1L)).Build("y");
        }
        var padded = OnnxModelReader.Parse(Model(separatePad: true), "pad.onnx");
        var own = OnnxModelReader.Parse(Model(separatePad: false), "own.onnx");
        Assert.Equal(own.Layers[0].Window!.ToString(), padded.Layers[0].Window!.ToString());
        Assert.Equal(Evaluate(own, 1).Data, Evaluate(padded, 1).Data);
    }

    [Fact]
    public void ReshapeToBatchByMinusOneReadsLikeFlatten()
    {
        byte[] Edited(long[] shape)
        {
            var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Cnn("vgg_relu_3x16x16_opset11.onnx")));
            var flatten = model.Graph.Node.Single(n => n.OpType == "Flatten");
            flatten.OpType = "Reshape";
            flatten.Attribute.Clear();
            flatten.Input.Add("target_shape");
            var t = new TensorProto { Name = "target_shape", DataType = (int)TensorProto.Types.DataType.Int64 };
            t.Dims.Add(shape.Length);
            t.Int64Data.AddRange(shape);
            model.Graph.Initializer.Add(t);
            return Google.Protobuf.MessageExtensions.ToByteArray(model);
        }
        var flattened = OnnxModelReader.Read(Cnn("vgg_relu_3x16x16_opset11.onnx"));
        foreach (long[] shape in new[] { new long[] { 0, -1 }, [-1, 192], [0, 192] })
            Assert.Equal(Evaluate(flattened, 2).Data, Evaluate(OnnxModelReader.Parse(Edited(shape), "reshape.onnx"), 2).Data);
        foreach (long[] shape in new[] { new long[] { 1, -1 }, [-1, 12, 16], [0, 100] })
            Assert.Contains("NetSym reads Reshape to (N, −1)", Assert.Throws<ModelFileException>(() => OnnxModelReader.Parse(Edited(shape), "reshape.onnx")).Message);
    }

    [Fact]
    public void AddOfTwoDenseLayersIsASkipConnectionWithTheActivationAfterIt()
    {
        double[] w1 = [1, -2, 0.5, 0.25, 1, -1], w2 = [0.5, 1, -1, 2], b2 = [0.1, -0.2];
        var bytes = new OnnxGraphBuilder("x", null, 3).Float("w1", [2, 3], w1).Float("w2", [2, 2], w2).Float("b2", [2], b2)
            .Node("Gemm", "g1", ["x", "w1"], "h1", ("transB", 1L)).Node("Relu", "r", ["h1"], "a1")
            .Node("Gemm", "g2", ["a1", "w2", "b2"], "h2", ("transB", 1L))
            .Node("Add", "skip", ["h2", "a1"], "s").Node("Tanh", "t", ["s"], "y").Build("y");
        var read = OnnxModelReader.Parse(bytes, "skip.onnx");
        var direct = new Network(3, [
            new Layer(3, 2, w1, [0, 0], new ReluActivation(), [0]),
            new Layer(2, 2, w2, [(double)0.1f, (double)-0.2f], new IdentityActivation(), [1]),
            Layer.Add(NodeShape.Flat(2), [1, 2], new TanhActivation()),
        ]);
        Assert.Equal(Evaluate(direct, 3).Data, Evaluate(read, 3).Data);
    }

    [Fact]
    public void ReduceMeanWithNegativeAxesOrKeptDimensionsReadsTheSame()
    {
        const string name = "grouped_relu_4x13x13_opset17.onnx";
        byte[] Edited(bool keepDims)
        {
            var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Cnn(name)));
            var reduce = model.Graph.Node.Single(n => n.OpType == "ReduceMean");
            var axes = reduce.Attribute.Single(a => a.Name == "axes");
            axes.Ints.Clear();
            axes.Ints.AddRange([-1, -2]);
            if (keepDims)
            {
                // (N, C, 1, 1) then Flatten, as GlobalAveragePool graphs do.
                reduce.Attribute.Single(a => a.Name == "keepdims").I = 1;
                var flatten = new NodeProto { OpType = "Flatten", Name = "/flatten" };
                flatten.Input.Add(reduce.Output[0]);
                flatten.Output.Add("flat");
                model.Graph.Node.Add(flatten);
                model.Graph.Node.Single(n => n.OpType == "Gemm").Input[0] = "flat";
            }
            return Google.Protobuf.MessageExtensions.ToByteArray(model);
        }
        var original = Evaluate(OnnxModelReader.Read(Cnn(name)), 4).Data;
        Assert.Equal(original, Evaluate(OnnxModelReader.Parse(Edited(keepDims: false), "negative.onnx"), 4).Data);
        Assert.Equal(original, Evaluate(OnnxModelReader.Parse(Edited(keepDims: true), "kept.onnx"), 4).Data);
    }
}

using NetSym.IO;
using NetSym.Networks;

namespace NetSym.Tests.IO;

/// <summary>The ONNX reader on hand-built graphs: every form of linear map torch.onnx.export writes, read to the exact weights.</summary>
public class OnnxModelReaderTests
{
    // A 3 → 2 map: W (out × in) and b; all entries are float32 values, so every form reads back exactly.
    private static readonly double[] W = [1, -2, 0.5, 0.25, 3, -1.5];
    private static readonly double[] B = [0.125, -4];
    private static readonly double[] WT = [1, 0.25, -2, 3, 0.5, -1.5]; // Wᵀ, in × out

    [Fact]
    public void GemmWithTransposedWeightReadsWeightAsStored()
    {
        var bytes = new OnnxGraphBuilder("x", null, 3).Float("w", [2, 3], W).Float("b", [2], B)
            .Node("Gemm", "g", ["x", "w", "b"], "y", ("transB", 1L)).Build("y");
        var layer = Assert.Single(OnnxModelReader.Parse(bytes, "m.onnx").Layers);
        Assert.Equal(W, layer.Weights.ToArray());
        Assert.Equal(B, layer.Bias.ToArray());
        Assert.True(layer.Activation.IsIdentity);
    }

    [Fact]
    public void GemmScalesByAlphaAndBetaAndTransposesWithoutTransB()
    {
        // Y = α·X·B + β·C with B in × out: W = α·Bᵀ, b = β·C.
        var bytes = new OnnxGraphBuilder("x", null, 3).Float("w", [3, 2], WT).Float("c", [1, 2], B)
            .Node("Gemm", "g", ["x", "w", "c"], "y", ("alpha", 0.5f), ("beta", 2f), ("transB", 0L)).Build("y");
        var layer = Assert.Single(OnnxModelReader.Parse(bytes, "m.onnx").Layers);
        Assert.Equal(W.Select(v => 0.5 * v), layer.Weights.ToArray());
        Assert.Equal(B.Select(v => 2 * v), layer.Bias.ToArray());
    }

    [Fact]
    public void GemmWithoutBiasGetsZeroBias()
    {
        var bytes = new OnnxGraphBuilder("x", null, 3).Float("w", [2, 3], W)
            .Node("Gemm", "g", ["x", "w"], "y", ("transB", 1L)).Build("y");
        var layer = Assert.Single(OnnxModelReader.Parse(bytes, "m.onnx").Layers);
        Assert.Equal([0.0, 0.0], layer.Bias.ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MatMulThenAddReadsTheTransposedWeightAndTheBiasInEitherOperandOrder(bool biasFirst)
    {
        var bytes = new OnnxGraphBuilder("x", null, 3).Float("w", [3, 2], WT).Float("b", [2], B)
            .Node("MatMul", "mm", ["x", "w"], "h")
            .Node("Add", "add", biasFirst ? ["b", "h"] : ["h", "b"], "z")
            .Node("Tanh", "t", ["z"], "y").Build("y");
        var layer = Assert.Single(OnnxModelReader.Parse(bytes, "m.onnx").Layers);
        Assert.Equal(W, layer.Weights.ToArray());
        Assert.Equal(B, layer.Bias.ToArray());
        Assert.IsType<TanhActivation>(layer.Activation);
    }

    [Fact]
    public void MatMulWithoutAddGetsZeroBias()
    {
        var bytes = new OnnxGraphBuilder("x", null, 3).Float("w", [3, 2], WT)
            .Node("MatMul", "mm", ["x", "w"], "h").Node("Relu", "r", ["h"], "y").Build("y");
        var layer = Assert.Single(OnnxModelReader.Parse(bytes, "m.onnx").Layers);
        Assert.Equal(W, layer.Weights.ToArray());
        Assert.Equal([0.0, 0.0], layer.Bias.ToArray());
        Assert.IsType<ReluActivation>(layer.Activation);
    }

    [Fact]
    public void ConsecutiveLinearMapsAreSeparateIdentityLayersAndIdentityOpsAreTransparent()
    {
        var bytes = new OnnxGraphBuilder("x", null, 3)
            .Float("w1", [2, 3], W).Float("b1", [2], B)
            .Float("w2", [2, 4], 1, 2, 3, 4, 5, 6, 7, 8)
            .Float("w3", [1, 4], 1, 1, 1, 1)
            .Node("Identity", "i0", ["x"], "x1")
            .Node("Gemm", "g1", ["x1", "w1", "b1"], "h1", ("transB", 1L))
            .Node("MatMul", "m2", ["h1", "w2"], "h2")
            .Node("Identity", "i1", ["h2"], "h3")
            .Node("Sigmoid", "s", ["h3"], "h4")
            .Node("Gemm", "g3", ["h4", "w3"], "y", ("transB", 1L)).Build("y");
        var network = OnnxModelReader.Parse(bytes, "m.onnx");
        Assert.Equal("3-2-4-1", network.Architecture);
        Assert.Equal(["identity", "sigmoid", "identity"], network.Layers.Select(l => l.Activation.Spec));
        Assert.Equal([1.0, 5, 2, 6, 3, 7, 4, 8], network.Layers[1].Weights.ToArray());
    }

    [Fact]
    public void Float64InitializersKeepEveryBit()
    {
        double[] w = [0.1, 1.0 / 3, -Math.PI, double.Epsilon, 1e300, -0.0];
        var raw = new OnnxGraphBuilder("x", null, 3).Double("w", [2, 3], w).DoubleData("b", [2], 0.2, 1e-310)
            .Node("Gemm", "g", ["x", "w", "b"], "y", ("transB", 1L)).Build("y");
        var layer = Assert.Single(OnnxModelReader.Parse(raw, "m.onnx").Layers);
        Assert.Equal(w.Select(BitConverter.DoubleToInt64Bits), layer.Weights.ToArray().Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal([0.2, 1e-310], layer.Bias.ToArray());
    }

    [Fact]
    public void Float32InFloatDataIsWidenedExactly()
    {
        var bytes = new OnnxGraphBuilder("x", null, 3).FloatData("w", [2, 3], 0.1, 0.2, 0.3, 0.4, 0.5, 0.6).FloatData("b", [2], 0.7, 0.8)
            .Node("Gemm", "g", ["x", "w", "b"], "y", ("transB", 1L)).Build("y");
        var layer = Assert.Single(OnnxModelReader.Parse(bytes, "m.onnx").Layers);
        Assert.Equal(new[] { 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f }.Select(f => (double)f), layer.Weights.ToArray());
        Assert.Equal([(double)0.7f, (double)0.8f], layer.Bias.ToArray());
    }

    [Theory]
    [InlineData("LeakyRelu", null, "leaky_relu(0.009999999776482582)")] // ONNX's default alpha 0.01, a float32
    [InlineData("LeakyRelu", 0.2f, "leaky_relu(0.20000000298023224)")]
    [InlineData("Elu", null, "elu(1)")]
    [InlineData("Elu", 0.5f, "elu(0.5)")]
    [InlineData("Abs", null, "abs")]
    [InlineData("Softplus", null, "softplus")]
    public void ActivationOpsMapToTheCatalog(string opType, float? alpha, string spec)
    {
        (string, object)[] attributes = alpha is float a ? [("alpha", a)] : [];
        var bytes = new OnnxGraphBuilder("x", null, 3).Float("w", [2, 3], W)
            .Node("Gemm", "g", ["x", "w"], "h", ("transB", 1L)).Node(opType, "act", ["h"], "y", attributes).Build("y");
        Assert.Equal(spec, Assert.Single(OnnxModelReader.Parse(bytes, "m.onnx").Layers).Activation.Spec);
    }

    [Theory]
    [InlineData(-1, 1, "hardtanh")]
    [InlineData(0, 6, "relu6")]
    public void ClipWithConstantBoundsIsHardtanhOrRelu6(double min, double max, string spec)
    {
        var bytes = new OnnxGraphBuilder("x", null, 3).Float("w", [2, 3], W).Float("lo", [], min).Float("hi", [], max)
            .Node("Gemm", "g", ["x", "w"], "h", ("transB", 1L)).Node("Clip", "c", ["h", "lo", "hi"], "y").Build("y");
        Assert.Equal(spec, Assert.Single(OnnxModelReader.Parse(bytes, "m.onnx").Layers).Activation.Spec);
    }

    [Fact]
    public void FlattenAfterIdentityStillFlattensTheInput()
    {
        var bytes = new OnnxGraphBuilder("x", null, 3, 1).Float("w", [2, 3], W)
            .Node("Identity", "i", ["x"], "x1").Node("Flatten", "f", ["x1"], "h", ("axis", 1L))
            .Node("Gemm", "g", ["h", "w"], "y", ("transB", 1L)).Build("y");
        Assert.Equal("3-2", OnnxModelReader.Parse(bytes, "m.onnx").Architecture);
    }

    [Fact]
    public void MatMulOnARankThreeInputWithUnitMiddleAxisReadsTheLastAxis()
    {
        var bytes = new OnnxGraphBuilder("x", null, 1, 3).Float("w", [3, 2], WT)
            .Node("MatMul", "mm", ["x", "w"], "y").Build("y");
        Assert.Equal("3-2", OnnxModelReader.Parse(bytes, "m.onnx").Architecture);
    }
}

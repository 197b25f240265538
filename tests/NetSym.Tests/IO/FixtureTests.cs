using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.IO;

/// <summary>NetSym reproduces PyTorch's outputs on the real exports in Fixtures/.</summary>
public class FixtureTests
{
    [Theory]
    [MemberData(nameof(Fixtures.ReadableOnnx), MemberType = typeof(Fixtures))]
    public void OnnxFixtureReproducesPyTorchOutputs(string name)
    {
        string path = Fixtures.Onnx(name);
        var network = OnnxModelReader.Read(path);
        var (inputs, outputs) = Fixtures.Expected(path);
        Assert.Equal(16, inputs.Rows);
        Float32Agreement.AssertAgrees(outputs, Forward.Evaluate(network, inputs, LinearAlgebraBackends.Default));
    }

    [Fact]
    public void SafetensorsFixtureReproducesPyTorchOutputs()
    {
        string path = Fixtures.Safetensors("relu_5_7_2.safetensors");
        var network = SafetensorsReader.Read(path, new ReluActivation());
        var (inputs, outputs) = Fixtures.Expected(path);
        Float32Agreement.AssertAgrees(outputs, Forward.Evaluate(network, inputs, LinearAlgebraBackends.Default));
    }

    [Fact]
    public void SafetensorsStateDictHoldsTheSameParametersAsTheMatMulExport()
    {
        // The fixtures README: the state_dict is that of the model exported as matmul_relu_5_7_2.onnx,
        // whose MatMul weights are stored transposed (in × out); both must read to the same bits.
        var fromState = SafetensorsReader.Read(Fixtures.Safetensors("relu_5_7_2.safetensors"), new ReluActivation());
        var fromOnnx = OnnxModelReader.Read(Fixtures.Onnx("matmul_relu_5_7_2.onnx"));
        Assert.Equal(fromOnnx.GetParameters(), fromState.GetParameters());
        Assert.Equal(fromOnnx.Layers.Select(l => l.Activation.Spec), fromState.Layers.Select(l => l.Activation.Spec));
    }

    [Theory]
    [InlineData("relu_4_8_6_2.onnx", "4-8-6-2", "relu")]
    [InlineData("module_relu_6_12_12_4.onnx", "6-12-12-4", "relu")]
    [InlineData("tanh_3_5_1.onnx", "3-5-1", "tanh")]
    [InlineData("sigmoid_2_6_6_3.onnx", "2-6-6-3", "sigmoid")]
    [InlineData("softplus_3_4_1.onnx", "3-4-1", "softplus")]
    [InlineData("flatten_relu_2x4_16_3.onnx", "8-16-3", "relu")]
    [InlineData("matmul_relu_5_7_2.onnx", "5-7-2", "relu")]
    public void OnnxFixtureHasItsArchitecture(string name, string architecture, string hidden)
    {
        var network = OnnxModelReader.Read(Fixtures.Onnx(name));
        Assert.Equal(architecture, network.Architecture);
        Assert.All(network.Layers.SkipLast(1), l => Assert.Equal(hidden, l.Activation.Spec));
        Assert.True(network.Layers[^1].Activation.IsIdentity);
    }

    [Fact]
    public void LeakyReluSlopeIsTheStoredFloat32WidenedExactly()
    {
        var network = OnnxModelReader.Read(Fixtures.Onnx("leakyrelu_5_10_10_1.onnx"));
        Assert.Equal("5-10-10-1", network.Architecture);
        foreach (var layer in network.Layers.SkipLast(1))
        {
            var leaky = Assert.IsType<LeakyReluActivation>(layer.Activation);
            Assert.Equal((double)0.1f, leaky.Alpha);
            Assert.NotEqual(0.1, leaky.Alpha);
        }
    }

    [Fact]
    public void Conv1dFixtureIsRejectedNamingItsUnsqueezeNode()
    {
        // Conv is read now; the Unsqueeze that turns its (N, L) input into (N, 1, L) is not.
        string path = Fixtures.Onnx("unsupported_conv1d.onnx");
        var e = Assert.Throws<ModelFileException>(() => OnnxModelReader.Read(path));
        Assert.Equal(path, e.Path);
        Assert.Contains("Unsqueeze (node '/Unsqueeze')", e.Message);
        Assert.DoesNotContain("Conv (node", e.Message);
    }
}

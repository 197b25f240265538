using Microsoft.ML.OnnxRuntime;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;
using NetSym.Tests.IO;

namespace NetSym.Tests.Symmetries;

/// <summary>
/// Orbits of convolutional and residual networks: members drawn from the permutation spec. Each member of every
/// CNN fixture is exported to ONNX (OnnxModelWriter) and run in ONNX Runtime next to the original PyTorch-exported
/// file, so the check does not rest on NetSym's own evaluator alone.
/// </summary>
public class OrbitSamplerConvolutionalTests
{
    public static TheoryData<string> FixtureFiles() =>
    [
        "vgg_relu_3x16x16_opset11.onnx", "cnn1d_tanh_2x32_opset17.onnx", "grouped_relu_4x13x13_opset17.onnx",
        "bn_relu_3x12x12_kept_opset17.onnx", "bn_relu_3x12x12_folded_opset13.onnx", "resnet_relu_3x16x16_opset13.onnx",
        "resnet_relu_defaultbn_3x16x16_opset13.onnx", "resnet20_cifar_3x32x32_opset13.onnx",
    ];

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Orbit_members_of_a_fixture_agree_with_the_original_file_in_onnx_runtime(string name)
    {
        string path = Fixtures.Onnx(Path.Combine("cnn", name));
        var network = OnnxModelReader.Read(path);
        var (inputs, _) = Fixtures.Expected(path);
        var members = OrbitSampler.Sample(network, 3, RandomKey.FromSeed(4), LinearAlgebraBackends.Default);
        var spec = PermutationSpec.Derive(network);
        var original = RunOnnxRuntime(File.ReadAllBytes(path), inputs, network.InputShape);
        foreach (var m in members)
        {
            Assert.True(m.Verified, $"difference {m.MaxOutputDifference}");
            Assert.Null(m.Element);
            Assert.True(spec.Contains(m.Transform!));
            Assert.Equal(spec.Apply(network, m.Transform!).GetParameters(), m.Network.GetParameters());
            Assert.NotEqual(network.GetParameters(), m.Network.GetParameters());
            using var stream = new MemoryStream();
            OnnxModelWriter.Write(m.Network, stream);
            Float32Agreement.AssertAgrees(original, RunOnnxRuntime(stream.ToArray(), inputs, network.InputShape));
        }
    }

    /// <summary>Runs a model on its first input and first output, whatever their names (PyTorch's or NetSym's).</summary>
    private static Matrix RunOnnxRuntime(byte[] model, Matrix inputs, NodeShape shape)
    {
        using var session = new InferenceSession(model);
        float[] data = [.. inputs.Data.Select(v => (float)v)];
        long[] dims = [inputs.Rows, shape.Channels, .. shape.Spatial.Select(s => (long)s)];
        using var input = OrtValue.CreateTensorValueFromMemory(data, dims);
        using var results = session.Run(new RunOptions(), [session.InputNames[0]], [input], [session.OutputNames[0]]);
        var output = results[0].GetTensorDataAsSpan<float>();
        var m = new Matrix(inputs.Rows, output.Length / inputs.Rows);
        for (int i = 0; i < output.Length; i++) m.Data[i] = output[i];
        return m;
    }
}

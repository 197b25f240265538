using Microsoft.ML.OnnxRuntime;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.IO;

/// <summary>An ONNX file that NetSym writes computes, in ONNX Runtime, what NetSym computes.</summary>
public class OnnxRuntimeAgreementTests
{
    /// <summary>Every activation the writer supports, with non-default parameters where it has them.</summary>
    public static TheoryData<string> ExportableActivations() =>
        ["identity", "relu", "leaky_relu(0.1)", "tanh", "sigmoid", "softplus", "abs", "elu(0.7)", "hardtanh", "relu6"];

    [Theory]
    [MemberData(nameof(ExportableActivations))]
    public void OnnxRuntimeReproducesNetSymOnAnExportedNetwork(string activation)
    {
        var key = RandomKey.FromSeed(1234);
        // Gaussian weights and inputs of scale 3 drive pre-activations across every kink and bound
        // (hardtanh's ±1, relu6's 0 and 6), so each piece of the activation is exercised.
        var network = RandomNetworks.Create(Architecture.Parse("5-9-7-3"), ActivationCatalog.Parse(activation), Initialization.Gaussian, key.Split(RandomPurpose.Network));
        var random = key.Split(RandomPurpose.Inputs).Stream();
        var inputs = new Matrix(64, 5);
        for (int i = 0; i < inputs.Data.Length; i++) inputs.Data[i] = (float)(3 * random.NextNormal());

        using var file = new MemoryStream();
        OnnxModelWriter.Write(network, file);
        byte[] bytes = file.ToArray();

        // ONNX Runtime runs the float32 weights that the file holds; NetSym evaluates the same weights
        // (read back, widened exactly) in double, so only float32 arithmetic separates the two.
        var stored = OnnxModelReader.Parse(bytes, "exported.onnx");
        Float32Agreement.AssertAgrees(Forward.Evaluate(stored, inputs, LinearAlgebraBackends.Default), RunOnnxRuntime(bytes, inputs));
    }

    [Fact]
    public void ExportedFileDeclaresSymbolicBatchInputAndOutput()
    {
        var network = RandomNetworks.Create(Architecture.Parse("4-6-2"), new TanhActivation(), Initialization.PyTorch, RandomKey.FromSeed(7));
        using var file = new MemoryStream();
        OnnxModelWriter.Write(network, file);
        using var session = new InferenceSession(file.ToArray());

        var input = Assert.Single(session.InputMetadata);
        Assert.Equal(OnnxModelWriter.InputName, input.Key);
        Assert.Equal([-1, 4], input.Value.Dimensions);
        Assert.Equal("batch", input.Value.SymbolicDimensions[0]);
        Assert.Equal(typeof(float), input.Value.ElementType);
        var output = Assert.Single(session.OutputMetadata);
        Assert.Equal(OnnxModelWriter.OutputName, output.Key);
        Assert.Equal([-1, 2], output.Value.Dimensions);
    }

    [Fact]
    public void GeluIsNotExportedAndTheErrorNamesIt()
    {
        var network = RandomNetworks.Create(Architecture.Parse("3-4-1"), new GeluActivation(), Initialization.PyTorch, RandomKey.FromSeed(1));
        var e = Assert.Throws<NotSupportedException>(() => OnnxModelWriter.Write(network, new MemoryStream()));
        Assert.Contains("gelu", e.Message);
    }

    /// <summary>The model's outputs, flattened per row, for rows of inputs laid out as <paramref name="shape"/> (channel-major; default a vector).</summary>
    internal static Matrix RunOnnxRuntime(byte[] model, Matrix inputs, NodeShape? shape = null)
    {
        using var session = new InferenceSession(model);
        float[] data = [.. inputs.Data.Select(v => (float)v)];
        long[] dims = shape is null ? [inputs.Rows, inputs.Columns] : [inputs.Rows, shape.Channels, .. shape.Spatial.Select(s => (long)s)];
        using var input = OrtValue.CreateTensorValueFromMemory(data, dims);
        using var results = session.Run(new RunOptions(), [OnnxModelWriter.InputName], [input], [OnnxModelWriter.OutputName]);
        var output = results[0].GetTensorDataAsSpan<float>();
        int columns = output.Length / inputs.Rows;
        var m = new Matrix(inputs.Rows, columns);
        for (int i = 0; i < output.Length; i++) m.Data[i] = output[i];
        return m;
    }
}

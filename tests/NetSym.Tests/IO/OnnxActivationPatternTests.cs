using Google.Protobuf;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using Onnx;

namespace NetSym.Tests.IO;

/// <summary>
/// The activations ONNX holds as one op (Selu, HardSigmoid, Softsign, Sin, Cos, Exp) or as PyTorch's node
/// patterns (GELU's Erf pattern, SiLU's Sigmoid·Mul, softsign's Abs·Add·Div): PyTorch's exports read to
/// PyTorch's outputs, and NetSym's exports run in ONNX Runtime to NetSym's outputs.
/// </summary>
public class OnnxActivationPatternTests
{
    // Fixtures/onnx/make_activation_fixtures.py: NAME_3_5_4_2_opset{13,17}.onnx, NAME → NetSym's spec.
    private static readonly Dictionary<string, string> FixtureActivations = new()
    {
        ["elu"] = "elu(1)", ["selu"] = "selu", ["hardsigmoid"] = "hardsigmoid", ["softsign"] = "softsign", ["sin"] = "sin",
        ["cos"] = "cos", ["exp"] = "exp", ["gelu"] = "gelu_erf", ["silu"] = "silu",
    };

    public static TheoryData<string, int> PyTorchExports()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in FixtureActivations.Keys)
            foreach (int opset in new[] { 13, 17 }) data.Add(name, opset);
        return data;
    }

    [Theory]
    [MemberData(nameof(PyTorchExports))]
    public void A_pytorch_export_reads_as_its_activation_and_gives_pytorchs_outputs(string name, int opset)
    {
        string path = Fixtures.Onnx($"{name}_3_5_4_2_opset{opset}.onnx");
        var network = OnnxModelReader.Read(path);
        Assert.Equal("3-5-4-2", network.Architecture);
        Assert.All(network.Layers.SkipLast(1), l => Assert.Equal(FixtureActivations[name], l.Activation.Spec));
        var (inputs, expected) = Fixtures.Expected(path);
        var actual = Forward.Evaluate(network, inputs, LinearAlgebraBackends.Default);
        // PyTorch computed in float32 from the same float32 weights: relative 10⁻⁶ is a few float32 roundings.
        for (int i = 0; i < expected.Data.Length; i++)
            Assert.True(Math.Abs(expected.Data[i] - actual.Data[i]) <= 1e-6 * (1 + Math.Abs(expected.Data[i])),
                $"{name} opset {opset}, output {i}: PyTorch {expected.Data[i]:R}, NetSym {actual.Data[i]:R}");
    }

    public static TheoryData<string> NewActivations() => ["selu", "hardsigmoid", "softsign", "sin", "cos", "exp", "silu", "gelu_erf"];

    [Theory]
    [MemberData(nameof(NewActivations))]
    public void An_export_runs_in_onnx_runtime_to_netsyms_outputs_and_reads_back_as_the_same_activation(string spec)
    {
        var key = RandomKey.FromSeed(77);
        var activation = ActivationCatalog.Parse(spec);
        var network = RandomNetworks.Create(Architecture.Parse("5-9-7-3"), activation, Initialization.PyTorch, key.Split(RandomPurpose.Network));
        var random = key.Split(RandomPurpose.Inputs).Stream();
        // Inputs of scale 3 cross the kinks and turning points; exp of exp overflows float32 from there, so it gets ½.
        double scale = spec == "exp" ? 0.5 : 3;
        var inputs = new Matrix(64, 5);
        for (int i = 0; i < inputs.Data.Length; i++) inputs.Data[i] = (float)(scale * random.NextNormal());

        using var file = new MemoryStream();
        OnnxModelWriter.Write(network, file);
        byte[] bytes = file.ToArray();
        var stored = OnnxModelReader.Parse(bytes, "exported.onnx");
        Assert.All(stored.Layers.SkipLast(1), l => Assert.Equal(activation, l.Activation));
        Float32Agreement.AssertAgrees(Forward.Evaluate(stored, inputs, LinearAlgebraBackends.Default), OnnxRuntimeAgreementTests.RunOnnxRuntime(bytes, inputs));
    }

    [Fact]
    public void Silu_and_exact_gelu_are_written_as_pytorchs_node_patterns()
    {
        string[] Ops(string spec)
        {
            var network = RandomNetworks.Create(Architecture.Parse("2-3-1"), ActivationCatalog.Parse(spec), Initialization.PyTorch, RandomKey.FromSeed(2));
            using var file = new MemoryStream();
            OnnxModelWriter.Write(network, file);
            return [.. ModelProto.Parser.ParseFrom(file.ToArray()).Graph.Node.Select(n => n.OpType)];
        }
        Assert.Equal(["Gemm", "Sigmoid", "Mul", "Gemm"], Ops("silu"));
        Assert.Equal(["Gemm", "Div", "Erf", "Add", "Mul", "Mul", "Gemm"], Ops("gelu_erf"));
        Assert.Equal(["Gemm", "HardSigmoid", "Gemm"], Ops("hardsigmoid"));
    }

    // A hardsigmoid model with one attribute of its HardSigmoid node changed.
    private static string ReadWithAttribute(AttributeProto attribute)
    {
        var network = RandomNetworks.Create(Architecture.Parse("2-3-1"), new HardsigmoidActivation(), Initialization.PyTorch, RandomKey.FromSeed(2));
        using var file = new MemoryStream();
        OnnxModelWriter.Write(network, file);
        var model = ModelProto.Parser.ParseFrom(file.ToArray());
        var node = model.Graph.Node.Single(n => n.OpType == "HardSigmoid");
        node.Attribute.Clear();
        node.Attribute.Add(attribute);
        var e = Assert.Throws<ModelFileException>(() => OnnxModelReader.Parse(model.ToByteArray(), "changed.onnx"));
        return e.Message;
    }

    [Fact]
    public void A_hard_sigmoid_that_is_not_pytorchs_is_refused_naming_the_node()
    {
        // alpha absent: ONNX's default 0.2 (Keras's hard sigmoid), not PyTorch's 1/6.
        string keras = ReadWithAttribute(new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = 0.2f });
        Assert.Contains("HardSigmoid (node '/layers.0/HardSigmoid')", keras);
        Assert.Contains("HardSigmoid(alpha=0.2) is not a NetSym activation", keras);
        string beta = ReadWithAttribute(new AttributeProto { Name = "beta", Type = AttributeProto.Types.AttributeType.Float, F = 0.3f });
        Assert.Contains("beta=0.3", beta);
    }

    [Fact]
    public void An_unfused_piece_of_a_pattern_is_an_unsupported_op()
    {
        // A lone Mul is no activation: the error names it and lists the patterns NetSym reads.
        var network = RandomNetworks.Create(Architecture.Parse("2-3-1"), new SiluActivation(), Initialization.PyTorch, RandomKey.FromSeed(2));
        using var file = new MemoryStream();
        OnnxModelWriter.Write(network, file);
        var model = ModelProto.Parser.ParseFrom(file.ToArray());
        model.Graph.Node.Single(n => n.OpType == "Sigmoid").OpType = "Tanh";
        var e = Assert.Throws<ModelFileException>(() => OnnxModelReader.Parse(model.ToByteArray(), "broken.onnx"));
        Assert.Contains("Mul (node '/layers.0/Mul')", e.Message);
        Assert.Contains("SiLU (Sigmoid, Mul)", e.Message);
    }

    [Theory]
    [InlineData("none", "gelu_erf")]
    [InlineData("tanh", "gelu")]
    [InlineData(null, "gelu_erf")]
    public void Onnx_gelu_op_reads_as_the_form_its_approximate_attribute_names(string? approximate, string spec)
    {
        var graph = new OnnxGraphBuilder("x", null, 3).Float("w", [2, 3], 1, 2, 3, 4, 5, 6).Node("Gemm", "g", ["x", "w"], "h", ("transB", 1L));
        graph = approximate is null ? graph.Node("Gelu", "a", ["h"], "y") : graph.Node("Gelu", "a", ["h"], "y", ("approximate", approximate));
        Assert.Equal(spec, OnnxModelReader.Parse(graph.Build("y"), "gelu.onnx").Layers[0].Activation.Spec);
    }

    [Fact]
    public void Onnx_gelu_op_with_an_unknown_approximation_is_refused()
    {
        var bytes = new OnnxGraphBuilder("x", null, 3).Float("w", [2, 3], 1, 2, 3, 4, 5, 6).Node("Gemm", "g", ["x", "w"], "h", ("transB", 1L))
            .Node("Gelu", "a", ["h"], "y", ("approximate", "fast")).Build("y");
        var e = Assert.Throws<ModelFileException>(() => OnnxModelReader.Parse(bytes, "gelu.onnx"));
        Assert.Contains("Gelu (node 'a') has approximate='fast'", e.Message);
    }
}

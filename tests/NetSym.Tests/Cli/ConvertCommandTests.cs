using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Tests.IO;

namespace NetSym.Tests.Cli;

public sealed class ConvertCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Json_to_json_is_bit_exact()
    {
        // Written by hand, with numbers that a careless writer would round: the converted file must hold the same doubles.
        string source = _cli.WriteText("in.json", """
            {"format": "netsym-network", "version": 1, "input_size": 2, "layers": [
              {"activation": "leaky_relu(0.2)", "weights": [[0.1, 5e-324], [1.7976931348623157e308, -0.0]], "bias": [0.30000000000000004, 1e-300]},
              {"activation": "identity", "weights": [[0.3333333333333333, -2.5]], "bias": [123456789.12345679]}]}
            """);
        string target = _cli.PathOf("out.json");
        var result = CliHarness.Run("convert", source, target);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);

        var before = NetworkJson.Read(source);
        var after = NetworkJson.Read(target);
        Assert.Equal(before.Architecture, after.Architecture);
        Assert.Equal(before.Layers.Select(l => l.Activation.Spec), after.Layers.Select(l => l.Activation.Spec));
        Assert.Equal(before.GetParameters().Select(BitConverter.DoubleToInt64Bits), after.GetParameters().Select(BitConverter.DoubleToInt64Bits));

        // Converting the converted file again changes no byte.
        string again = _cli.PathOf("again.json");
        Assert.Equal(0, CliHarness.Run("convert", target, again).ExitCode);
        Assert.Equal(File.ReadAllBytes(target), File.ReadAllBytes(again));
    }

    [Fact]
    public void Json_report_says_what_was_written()
    {
        var network = CliHarness.SampleNetwork();
        string source = _cli.WriteModel(network, "in.json");
        string target = _cli.PathOf("out.json");
        var json = CliHarness.Run("convert", source, target, "--json").Json();
        Assert.Equal(source, json.GetProperty("input").GetString());
        Assert.Equal(target, json.GetProperty("output").GetString());
        Assert.Equal("NetSym JSON", json.GetProperty("input_format").GetString());
        Assert.Equal("NetSym JSON", json.GetProperty("output_format").GetString());
        Assert.Equal(network.ParameterCount, json.GetProperty("parameter_count").GetInt32());
        Assert.False(json.GetProperty("rounded_to_float32").GetBoolean());
    }

    [Fact]
    public void Activation_option_is_written_into_the_converted_model()
    {
        string source = _cli.WriteModel(CliHarness.SampleNetwork(), "in.json");
        string target = _cli.PathOf("out.json");
        Assert.Equal(0, CliHarness.Run("convert", source, target, "--activation", "leaky_relu(0.1)").ExitCode);
        var converted = NetworkJson.Read(target);
        Assert.Equal("leaky_relu(0.1)", converted.HiddenActivations);
        Assert.Equal("identity", converted.Layers[^1].Activation.Spec);
    }

    [Fact]
    public void An_unwritable_extension_fails_and_leaves_nothing()
    {
        string source = _cli.WriteModel(CliHarness.SampleNetwork(), "in.json");
        var result = CliHarness.Run("convert", source, _cli.PathOf("out.txt"));
        Assert.Contains("out.txt", result.AssertOneErrorLine());
        Assert.Equal(["in.json"], _cli.Files());
    }

    // Convolutional and residual networks: JSON version 2 both ways, and ONNX export.

    [Fact]
    public void Convolutional_json_to_onnx_computes_what_NetSym_computes()
    {
        var network = ConvolutionalTestNetworks.ResNet(new ReluActivation(), 6);
        string source = _cli.WriteModel(network, "resnet.json");
        string target = _cli.PathOf("resnet.onnx");
        var json = CliHarness.Run("convert", source, target, "--json").Json();
        Assert.Equal(network.Architecture, json.GetProperty("architecture").GetString());
        Assert.True(json.GetProperty("rounded_to_float32").GetBoolean());

        var inputs = new Matrix(4, network.InputSize);
        for (int i = 0; i < inputs.Data.Length; i++) inputs.Data[i] = Math.Sin(i);
        var expected = Forward.Evaluate(OnnxRoundTripTests.RoundedToFloat32(network), inputs, LinearAlgebraBackends.Default);
        Float32Agreement.AssertAgrees(expected, OnnxRuntimeAgreementTests.RunOnnxRuntime(File.ReadAllBytes(target), inputs, network.InputShape));
    }

    [Fact]
    public void Convolutional_onnx_back_to_json_is_the_float32_network()
    {
        var network = ConvolutionalTestNetworks.Vgg(new TanhActivation(), 9);
        string source = _cli.WriteModel(network, "vgg.json");
        string onnx = _cli.PathOf("vgg.onnx"), back = _cli.PathOf("back.json");
        Assert.Equal(0, CliHarness.Run("convert", source, onnx).ExitCode);
        var json = CliHarness.Run("convert", onnx, back, "--json").Json();
        Assert.Equal("ONNX", json.GetProperty("input_format").GetString());
        NetworkAssert.Identical(OnnxRoundTripTests.RoundedToFloat32(network), NetworkJson.Read(back));
    }

    [Fact]
    public void Convolutional_json_to_json_is_bit_exact_byte_for_byte()
    {
        string source = _cli.WriteModel(ConvolutionalTestNetworks.OneDimensional(new TanhActivation(), 2), "cnn.json");
        string target = _cli.PathOf("again.json");
        Assert.Equal(0, CliHarness.Run("convert", source, target).ExitCode);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(target));
    }

    [Fact]
    public void A_network_ONNX_cannot_hold_fails_naming_the_layer_and_leaves_nothing()
    {
        var input = new NodeShape(1, 6);
        var pooled = new Network(input,
            [Layer.Pooling(LayerKind.AveragePool, input, ConvolutionalTestNetworks.Window([2], [1], [0], [0], [2]), 0)]);
        string source = _cli.WriteModel(pooled, "pool.json");
        var line = CliHarness.Run("convert", source, _cli.PathOf("pool.onnx")).AssertOneErrorLine();
        Assert.Contains("pool.onnx: layer 0 is a dilated average pooling", line);
        Assert.Equal(["pool.json"], _cli.Files());
    }
}

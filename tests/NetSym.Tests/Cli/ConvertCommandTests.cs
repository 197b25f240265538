using NetSym.IO;

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
}

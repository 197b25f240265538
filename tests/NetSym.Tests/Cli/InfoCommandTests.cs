using NetSym.Networks;

namespace NetSym.Tests.Cli;

public sealed class InfoCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Counts_agree_with_the_network()
    {
        var network = CliHarness.SampleNetwork();
        string path = _cli.WriteModel(network);
        var result = CliHarness.Run("info", path, "--json");
        Assert.Equal(0, result.ExitCode);
        var model = result.Json().GetProperty("model");
        Assert.Equal(network.ParameterCount, model.GetProperty("parameter_count").GetInt32());
        Assert.Equal(3 * 6 + 6 + 6 * 4 + 4 + 4 * 2 + 2, model.GetProperty("parameter_count").GetInt32());
        Assert.Equal(network.HiddenNeuronCount, model.GetProperty("hidden_neuron_count").GetInt32());
        Assert.Equal(3, model.GetProperty("input_size").GetInt32());
        Assert.Equal(2, model.GetProperty("output_size").GetInt32());
        Assert.Equal("relu", model.GetProperty("hidden_activation").GetString());
        Assert.Equal("NetSym JSON", model.GetProperty("format").GetString());

        var layers = model.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(network.Layers.Count, layers.Count);
        Assert.Equal(network.ParameterCount, layers.Sum(l => l.GetProperty("parameter_count").GetInt32()));
        for (int i = 0; i < layers.Count; i++)
        {
            Assert.Equal(i, layers[i].GetProperty("index").GetInt32());
            Assert.Equal(network.Layers[i].InputSize, layers[i].GetProperty("inputs").GetInt32());
            Assert.Equal(network.Layers[i].OutputSize, layers[i].GetProperty("outputs").GetInt32());
            Assert.Equal("dense", layers[i].GetProperty("connectivity").GetString());
        }
    }

    [Fact]
    public void Human_output_shows_the_architecture_and_the_layer_table()
    {
        string path = _cli.WriteModel(CliHarness.SampleNetwork());
        var result = CliHarness.Run("info", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("3-6-4-2", result.Stdout);
        Assert.Contains("Parameters", result.Stdout);
        Assert.Contains("connectivity", result.Stdout);
        Assert.DoesNotContain('\u001b', result.Stdout);
        Assert.All(result.Stdout.Split('\n'), line => Assert.Equal(line.TrimEnd(' '), line));
    }

    [Fact]
    public void Skip_connections_and_masks_are_shown()
    {
        // Layer 1 reads the input (node 0) and layer 0 (node 1); one of its edges is absent.
        var relu = new ReluActivation();
        var first = new Layer(2, 3, [1, 2, 3, 4, 5, 6], [0, 0, 0], relu, [0]);
        bool[] mask = [true, true, true, false, true, true, true, true, true, true];
        var second = new Layer(5, 2, [1, 1, 1, 0, 1, 1, 1, 1, 1, 1], [0.5, -0.5], new IdentityActivation(), [0, 1], mask);
        var network = new Network(2, [first, second]);
        string path = _cli.WriteModel(network);

        var model = CliHarness.Run("info", path, "--json").Json().GetProperty("model");
        Assert.Equal(network.ParameterCount, model.GetProperty("parameter_count").GetInt32());
        Assert.Equal(9 + 9 + 2, model.GetProperty("parameter_count").GetInt32());
        var layer = model.GetProperty("layers")[1];
        Assert.Equal([0, 1], layer.GetProperty("sources").EnumerateArray().Select(s => s.GetInt32()));
        Assert.Equal("masked", layer.GetProperty("connectivity").GetString());
        Assert.Equal(9 + 2, layer.GetProperty("parameter_count").GetInt32());
        Assert.Contains("(skip)", model.GetProperty("architecture").GetString());
    }
}

using NetSym.IO;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Cli;

public sealed class RandomCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void The_same_seed_gives_byte_identical_files_and_another_seed_another_file()
    {
        string a = _cli.PathOf("a.json"), b = _cli.PathOf("b.json"), c = _cli.PathOf("c.json");
        Assert.Equal(0, CliHarness.Run("random", "4-8-6-2", "--seed", "7", "-o", a).ExitCode);
        Assert.Equal(0, CliHarness.Run("random", "4-8-6-2", "--seed", "7", "-o", b).ExitCode);
        Assert.Equal(0, CliHarness.Run("random", "4-8-6-2", "--seed", "8", "-o", c).ExitCode);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(c));
    }

    [Fact]
    public void Every_initialisation_is_accepted_and_draws_the_network_the_library_draws_from_the_seed()
    {
        // The sweep documents its trials as reproduced by 'netsym random --init INIT --seed NETWORK_SEED', for every init it offers.
        foreach (var init in Enum.GetValues<Initialization>())
        {
            string path = _cli.PathOf($"{init}.json");
            Assert.Equal(0, CliHarness.Run("random", "2-3-3-1", "--init", init.ToString().ToLowerInvariant(), "--seed", "11", "-o", path).ExitCode);
            var network = NetworkJson.Parse(File.ReadAllBytes(path), path);
            var expected = RandomNetworks.Create(Architecture.Parse("2-3-3-1"), new ReluActivation(), init, RandomKey.FromSeed(11).Split(RandomPurpose.Network));
            Assert.Equal(expected.GetParameters(), network.GetParameters());
            // hebias differs from he exactly in its biases: N(0, 0.1²) instead of 0.
            bool zeroBiases = network.Layers.All(l => l.Bias.ToArray().All(b => b == 0));
            Assert.Equal(init is Initialization.He or Initialization.Glorot, zeroBiases);
        }
    }

    [Fact]
    public void Without_output_file_the_model_goes_to_stdout_as_netsym_json()
    {
        string file = _cli.PathOf("a.json");
        CliHarness.Run("random", "3-5-1", "--seed", "2", "-o", file);
        var result = CliHarness.Run("random", "3-5-1", "--seed", "2");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(file), result.Stdout);
        var network = NetworkJson.Parse(System.Text.Encoding.UTF8.GetBytes(result.Stdout), "stdout");
        Assert.Equal("3-5-1", network.Architecture);
    }

    [Fact]
    public void With_json_and_no_output_file_the_model_is_one_line_with_the_same_bits()
    {
        string file = _cli.PathOf("a.json");
        CliHarness.Run("random", "3-5-1", "--seed", "2", "-o", file);
        var result = CliHarness.Run("random", "3-5-1", "--seed", "2", "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Single(result.Stdout.TrimEnd('\n').Split('\n'));
        Assert.EndsWith("\n", result.Stdout);
        Assert.Equal("netsym-network", result.Json().GetProperty("format").GetString());
        var network = NetworkJson.Parse(System.Text.Encoding.UTF8.GetBytes(result.Stdout), "stdout");
        Assert.Equal(NetworkJson.Read(file).GetParameters(), network.GetParameters());
    }

    [Fact]
    public void The_model_is_the_library_s_random_network_for_that_seed()
    {
        string file = _cli.PathOf("a.json");
        CliHarness.Run("random", "5-7-3", "--activation", "tanh", "--init", "glorot", "--seed", "12", "-o", file);
        var expected = RandomNetworks.Create(Architecture.Parse("5-7-3"), new TanhActivation(), Initialization.Glorot, RandomKey.FromSeed(12).Split(RandomPurpose.Network));
        var actual = NetworkJson.Read(file);
        Assert.Equal(expected.GetParameters(), actual.GetParameters());
        Assert.Equal("tanh", actual.HiddenActivations);
        Assert.Equal("identity", actual.Layers[^1].Activation.Spec);
    }

    [Fact]
    public void Pytorch_init_draws_within_one_over_root_fan_in()
    {
        string file = _cli.PathOf("a.json");
        Assert.Equal(0, CliHarness.Run("random", "16-64-9-3", "--init", "pytorch", "--seed", "1", "-o", file).ExitCode);
        var network = NetworkJson.Read(file);
        foreach (var layer in network.Layers)
        {
            double bound = 1 / Math.Sqrt(layer.InputSize);
            var values = layer.Weights.ToArray().Concat(layer.Bias.ToArray()).ToList();
            Assert.All(values, v => Assert.InRange(Math.Abs(v), 0, bound));
            // Uniform on (−bound, bound): the extremes come close to the bound and both signs occur.
            Assert.True(values.Max() > 0.8 * bound && values.Min() < -0.8 * bound);
        }
    }

    [Fact]
    public void He_and_glorot_leave_biases_zero_and_gaussian_does_not()
    {
        foreach (var (init, zeroBias) in new[] { ("he", true), ("glorot", true), ("gaussian", false) })
        {
            string file = _cli.PathOf($"{init}.json");
            Assert.Equal(0, CliHarness.Run("random", "6-10-2", "--init", init, "-o", file).ExitCode);
            var biases = NetworkJson.Read(file).Layers.SelectMany(l => l.Bias.ToArray()).ToList();
            Assert.Equal(zeroBias, biases.All(b => b == 0));
        }
    }

    [Fact]
    public void Json_report_describes_the_written_model()
    {
        string file = _cli.PathOf("a.json");
        var json = CliHarness.Run("random", "4-8-6-2", "--seed", "3", "-o", file, "--json").Json();
        Assert.Equal(file, json.GetProperty("output").GetString());
        Assert.Equal("4-8-6-2", json.GetProperty("architecture").GetString());
        Assert.Equal("relu", json.GetProperty("hidden_activation").GetString());
        Assert.Equal("pytorch", json.GetProperty("init").GetString());
        Assert.Equal(3, json.GetProperty("seed").GetInt32());
        Assert.Equal(Architecture.Parse("4-8-6-2").ParameterCount, json.GetProperty("parameter_count").GetInt64());
    }
}

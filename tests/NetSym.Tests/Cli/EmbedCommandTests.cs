using System.Globalization;
using NetSym.Embedding;
using NetSym.Networks;

namespace NetSym.Tests.Cli;

public sealed class EmbedCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Json_lists_the_path_count_norms_by_q_and_phi_in_path_order()
    {
        var network = TestNetworks.Dense("2-3-2-2", new ReluActivation(), 3);
        var json = CliHarness.Run("embed", _cli.WriteModel(network), "--json", "--q", "0,1,2,0.5,inf").Json();
        Assert.Equal(PathCount.Of(network).Total.ToString(CultureInfo.InvariantCulture), json.GetProperty("path_count").GetString());
        var norms = json.GetProperty("path_norms");
        foreach (var (key, q) in new[] { ("0", 0.0), ("1", 1.0), ("2", 2.0), ("0.5", 0.5), ("inf", double.PositiveInfinity) })
            Assert.Equal(PathNorms.Compute(network, q).Value, norms.GetProperty(key).GetDouble());
        var phi = PathLifting.Compute(network);
        var paths = PathLifting.Paths(network);
        var rows = json.GetProperty("phi").EnumerateArray().ToList();
        Assert.Equal(phi.Length, rows.Count);
        for (int k = 0; k < phi.Length; k++)
        {
            Assert.Equal(k, rows[k].GetProperty("index").GetInt32());
            Assert.Equal(paths[k].ToString(), rows[k].GetProperty("path").GetString());
            Assert.Equal(phi[k], rows[k].GetProperty("value").GetDouble());
        }
        var outputs = json.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal(["21", "21"], outputs.Select(o => o.GetProperty("paths").GetString()));
        Assert.Equal(["0", "21"], outputs.Select(o => o.GetProperty("start").GetString()));
    }

    [Fact]
    public void Beyond_the_path_limit_it_stops_with_the_count_and_the_implicit_alternatives()
    {
        string model = _cli.WriteModel(TestNetworks.Dense("2-3-2-2", new ReluActivation(), 3));
        string line = CliHarness.Run("embed", model, "--max-paths", "40").AssertOneErrorLine();
        Assert.Contains("Φ has 42 entries, more than the limit of 40 (--max-paths)", line);
        Assert.Contains("path norms", line);
        Assert.Contains("--no-phi", line);

        var json = CliHarness.Run("embed", model, "--max-paths", "40", "--no-phi", "--json");
        Assert.Equal(0, json.ExitCode);
        Assert.Equal("42", json.Json().GetProperty("path_count").GetString());
        Assert.False(json.Json().TryGetProperty("phi", out _));
    }

    [Fact]
    public void A_large_network_gets_exact_counts_and_norms_without_phi()
    {
        var network = TestNetworks.Dense("30-30-30-30-2", new ReluActivation(), 1);
        var result = CliHarness.Run("embed", _cli.WriteModel(network), "--no-phi", "--json");
        Assert.Equal(0, result.ExitCode);
        // 30·30·30·30 + 30·30·30 + 30·30 + 30 + 1 = 837,931 paths per output.
        Assert.Equal("1675862", result.Json().GetProperty("path_count").GetString());
    }

    [Fact]
    public void Console_output_shows_phi_of_a_small_network()
    {
        var network = Network.Sequential(1, [([1.0], [0.0], new ReluActivation()), ([1.0], [0.0], new IdentityActivation())]);
        var result = CliHarness.Run("embed", _cli.WriteModel(network));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("x0 → (0,0) → (1,0)", result.Stdout);
        Assert.Contains("b(1,0)", result.Stdout);
        Assert.Contains("q=2", result.Stdout);
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("gelu")]
    public void Activations_that_are_not_positively_homogeneous_are_refused_by_name(string spec)
    {
        string model = _cli.WriteModel(TestNetworks.Dense("2-3-1", ActivationCatalog.Parse(spec), 1));
        string line = CliHarness.Run("embed", model).AssertOneErrorLine();
        Assert.Contains($"'{spec}'", line);
        Assert.Contains("relu, leaky_relu(α), abs or identity", line);
    }

    [Theory]
    [InlineData("-1", "not an exponent")]
    [InlineData("1,x", "'x' is not an exponent")]
    public void Bad_exponents_are_usage_errors(string q, string expected)
    {
        string model = _cli.WriteModel(TestNetworks.Dense("2-3-1", new ReluActivation(), 1));
        Assert.Contains(expected, CliHarness.Run("embed", model, "--q", q).AssertOneErrorLine());
        Assert.Contains("--max-paths", CliHarness.Run("embed", model, "--max-paths", "-3").AssertOneErrorLine());
    }

    [Fact]
    public void Analyze_has_an_embedding_section_or_says_why_not()
    {
        var json = CliHarness.Run("analyze", "--json").Json().GetProperty("embedding");
        Assert.True(json.GetProperty("applicable").GetBoolean());
        Assert.Equal("170", json.GetProperty("path_count").GetString()); // 3-5-4-2: (3·5·4 + 5·4 + 4 + 1) · 2
        Assert.Equal(170, json.GetProperty("path_norms").GetProperty("0").GetDouble());
        var tanh = CliHarness.Run("analyze", "--json", "--activation", "tanh");
        Assert.Equal(0, tanh.ExitCode);
        var section = tanh.Json().GetProperty("embedding");
        Assert.False(section.GetProperty("applicable").GetBoolean());
        Assert.StartsWith("not applicable: layer 0 uses activation 'tanh'", section.GetProperty("reason").GetString());
    }
}

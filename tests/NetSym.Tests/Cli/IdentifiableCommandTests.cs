using NetSym.Cli;
using NetSym.Dimension;
using NetSym.Identifiability;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Cli;

public sealed class IdentifiableCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string OneOneOne() => _cli.WriteModel(
        Network.Sequential(1, [([1.0], [0.0], new ReluActivation()), ([1.0], [0.0], new IdentityActivation())]), "one.json");

    [Theory]
    [InlineData("1\n", "not_identifiable", 1, 1, 1)]
    [InlineData("1\n2\n3\n", "not_identifiable", 2, 2, 1)]
    [InlineData("-1\n1\n2\n", "identifiable", 3, 3, 0)]
    public void The_worked_example_reports_ranks_verdict_and_exit_code(string csv, string verdict, int rGamma, int rA, int exitCode)
    {
        var result = CliHarness.Run("identifiable", OneOneOne(), "--inputs", _cli.WriteText("x.csv", csv), "--json");
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var json = result.Json();
        Assert.Equal(verdict, json.GetProperty("verdict").GetString());
        Assert.Equal(rGamma, json.GetProperty("r_gamma").GetInt32());
        Assert.Equal(rA, json.GetProperty("r_a").GetInt32());
        Assert.Equal(3, json.GetProperty("bound").GetInt32());
        Assert.True(json.GetProperty("certified").GetBoolean());
        Assert.Equal(verdict == "identifiable" ? "C_S" : "C_N", json.GetProperty("decided_by").GetString());
        var conditions = json.GetProperty("conditions").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal(verdict == "identifiable", conditions["C_S"].GetProperty("holds").GetBoolean());
        Assert.Equal(verdict == "identifiable", conditions["C_N"].GetProperty("holds").GetBoolean());
        Assert.False(string.IsNullOrEmpty(conditions["C_N"].GetProperty("detail").GetString()));
        Assert.True(json.GetProperty("shallow").GetProperty("applicable").GetBoolean());
    }

    [Fact]
    public void The_scope_says_whether_the_network_is_in_the_papers_setting_and_how_it_leaves_it()
    {
        string x = _cli.WriteText("x.csv", "-1\n1\n2\n");
        var inside = CliHarness.Run("identifiable", OneOneOne(), "--inputs", x, "--json").Json();
        Assert.Equal("theorem", inside.GetProperty("scope").GetString());
        Assert.Equal("none", inside.GetProperty("scope_departures").GetString());

        string leaky = _cli.WriteModel(Network.Sequential(1, [([1.0], [0.0], new LeakyReluActivation(0.25)), ([1.0], [0.0], new IdentityActivation())]), "leaky.json");
        var outside = CliHarness.Run("identifiable", leaky, "--inputs", x, "--json").Json();
        Assert.Equal("identifiable", outside.GetProperty("verdict").GetString());
        Assert.Equal("extended", outside.GetProperty("scope").GetString());
        Assert.Equal("layer 0: leaky_relu(0.25) hidden neurons, not ReLU", outside.GetProperty("scope_departures").GetString());
        var text = CliHarness.Run("identifiable", leaky, "--inputs", x).Stdout;
        Assert.Contains("Scope", text);
        Assert.Contains("extended", text);
    }

    [Fact]
    public void An_undetermined_verdict_exits_1_and_says_why()
    {
        var network = RandomNetworks.Create(Architecture.Parse("2-2-2-1"), new ReluActivation(), Initialization.Gaussian, RandomKey.FromSeed(0));
        var x = RandomNetworks.GaussianInputs(30, 2, RandomKey.FromSeed(1000));
        string csv = string.Concat(Enumerable.Range(0, 30).Select(i => FormattableString.Invariant($"{x[i, 0]:R},{x[i, 1]:R}\n")));
        var result = CliHarness.Run("identifiable", _cli.WriteModel(network), "--inputs", _cli.WriteText("x.csv", csv), "--json");
        Assert.Equal(1, result.ExitCode);
        var json = result.Json();
        Assert.Equal("undetermined", json.GetProperty("verdict").GetString());
        Assert.Equal((10, 11, 11), (json.GetProperty("r_gamma").GetInt32(), json.GetProperty("r_a").GetInt32(), json.GetProperty("bound").GetInt32()));
        Assert.Contains("neither theorem decides", json.GetProperty("witness").GetString());
        Assert.False(json.GetProperty("shallow").GetProperty("applicable").GetBoolean());
    }

    [Fact]
    public void Random_points_are_reproducible_and_agree_with_the_library()
    {
        var network = TestNetworks.Dense("4-6-4-2", new ReluActivation(), 0);
        string model = _cli.WriteModel(network);
        var first = CliHarness.Run("identifiable", model, "--points", "400", "--seed", "5", "--json").Json();
        var again = CliHarness.Run("identifiable", model, "--points", "400", "--seed", "5", "--json").Json();
        Assert.Equal(first.ToString(), again.ToString());
        var library = LocalIdentifiability.Check(network, InputSampler.Gaussian(4).Draw(400, 5), LinearAlgebraBackends.Default, new IdentifiabilityOptions { Seed = 5 });
        Assert.Equal(library.RGamma, first.GetProperty("r_gamma").GetInt32());
        Assert.Equal(library.RA, first.GetProperty("r_a").GetInt32());
        Assert.Equal(400, first.GetProperty("points").GetInt32());

        var uniform = CliHarness.Run("identifiable", model, "--points", "300", "--dist", "uniform", "--domain=-2,2", "--float", "--json");
        var json = uniform.Json();
        Assert.Equal("float", json.GetProperty("rank_method").GetString());
        Assert.True(json.GetProperty("tolerance").GetDouble() > 0);
        Assert.Contains("uniform on the box -2,2", json.GetProperty("samples").GetString());
        var inBox = LocalIdentifiability.Check(network, InputSampler.InBox(Box.Uniform(4, -2, 2)).Draw(300, CliOptions.DefaultSeed), LinearAlgebraBackends.Default,
            new IdentifiabilityOptions { Method = RankMethod.Float, Seed = CliOptions.DefaultSeed });
        Assert.Equal(inBox.RGamma, json.GetProperty("r_gamma").GetInt32());
        Assert.Equal(inBox.Tolerance, json.GetProperty("tolerance").GetDouble());
    }

    [Fact]
    public void Checks_beyond_the_path_limit_say_what_is_too_large_and_name_the_flag()
    {
        // A masked layer rules out α's Gram recursion, so α must be written out: 40 samples × its paths > 100.
        string model = _cli.WriteModel(TestNetworks.SkipMasked(new ReluActivation(), 5));
        var json = CliHarness.Run("identifiable", model, "--points", "40", "--max-paths", "100", "--json").Json();
        const string Alpha = @"α has [\d,]+ entries \(40 samples × paths\), more than the limit of 100 \(--max-paths\), and a masked layer rules out its Gram recursion";
        Assert.Matches($"^{Alpha}$", json.GetProperty("alpha_method").GetString());
        var skipped = json.GetProperty("skipped").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("reason").GetString());
        Assert.Matches($"^not evaluated: {Alpha}$", skipped["C_N"]);
    }

    [Fact]
    public void A_shallow_network_gets_the_domain_check_with_its_hyperplanes()
    {
        var network = Network.Sequential(2,
        [
            ([1.0, 1.0, 1.0, -1.0, 0.5, 0.0], [-5.0, 0.0, 4.0], new ReluActivation()),
            ([1.0, 1.0, 1.0], [0.0], new IdentityActivation()),
        ]);
        var json = CliHarness.Run("identifiable", _cli.WriteModel(network), "--points", "50", "--domain=-1,1", "--json").Json();
        var shallow = json.GetProperty("shallow");
        Assert.Equal("not_identifiable", shallow.GetProperty("verdict").GetString());
        Assert.Equal("shallow_hyperplanes_meet_domain", shallow.GetProperty("decided_by").GetString());
        Assert.Equal("-1,1", shallow.GetProperty("domain").GetString());
        var planes = shallow.GetProperty("hyperplanes").EnumerateArray().ToList();
        Assert.Equal([false, true, false], planes.Select(p => p.GetProperty("meets_domain").GetBoolean()));
        Assert.Equal(-7, planes[0].GetProperty("low").GetDouble());

        var console = CliHarness.Run("identifiable", _cli.WriteModel(network), "--points", "50", "--domain=-1,1");
        Assert.Contains("never active on the domain", console.Stdout);
        Assert.Contains("Verdict", console.Stdout);
        Assert.Contains("C_S", console.Stdout);
    }

    [Fact]
    public void Analyze_has_an_identifiability_section_or_says_why_not()
    {
        var json = CliHarness.Run("analyze", "--json").Json().GetProperty("identifiability");
        Assert.Equal(45, json.GetProperty("bound").GetInt32());
        Assert.Equal(1024, json.GetProperty("points").GetInt32());
        Assert.Equal("identifiable", json.GetProperty("verdict").GetString());
        var tanh = CliHarness.Run("analyze", "--json", "--activation", "tanh").Json().GetProperty("identifiability");
        Assert.False(tanh.GetProperty("applicable").GetBoolean());
        Assert.Contains("'tanh'", tanh.GetProperty("reason").GetString());
    }

    public static TheoryData<string, string[], string> BadInputs() => new()
    {
        { "CSV of the wrong dimension", ["--inputs", "x2.csv"], "x2.csv: line 1 has 2 values, expected 1 (the network's input size)" },
        { "both sample sources", ["--inputs", "x1.csv", "--points", "5"], "exactly one of --inputs FILE or --points N" },
        { "no samples", [], "exactly one of --inputs FILE or --points N" },
        { "no points", ["--points", "0"], "--points must be a whole number from 1 to" },
        { "exact and float", ["--points", "5", "--exact", "--float"], "at most one of --exact and --float" },
        { "unknown distribution", ["--points", "5", "--dist", "cauchy"], "cauchy" },
        { "domain of the wrong dimension", ["--points", "5", "--domain", "0,1;0,1"], "2 intervals, expected 1" },
        { "negative path limit", ["--points", "5", "--max-paths", "-1"], "--max-paths must be a whole number from 0 to" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_exits_2_with_one_line(string name, string[] options, string expected)
    {
        _ = name;
        _cli.WriteText("x1.csv", "1\n2\n");
        _cli.WriteText("x2.csv", "1,2\n");
        var args = new[] { "identifiable", OneOneOne() }.Concat(options.Select(o => o.EndsWith(".csv") ? _cli.PathOf(o) : o)).ToArray();
        Assert.Contains(expected, CliHarness.Run(args).AssertOneErrorLine());
    }

    [Fact]
    public void Activations_that_are_not_positively_homogeneous_are_refused_by_name()
    {
        string model = _cli.WriteModel(TestNetworks.Dense("2-3-1", new SoftplusActivation(), 1));
        string line = CliHarness.Run("identifiable", model, "--points", "10").AssertOneErrorLine();
        Assert.Contains("'softplus'", line);
        Assert.Contains("relu, leaky_relu(α), abs or identity", line);
    }
}

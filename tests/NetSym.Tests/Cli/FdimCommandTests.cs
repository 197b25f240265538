using System.Globalization;
using System.Text.Json;
using NetSym.Cli.Analysis;
using NetSym.Dimension;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Tests.Dimension;

namespace NetSym.Tests.Cli;

public sealed class FdimCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Json_has_the_documented_fields_and_the_rank_the_library_computes_on_the_same_inputs()
    {
        var network = CliHarness.SampleNetwork();
        string path = _cli.WriteModel(network);
        var json = CliHarness.Run("fdim", path, "--points", "40", "--seed", "7", "--json").Json();
        var direct = FunctionalDimension.Compute(network, InputSampler.Gaussian(3).Draw(40, 7), LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Seed = 7 });

        Assert.Equal(direct.Rank, json.GetProperty("rank").GetInt32());
        Assert.Equal(network.ParameterCount - network.HiddenNeuronCount, json.GetProperty("bound").GetInt32());
        Assert.Equal(direct.Deficit, json.GetProperty("deficit").GetInt32());
        Assert.Equal("exact", json.GetProperty("method").GetString());
        Assert.Equal(network.ParameterCount, json.GetProperty("params").GetInt32());
        Assert.Equal(40, json.GetProperty("points").GetInt32());
        Assert.Equal(80, json.GetProperty("rows").GetInt32());
        Assert.Equal([.. direct.Primes], json.GetProperty("primes").EnumerateArray().Select(p => p.GetInt64()));
        Assert.Equal(0, json.GetProperty("points_on_breakpoint").GetInt32());
        Assert.Equal(direct.Certified, json.GetProperty("certified").GetBoolean());
        Assert.Equal(FunctionalDimensionSection.Verdict(direct), json.GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("causes").ValueKind);
        Assert.Contains("FromSeed(7)", json.GetProperty("inputs").GetString());
        Assert.Equal(LinearAlgebraBackends.Default.Description, json.GetProperty("backend").GetString());
        Assert.False(json.TryGetProperty("tolerance", out _));
    }

    [Fact]
    public void Inputs_on_a_breakpoint_are_counted_and_ranked_alike_in_exact_and_float()
    {
        // Issue 10's h_relu_1_1_1_kink, f(x) = relu(x), on X = {0, 1, 2}: x = 0 is on the kink, where
        // relu′(0) = 0 as in PyTorch; the references (exact rational, PyTorch SVD) give rank 3.
        string path = _cli.WriteModel(Network.Sequential(1, [([1.0], [0.0], new ReluActivation()), ([1.0], [0.0], new IdentityActivation())]));
        string csv = _cli.WriteText("x.csv", "0\n1\n2\n");
        foreach (var mode in new[] { "--exact", "--float" })
        {
            var json = CliHarness.Run("fdim", path, "--inputs", csv, mode, "--json").Json();
            Assert.Equal(3, json.GetProperty("rank").GetInt32());
            Assert.Equal(3, json.GetProperty("points").GetInt32());
            Assert.Equal(1, json.GetProperty("points_on_breakpoint").GetInt32());
        }
        var text = CliHarness.Run("fdim", path, "--inputs", csv).Stdout;
        Assert.Contains("On a breakpoint", text);
        Assert.Contains("PyTorch", text);
    }

    [Fact]
    public void Float_reports_its_tolerance_and_the_singular_values_around_the_rank()
    {
        string path = _cli.WriteModel(CliHarness.SampleNetwork());
        var exact = CliHarness.Run("fdim", path, "--json").Json();
        var numeric = CliHarness.Run("fdim", path, "--float", "--json").Json();
        Assert.Equal("float", numeric.GetProperty("method").GetString());
        Assert.Equal(exact.GetProperty("rank").GetInt32(), numeric.GetProperty("rank").GetInt32());
        double tolerance = numeric.GetProperty("tolerance").GetDouble();
        double sigmaMax = numeric.GetProperty("sigma_max").GetDouble();
        int rows = numeric.GetProperty("rows").GetInt32(), parameters = numeric.GetProperty("params").GetInt32();
        Assert.Equal(sigmaMax * Math.Max(rows, parameters) * FloatingPoint.MachineEpsilon, tolerance);
        var gap = numeric.GetProperty("singular_value_gap");
        Assert.True(gap.GetProperty("sigma_r").GetDouble() > tolerance);
        Assert.True(gap.GetProperty("sigma_r1").ValueKind == JsonValueKind.String || gap.GetProperty("sigma_r1").GetDouble() <= tolerance);
        Assert.False(numeric.TryGetProperty("primes", out _));

        var loose = CliHarness.Run("fdim", path, "--tol", "1e300", "--json").Json();
        Assert.Equal("float", loose.GetProperty("method").GetString());
        Assert.Equal(0, loose.GetProperty("rank").GetInt32());
        Assert.Equal(1e300, loose.GetProperty("tolerance").GetDouble());
    }

    [Fact]
    public void Exact_on_a_smooth_network_is_one_error_line_that_suggests_float()
    {
        string path = _cli.WriteModel(RandomNetworks.Create(Architecture.Parse("3-4-1"), new TanhActivation(), Initialization.PyTorch, RandomKey.FromSeed(1)));
        string line = CliHarness.Run("fdim", path, "--exact").AssertOneErrorLine();
        Assert.Contains("tanh", line);
        Assert.Contains("--float", line);
        Assert.Equal(0, CliHarness.Run("fdim", path, "--json").ExitCode); // float by default
    }

    [Theory]
    [InlineData("--points", "0")]
    [InlineData("--primes", "0")]
    [InlineData("--exact", "--float")]
    [InlineData("--tol", "-1")]
    [InlineData("--exact", "--tol", "1e-9")]
    [InlineData("--float", "--primes", "3")]
    [InlineData("--dist", "box")]
    [InlineData("--dist", "cauchy")]
    [InlineData("--max-points", "100")]
    [InlineData("--domain", "0,1", "--dist", "uniform")]
    public void Bad_options_are_one_error_line_and_exit_code_2(params string[] options)
    {
        string path = _cli.WriteModel(CliHarness.SampleNetwork());
        CliHarness.Run(["fdim", path, .. options]).AssertOneErrorLine();
    }

    [Fact]
    public void Inputs_from_a_file_give_the_rank_on_those_rows_and_cannot_be_mixed_with_random_ones()
    {
        var network = CliHarness.SampleNetwork();
        string path = _cli.WriteModel(network);
        var x = InputSampler.Uniform(3).Draw(25, 3);
        string csv = _cli.PathOf("x.csv");
        CsvMatrix.Write(x, csv);
        var json = CliHarness.Run("fdim", path, "--inputs", csv, "--json").Json();
        Assert.Equal(25, json.GetProperty("points").GetInt32());
        Assert.Equal(FunctionalDimension.Compute(network, x, LinearAlgebraBackends.Default).Rank, json.GetProperty("rank").GetInt32());
        Assert.Equal(csv, json.GetProperty("inputs").GetString());
        CliHarness.Run("fdim", path, "--inputs", csv, "--points", "5").AssertOneErrorLine();
        CliHarness.Run("fdim", path, "--inputs", csv, "--dist", "uniform").AssertOneErrorLine();
        CliHarness.Run("fdim", path, "--inputs", _cli.PathOf("missing.csv")).AssertOneErrorLine();
    }

    [Fact]
    public void A_batch_too_small_for_the_bound_is_reported_as_partial()
    {
        string path = _cli.WriteModel(CliHarness.SampleNetwork());
        var json = CliHarness.Run("fdim", path, "--points", "2", "--json").Json();
        Assert.True(json.GetProperty("partial").GetBoolean());
        Assert.Contains("partial", json.GetProperty("verdict").GetString());
        Assert.Contains(json.GetProperty("causes").EnumerateArray(), c => c.GetProperty("kind").GetString() == "batch_too_small");
        Assert.Equal("not computed: the batch has fewer Jacobian rows than the bound, so most of the kernel only reflects missing points", json.GetProperty("kernel_status").GetString());
    }

    [Fact]
    public void A_planted_dead_neuron_is_named_and_its_parameters_are_the_kernel_directions()
    {
        var network = PlantedNetworks.WithBias(PlantedNetworks.Generic(), 0, 0, -100);
        string path = _cli.WriteModel(network);
        var json = CliHarness.Run("fdim", path, "--json").Json();
        Assert.Equal(7, json.GetProperty("deficit").GetInt32());
        var cause = Assert.Single(json.GetProperty("causes").EnumerateArray());
        Assert.Equal("dead_on_batch", cause.GetProperty("kind").GetString());
        Assert.Equal(0, cause.GetProperty("layer").GetInt32());
        Assert.Equal([0], cause.GetProperty("neurons").EnumerateArray().Select(n => n.GetInt32()));
        var directions = json.GetProperty("kernel_directions").EnumerateArray().ToList();
        Assert.Equal(7, directions.Count);
        Assert.All(directions, d => Assert.True(d.GetProperty("exact").GetBoolean()));
        var entries = json.GetProperty("kernel_direction_entries").EnumerateArray().ToList();
        Assert.Equal(7, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.Equal("1", e.GetProperty("value").GetString());
            Assert.Equal(network.DescribeParameter(e.GetProperty("parameter").GetInt32()), e.GetProperty("name").GetString());
        });
        Assert.Equal(7, json.GetProperty("hidden_directions").GetInt32());
    }

    [Fact]
    public void Growth_prints_a_rising_curve_and_the_full_functional_dimension()
    {
        string path = _cli.WriteModel(PlantedNetworks.Generic(16));
        var json = CliHarness.Run("fdim", path, "--grow", "--points", "8", "--patience", "2", "--json").Json();
        var curve = json.GetProperty("growth").EnumerateArray().Select(s => (Points: s.GetProperty("points").GetInt32(), Rank: s.GetProperty("rank").GetInt32())).ToList();
        Assert.Equal(8, curve[0].Points);
        for (int s = 1; s < curve.Count; s++)
        {
            Assert.Equal(2 * curve[s - 1].Points, curve[s].Points);
            Assert.True(curve[s].Rank >= curve[s - 1].Rank);
        }
        Assert.Equal(curve[^1].Rank, json.GetProperty("full_functional_dimension").GetInt32());
        Assert.Equal(curve[^1].Rank, json.GetProperty("rank").GetInt32());
        Assert.Contains(json.GetProperty("growth_stop").GetString(), new[] { "reached_bound", "plateau", "max_points" });
        var text = CliHarness.Run("fdim", path, "--grow", "--points", "8");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Growth curve", text.Stdout);
        Assert.Contains("Full functional dimension", text.Stdout);
    }

    [Fact]
    public void Default_growth_waits_out_a_stall_that_one_doubling_of_patience_stops_at()
    {
        // A float rank on kinks of relu_4_8_6_2 stalls at 92 for one doubling and then reaches the bound, 94:
        // patience 1 stops on the plateau, the default (analyze's) does not.
        string path = NetSym.Tests.IO.Fixtures.Onnx("relu_4_8_6_2.onnx");
        var hasty = CliHarness.Run("fdim", path, "--grow", "--float", "--patience", "1", "--json").Json();
        var patient = CliHarness.Run("fdim", path, "--grow", "--float", "--json").Json();
        Assert.Equal("plateau", hasty.GetProperty("growth_stop").GetString());
        Assert.True(hasty.GetProperty("rank").GetInt32() < hasty.GetProperty("bound").GetInt32());
        Assert.Equal("reached_bound", patient.GetProperty("growth_stop").GetString());
        Assert.Equal(patient.GetProperty("bound").GetInt32(), patient.GetProperty("rank").GetInt32());
    }

    [Fact]
    public void The_human_report_says_how_the_rank_was_obtained()
    {
        string path = _cli.WriteModel(CliHarness.SampleNetwork());
        var result = CliHarness.Run("fdim", path, "--dist", "uniform", "--primes", "2");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Contains("Functional dimension", result.Stdout);
        Assert.Contains("Verdict", result.Stdout);
        Assert.Contains("exact: the largest rank of J mod", result.Stdout); // the start of a note, before the console wraps it
        Assert.Contains("uniform on [-1, 1]^3", result.Stdout);
        Assert.Contains(LinearAlgebraBackends.Default.Description.Split(' ')[0], result.Stdout);
        var box = CliHarness.Run("fdim", path, "--domain", "-2,2", "--json").Json();
        Assert.Contains("box -2,2", box.GetProperty("inputs").GetString());
    }

    [Fact]
    public void Analyze_has_a_functional_dimension_section_that_fdim_grown_the_same_way_confirms()
    {
        string path = _cli.WriteModel(CliHarness.SampleNetwork());
        var section = CliHarness.Run("analyze", path, "--json", "--seed", "2").Json().GetProperty("functional_dimension");
        Assert.Equal("exact", section.GetProperty("method").GetString());
        var network = CliHarness.SampleNetwork();
        int first = FunctionalDimension.SuggestBatchSize(network, 1L << 24);
        Assert.Equal(first, section.GetProperty("growth")[0].GetProperty("points").GetInt32());
        // The same strategy (kinks, the default of both for a ReLU net) and the same patience as analyze's growth.
        var fdim = CliHarness.Run("fdim", path, "--grow", "--points", S(first), "--patience", S(FunctionalDimension.PatientGrowth), "--seed", "2", "--json").Json();
        Assert.Equal(fdim.GetProperty("inputs").GetString(), section.GetProperty("inputs").GetString());
        Assert.Equal(fdim.GetProperty("full_functional_dimension").GetInt32(), section.GetProperty("full_functional_dimension").GetInt32());
        Assert.Equal(fdim.GetProperty("bound").GetInt32(), section.GetProperty("bound").GetInt32());
    }

    // The causes table says in words what the library found as facts: the planted cases of DeficitCauseTests.
    private static readonly Matrix PlantedBatch = TestNetworks.GaussianInputs(60, 3, 11);

    private static string OnlyCause(Network network, Matrix inputs)
    {
        var result = FunctionalDimension.Compute(network, inputs, LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Method = RankMethod.Exact, Seed = 3 });
        return DeficitCauseText.Describe(network, result, Assert.Single(result.Causes));
    }

    [Fact]
    public void A_dead_neuron_is_never_active_on_every_input()
    {
        Assert.Equal("neuron 0 constant on all 60 inputs (relu in a piece of slope 0: never active)",
            OnlyCause(PlantedNetworks.WithBias(PlantedNetworks.Generic(), 0, 0, -100), PlantedBatch));
    }

    [Fact]
    public void An_always_active_neuron_is_affine_on_the_batch()
    {
        Assert.Equal("neuron 2 in one linear piece of relu on all 60 inputs (always active): affine on the batch, so a change of bias is absorbed by the consumers' biases",
            OnlyCause(PlantedNetworks.WithBias(PlantedNetworks.Generic(), 1, 2, 2), PlantedBatch));
    }

    [Fact]
    public void A_small_batch_names_its_rows_and_the_bound()
    {
        var network = PlantedNetworks.Generic();
        var result = FunctionalDimension.Compute(network, TestNetworks.GaussianInputs(5, 3, 11), LinearAlgebraBackends.Default);
        var cause = Assert.Single(result.Causes, c => c.Kind == DeficitCauseKind.BatchTooSmall);
        Assert.Equal("the Jacobian has 10 rows (points × outputs), fewer than the bound 45: the rank cannot reach it",
            DeficitCauseText.Describe(network, result, cause));
    }

    [Fact]
    public void A_silent_weight_names_the_two_neurons_never_on_together()
    {
        var network = ModelFiles.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx", "relu_4_8_6_2.onnx"), null);
        Assert.Equal("weight [3,0] (from layer 0 neuron 0): on all 3000 inputs either layer 0 neuron 0 outputs 0 or neuron 3 does not reach the output — they are never on together, so the weight does not matter",
            OnlyCause(network, InputSampler.Gaussian(4).Draw(3000, 5)));
    }
}

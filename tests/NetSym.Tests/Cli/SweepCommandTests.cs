using NetSym.Cli.Plots;
using NetSym.Sweep;
using NetSym.LinearAlgebra;
using SkiaSharp;

namespace NetSym.Tests.Cli;

public sealed class SweepCommandTests : IDisposable
{
    private static string[] Grid(int trials = 3, int seed = 5) =>
        ["sweep", "--input-dims", "1,2", "--widths", "2,3", "--depths", "1..2", "--trials", $"{trials}", "--points", "3x", "--seed", $"{seed}"];

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static CliResult Sweep(params string[] extra) => CliHarness.Run([.. Grid(), .. extra]);

    /// <summary>The data lines without the time column, sorted: what two runs of one plan must share.</summary>
    private static List<string> Outcomes(string path) =>
        [.. File.ReadAllLines(path).Skip(3).Select(l => l[..l.LastIndexOf(',')]).Order(StringComparer.Ordinal)];

    [Fact]
    public void Two_runs_with_one_seed_write_the_same_results_and_another_seed_other_ones()
    {
        string a = _cli.PathOf("a.csv"), b = _cli.PathOf("b.csv"), c = _cli.PathOf("c.csv");
        Assert.Equal(0, Sweep("-o", a).ExitCode);
        Assert.Equal(0, Sweep("-o", b, "--jobs", "2").ExitCode);
        Assert.Equal(0, CliHarness.Run([.. Grid(seed: 6), "-o", c]).ExitCode);
        Assert.Equal(24, Outcomes(a).Count);
        Assert.Equal(Outcomes(a), Outcomes(b));
        Assert.NotEqual(Outcomes(a), Outcomes(c));
        Assert.Equal(File.ReadLines(a).Take(3), File.ReadLines(b).Take(3));
    }

    [Fact]
    public void A_killed_run_resumed_equals_an_uninterrupted_one()
    {
        string full = _cli.PathOf("full.csv"), killed = _cli.PathOf("killed.csv");
        Assert.Equal(0, Sweep("-o", full).ExitCode);
        Assert.Equal(0, Sweep("-o", killed).ExitCode);
        // Keep the header and 10 whole lines, as a kill between two appends leaves it.
        File.WriteAllLines(killed, File.ReadAllLines(killed).Take(13));
        var result = Sweep("-o", killed, "--resume", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        Assert.Equal(10, json.GetProperty("trials_resumed").GetInt32());
        Assert.Equal(14, json.GetProperty("trials_run").GetInt32());
        Assert.Equal(Outcomes(full), Outcomes(killed));
        // Resuming a complete file runs nothing and changes nothing.
        byte[] before = File.ReadAllBytes(killed);
        Assert.Equal(0, Sweep("-o", killed, "--resume", "--json").Json().GetProperty("trials_run").GetInt32());
        Assert.Equal(before, File.ReadAllBytes(killed));
    }

    [Fact]
    public void A_cut_last_line_is_dropped_on_resume_and_its_trial_run_again_but_merge_reports_it()
    {
        string full = _cli.PathOf("full.csv"), path = _cli.PathOf("r.csv");
        Assert.Equal(0, Sweep("-o", full).ExitCode);
        Assert.Equal(0, Sweep("-o", path).ExitCode);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 5)]);

        string line = CliHarness.Run("sweep", "merge", _cli.PathOf("m.csv"), path).AssertOneErrorLine();
        Assert.Contains($"{path}: line 27", line);
        Assert.Contains("cut short", line);

        var json = Sweep("-o", path, "--resume", "--json").Json();
        Assert.Equal(27, json.GetProperty("line_dropped").GetInt32());
        Assert.Equal(23, json.GetProperty("trials_resumed").GetInt32());
        Assert.Equal(1, json.GetProperty("trials_run").GetInt32());
        Assert.Equal(Outcomes(full), Outcomes(path));
        Assert.Equal(0, Sweep("-o", path, "--resume", "--json").Json().GetProperty("line_dropped").GetInt32());
    }

    [Fact]
    public void A_corrupted_line_or_another_plan_is_refused_on_resume()
    {
        string path = _cli.PathOf("r.csv");
        Assert.Equal(0, Sweep("-o", path).ExitCode);
        var lines = File.ReadAllLines(path);
        lines[9] = lines[9].Replace(",exact,", ",exakt,");
        File.WriteAllLines(path, lines);
        string error = Sweep("-o", path, "--resume").AssertOneErrorLine();
        Assert.Contains($"{path}: line 10: method 'exakt'", error);

        string other = _cli.PathOf("other.csv");
        Assert.Equal(0, Sweep("-o", other).ExitCode);
        byte[] before = File.ReadAllBytes(other);
        error = CliHarness.Run([.. Grid(trials: 4), "-o", other, "--resume"]).AssertOneErrorLine();
        Assert.Contains($"{other}: line 2: the file holds another plan's results (trials: 3 in the file, 4 now)", error);
        Assert.Equal(before, File.ReadAllBytes(other));
    }

    [Fact]
    public void The_file_and_the_report_record_the_input_strategy_and_the_points()
    {
        string path = _cli.PathOf("k.csv");
        var json = Sweep("--dist", "kinks", "-o", path, "--json").Json();
        Assert.Equal("kinks", json.GetProperty("dist").GetString());
        Assert.Equal("3x", json.GetProperty("points").GetString());
        Assert.Contains(";points=3x;dist=kinks;", File.ReadLines(path).ElementAt(1));
        // Every trial's batch is 3 × its bound, as the plan says (no point lies exactly on a kink here).
        foreach (var fields in File.ReadLines(path).Skip(3).Select(l => l.Split(',')))
            Assert.Equal((int)Math.Ceiling(3.0 * int.Parse(fields[7])), int.Parse(fields[8]) + int.Parse(fields[12]));
        // A Gaussian batch or another size is another plan: resuming the kink file with either is refused, naming the field.
        byte[] before = File.ReadAllBytes(path);
        Assert.Contains("(dist: kinks in the file, gaussian now)", Sweep("--dist", "gaussian", "-o", path, "--resume").AssertOneErrorLine());
        Assert.Contains("(points: 3x in the file, 4x now)",
            CliHarness.Run([.. Grid().Select(a => a == "3x" ? "4x" : a), "--dist", "kinks", "-o", path, "--resume"]).AssertOneErrorLine());
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Kinks_are_the_default_for_piecewise_linear_activations_and_gaussian_for_smooth_ones()
    {
        Assert.Equal("kinks", Sweep("--json").Json().GetProperty("dist").GetString());
        Assert.Equal("kinks", Sweep("--activation", "leaky_relu", "--json").Json().GetProperty("dist").GetString());
        Assert.Equal("gaussian", Sweep("--activation", "tanh", "--json").Json().GetProperty("dist").GetString());
    }

    [Theory]
    [InlineData("2/2")]
    [InlineData("1")]
    [InlineData("x/3")]
    [InlineData("-1/3")]
    public void A_malformed_shard_is_a_usage_error(string shard)
    {
        string line = Sweep("--shard", shard).AssertOneErrorLine();
        Assert.Contains("shard", line);
    }

    [Fact]
    public void Bad_input_gives_one_line_and_exit_2()
    {
        string path = _cli.WriteText("exists.csv", "keep me");
        Assert.Contains("--resume", Sweep("-o", path).AssertOneErrorLine());
        Assert.Equal("keep me", File.ReadAllText(path));
        Assert.Contains("-o FILE", Sweep("--resume").AssertOneErrorLine());
        Assert.Contains("--float", Sweep("--activation", "tanh", "--exact").AssertOneErrorLine());
        Assert.Contains("exclude", Sweep("--exact", "--float").AssertOneErrorLine());
        Assert.Contains("--depths", CliHarness.Run("sweep", "--depths", "3..1").AssertOneErrorLine());
        Assert.Contains("points", Sweep("--points", "0").AssertOneErrorLine());
        Assert.Contains("--trials must be a whole number from 1 to", CliHarness.Run("sweep", "--trials", "0").AssertOneErrorLine());
        Assert.Contains("--jobs", Sweep("--jobs", "0").AssertOneErrorLine());
        Assert.EndsWith("missing.csv: no such file", CliHarness.Run("sweep", "merge", _cli.PathOf("out.csv"), _cli.PathOf("missing.csv")).AssertOneErrorLine());
    }

    [Fact]
    public void Shards_merged_equal_the_whole_run_and_merge_refuses_conflicts()
    {
        string whole = _cli.PathOf("whole.csv"), merged = _cli.PathOf("merged.csv");
        Assert.Equal(0, Sweep("-o", whole).ExitCode);
        var shards = Enumerable.Range(0, 3).Select(i => _cli.PathOf($"s{i}.csv")).ToArray();
        for (int i = 0; i < 3; i++) Assert.Equal(0, Sweep("--shard", $"{i}/3", "-o", shards[i]).ExitCode);
        var result = CliHarness.Run(["sweep", "merge", merged, .. shards, "--json"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, result.Json().GetProperty("trials_missing").GetInt32());
        Assert.Equal(Outcomes(whole), Outcomes(merged));
        Assert.Equal(File.ReadLines(whole).Take(3), File.ReadLines(merged).Take(3));

        // The same trial with another rank in a second file is a conflict that names both files.
        var lines = File.ReadAllLines(shards[1]);
        var fields = lines[3].Split(',');
        fields[9] = (int.Parse(fields[9]) - 1).ToString();
        fields[10] = "false";
        string forged = _cli.WriteText("forged.csv", string.Join('\n', lines[..3].Append(string.Join(',', fields))) + "\n");
        string error = CliHarness.Run("sweep", "merge", _cli.PathOf("m2.csv"), shards[1], forged).AssertOneErrorLine();
        Assert.Contains($"{forged}: line 4", error);
        Assert.Contains($"{shards[1]} line 4", error);
        Assert.DoesNotContain("m2.csv", string.Join(' ', _cli.Files()));

        string otherPlan = _cli.PathOf("other.csv");
        Assert.Equal(0, CliHarness.Run([.. Grid(trials: 1), "--init", "gaussian", "-o", otherPlan]).ExitCode);
        Assert.Contains("another plan", CliHarness.Run("sweep", "merge", _cli.PathOf("m3.csv"), whole, otherPlan).AssertOneErrorLine());
    }

    [Fact]
    public void Merge_refuses_an_existing_out_unless_forced_and_never_writes_over_an_input()
    {
        var shards = Enumerable.Range(0, 2).Select(i => _cli.PathOf($"s{i}.csv")).ToArray();
        for (int i = 0; i < 2; i++) Assert.Equal(0, Sweep("--shard", $"{i}/2", "-o", shards[i]).ExitCode);
        byte[] shard0 = File.ReadAllBytes(shards[0]);

        // OUT forgotten: the first shard is taken as OUT and must survive.
        string error = CliHarness.Run("sweep", "merge", shards[0], shards[1]).AssertOneErrorLine();
        Assert.Contains($"{shards[0]}: exists already", error);
        Assert.Contains("--force", error);
        Assert.Equal(shard0, File.ReadAllBytes(shards[0]));

        foreach (string[] args in new[]
        {
            new[] { "sweep", "merge", shards[0], shards[0], shards[1], "--force" },
            ["sweep", "merge", shards[0], shards[1], Path.Combine(_cli.Directory, ".", "s0.csv"), "--force"],
        })
        {
            Assert.Contains("OUT is also an input", CliHarness.Run(args).AssertOneErrorLine());
            Assert.Equal(shard0, File.ReadAllBytes(shards[0]));
        }

        string merged = _cli.WriteText("merged.csv", "an older merge");
        Assert.Contains("exists already", CliHarness.Run(["sweep", "merge", merged, .. shards]).AssertOneErrorLine());
        Assert.Equal("an older merge", File.ReadAllText(merged));
        Assert.Equal(0, CliHarness.Run(["sweep", "merge", merged, .. shards, "--force"]).ExitCode);
        Assert.Equal(24, Outcomes(merged).Count);
        Assert.Equal(["merged.csv", "s0.csv", "s1.csv"], _cli.Files());
    }

    [Fact]
    public void The_json_summary_gives_each_configuration_with_its_wilson_interval()
    {
        var json = Sweep("--json").Json();
        var configurations = json.GetProperty("configurations").EnumerateArray().ToList();
        Assert.Equal(8, configurations.Count);
        int total = 0;
        foreach (var c in configurations)
        {
            int trials = c.GetProperty("trials").GetInt32(), full = c.GetProperty("full").GetInt32();
            total += trials;
            Assert.Equal(3, trials);
            Assert.Equal((double)full / trials, c.GetProperty("fraction").GetDouble());
            var w = WilsonInterval.Of(full, trials);
            Assert.Equal(w.Low, c.GetProperty("wilson_low").GetDouble());
            Assert.Equal(w.High, c.GetProperty("wilson_high").GetDouble());
        }
        Assert.Equal(24, total);
        Assert.Equal(2, json.GetProperty("by_depth").GetArrayLength());
        Assert.Equal("exact", json.GetProperty("rank_method").GetString());
        Assert.Equal(24, json.GetProperty("trials_run").GetInt32());
        Assert.True(json.GetProperty("networks_per_second").GetDouble() > 0);
    }

    [Fact]
    public void Piped_output_is_the_report_alone()
    {
        var result = Sweep();
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("── Sweep ─", result.Stdout);
        Assert.DoesNotContain('\r', result.Stdout);
        Assert.DoesNotContain("\u001b[", result.Stdout);
        Assert.Contains("By configuration", result.Stdout);
    }

    [Fact]
    public void Plots_are_written_per_varied_factor_at_their_size()
    {
        string plot = _cli.PathOf("fig.png");
        var json = Sweep("--plot", plot, "--json").Json();
        string[] expected = ["fig-input-dim.png", "fig-width.png", "fig-depth.png"];
        Assert.Equal(string.Join(", ", expected.Select(_cli.PathOf)), json.GetProperty("plots").GetString());
        foreach (string name in expected)
        {
            using var bitmap = SKBitmap.Decode(_cli.PathOf(name));
            Assert.Equal(SweepPlot.Width, bitmap.Width);
            Assert.Equal(SweepPlot.Height, bitmap.Height);
        }
    }

    [Theory]
    [InlineData("hebias", "2x", "kinks", "2 × bound points per network")]
    [InlineData("pytorch", "2x", "gaussian", "2 × bound points per network")]
    [InlineData("hebias", "500", "uniform", "500 points per network")]
    [InlineData("pytorch", "64", "kinks", "64 points per network")]
    public void The_plot_title_states_the_batch_and_init_of_its_plan(string init, string points, string dist, string batch)
    {
        var plan = new SweepPlan([5], [5], [4, 5, 6], 10, new NetSym.Networks.ReluActivation(),
            Enum.Parse<NetSym.Networks.Initialization>(init, ignoreCase: true), SweepBatchSize.Parse(points),
            Enum.Parse<SweepInputDistribution>(dist, ignoreCase: true), null, 1);
        string title = SweepPlot.Title(plan, SweepFactor.Depth);
        Assert.Contains(batch, title);
        Assert.Contains($"{dist} inputs", title);
        Assert.Contains($"{init} init", title);
        Assert.Contains("10 networks per configuration", title);
        Assert.StartsWith("Networks with full functional dimension, by depth", title);
        // Each of the three is read from the plan: changing one alone changes the title.
        Assert.NotEqual(title, SweepPlot.Title(With(plan, points: SweepBatchSize.Parse(points == "64" ? "65" : "64")), SweepFactor.Depth));
        Assert.NotEqual(title, SweepPlot.Title(With(plan, distribution: dist == "kinks" ? SweepInputDistribution.Gaussian : SweepInputDistribution.Kinks), SweepFactor.Depth));
        Assert.NotEqual(title, SweepPlot.Title(With(plan, initialization: plan.Initialization == NetSym.Networks.Initialization.HeBias
            ? NetSym.Networks.Initialization.PyTorch : NetSym.Networks.Initialization.HeBias), SweepFactor.Depth));
    }

    private static SweepPlan With(SweepPlan plan, SweepBatchSize? points = null, SweepInputDistribution? distribution = null,
        NetSym.Networks.Initialization? initialization = null) =>
        new(plan.InputDimensions, plan.Widths, plan.Depths, plan.TrialsPerConfiguration, plan.Activation,
            initialization ?? plan.Initialization, points ?? plan.Points, distribution ?? plan.Distribution, plan.Method, plan.Seed);

    [Fact]
    public void The_plots_carry_text()
    {
        // Without fonts ScottPlot silently draws no text. Drawing the title and the x label in the background colour
        // keeps the layout, so the two images differ there only if glyphs were drawn.
        var plan = new SweepPlan([2], [3], [1, 2], 3, new NetSym.Networks.ReluActivation(), NetSym.Networks.Initialization.PyTorch,
            SweepBatchSize.Parse("2x"), SweepInputDistribution.Gaussian, null, 1);
        var results = new List<SweepResult>();
        SweepRunner.Run(plan, plan.Trials(), results.Add, LinearAlgebraBackends.Default);
        using var plot = SweepPlot.Create(SweepSummary.Of(plan, results), SweepFactor.Depth);
        using var labelled = SKBitmap.Decode(SweepPlot.Png(plot));
        plot.Axes.Title.Label.ForeColor = ScottPlot.Colors.White;
        plot.Axes.Bottom.Label.ForeColor = ScottPlot.Colors.White;
        using var blank = SKBitmap.Decode(SweepPlot.Png(plot));
        int Differing(int top, int bottom)
        {
            int count = 0;
            for (int y = top; y < bottom; y++)
                for (int x = 0; x < SweepPlot.Width; x++)
                    if (labelled.GetPixel(x, y) != blank.GetPixel(x, y)) count++;
            return count;
        }
        Assert.True(Differing(0, 50) > 500, "no title drawn: are fonts (fonts-dejavu-core) installed?");
        Assert.True(Differing(SweepPlot.Height - 30, SweepPlot.Height) > 200, "no x-axis label drawn");
        Assert.Equal(0, Differing(60, SweepPlot.Height - 60));
    }
}

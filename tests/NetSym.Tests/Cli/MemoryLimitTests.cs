using System.Globalization;
using System.Text.RegularExpressions;
using NetSym.Cli;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Cli;

/// <summary>
/// Every command that can need much memory estimates its peak before it starts and refuses, with
/// the estimate and a way out, what exceeds the machine's memory or --max-memory; the estimates are
/// checked against peaks measured by GNU time.
/// </summary>
public sealed partial class MemoryLimitTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    // P = 100,201 parameters and one output: 100 points make a 76 MiB Jacobian, which dominates the
    // runtime's ~50 MiB, yet the run takes about a second.
    private string WideModel() => _cli.WriteModel(
        RandomNetworks.Create(Architecture.Parse("1000-100-1"), new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(1)), "wide.json");

    [Theory]
    [InlineData("fdim", "--points", "100")]
    [InlineData("fdim", "--points", "100", "--float")]
    [InlineData("identifiable", "--points", "100")]
    public void Model_estimates_are_within_twice_the_measured_peak(string command, params string[] options)
    {
        string model = WideModel();
        AssertWithinTwice([command, model, .. options]);
    }

    [Fact]
    public void The_random_estimate_is_within_twice_the_measured_peak() =>
        AssertWithinTwice(["random", "1000-1000-1", "-o", "m.json"]);

    [Fact]
    public void A_tiny_max_memory_refuses_a_normal_run_with_the_estimate_and_a_way_out()
    {
        string model = WideModel();
        string fdim = CliHarness.Run("fdim", model, "--points", "100", "--max-memory", "100M").AssertOneErrorLine();
        Assert.Contains("Jacobian 100 × 100201", fdim);
        Assert.Contains("more than the 100 MiB of --max-memory", fdim);
        Assert.Contains("fewer --points", fdim);
        Assert.Contains("fewer --points", CliHarness.Run("identifiable", model, "--points", "100", "--max-memory", "100M").AssertOneErrorLine());
        Assert.Contains("smaller --max-points", CliHarness.Run("fdim", model, "--grow", "--max-memory", "100M").AssertOneErrorLine());
        Assert.Contains("the exact rank", CliHarness.Run("fdim", model, "--points", "100", "--float", "--max-memory", "100M").AssertOneErrorLine());
        Assert.Contains("smaller --random N", CliHarness.Run("eval", model, "--random", "1000", "--max-memory", "1M").AssertOneErrorLine());
        Assert.Contains("smaller --count", CliHarness.Run("orbit", model, "--count", "200", "--max-memory", "100M").AssertOneErrorLine());
        string results = _cli.PathOf("sweep.csv");
        Assert.Contains("fewer --jobs", CliHarness.Run("sweep", "--input-dims", "2", "--widths", "3", "--depths", "1", "-o", results, "--max-memory", "1M").AssertOneErrorLine());
        Assert.False(File.Exists(results));
        string output = _cli.PathOf("m.json");
        Assert.Contains("smaller architecture", CliHarness.Run("random", "1000-1000-1", "-o", output, "--max-memory", "1M").AssertOneErrorLine());
        Assert.False(File.Exists(output));
    }

    // Φ of 200-300-300-1 has 18 million entries (138 MiB), listed in no table: about 2 s.
    [Fact]
    public void The_embed_estimate_is_within_twice_the_measured_peak()
    {
        string model = _cli.WriteModel(
            RandomNetworks.Create(Architecture.Parse("200-300-300-1"), new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(1)), "deep.json");
        AssertWithinTwice(["embed", model, "--max-paths", "20000000"]);
    }

    // Two layers of 1000 neurons: 1000 × 1000 assignment matrices and a million parameters, about 3 s.
    [Fact]
    public void The_align_estimate_is_within_twice_the_measured_peak()
    {
        var architecture = Architecture.Parse("1000-1000-1");
        string a = _cli.WriteModel(RandomNetworks.Create(architecture, new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(1)), "a.json");
        string b = _cli.WriteModel(RandomNetworks.Create(architecture, new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(2)), "b.json");
        AssertWithinTwice(["align", a, b]);
    }

    [Theory]
    [InlineData("analyze", "more memory")]
    [InlineData("embed", "--no-phi")]
    [InlineData("canon", "more memory")]
    [InlineData("reduce", "more memory")]
    [InlineData("info", "more memory")]
    [InlineData("convert", "more memory")]
    [InlineData("equiv", "more memory")]
    [InlineData("align", "more memory")]
    public void Model_commands_refuse_a_tiny_max_memory_in_one_line_and_write_nothing(string command, string wayOut)
    {
        string model = WideModel();
        string output = _cli.PathOf("out.json");
        string[] args = command switch
        {
            "equiv" or "align" => [command, model, model],
            "convert" => [command, model, output],
            _ => [command, model],
        };
        if (command is "canon" or "reduce" or "align") args = [.. args, "-o", output];
        var run = CliHarness.Run([.. args, "--max-memory", "1M"]);
        Assert.Equal(2, run.ExitCode);
        string line = run.AssertOneErrorLine();
        Assert.Contains("more than the 1 MiB of --max-memory", line);
        Assert.Contains(wayOut, line);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Count_digits_refuses_a_tiny_max_memory_and_runs_without_digits()
    {
        Assert.Contains("leave out --digits", CliHarness.Run("count", "1-1000000-1", "--digits", "--max-memory", "1M").AssertOneErrorLine());
        Assert.Equal(0, CliHarness.Run("count", "1-1000000-1", "--max-memory", "100M").ExitCode);
    }

    [Fact]
    public void A_run_that_fits_max_memory_runs()
    {
        Assert.Equal(0, CliHarness.Run("fdim", WideModel(), "--points", "100", "--max-memory", "1G").ExitCode);
        Assert.Equal(0, CliHarness.Run("random", "10-10-1", "--max-memory", "512M").ExitCode);
    }

    [Fact]
    public void A_request_beyond_any_machine_is_refused_before_it_starts_without_max_memory()
    {
        // 60 layers of 46000 × 46000: each fits one array, together 10^11 parameters (about 4 TiB as JSON).
        string architecture = string.Join('-', Enumerable.Repeat("46000", 60)) + "-1";
        string output = _cli.PathOf("m.json");
        string line = CliHarness.Run("random", architecture, "-o", output).AssertOneErrorLine();
        Assert.Matches("needs about [0-9.]+ TiB of memory", line);
        Assert.Contains("give --max-memory SIZE", line);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1G")]
    [InlineData("0")]
    [InlineData("8X")]
    public void Max_memory_must_be_a_size(string value) =>
        Assert.Contains("--max-memory must be a size", CliHarness.Run("random", "2-2-1", "--max-memory", value).AssertOneErrorLine());

    [Theory]
    [InlineData("8G", 8L << 30)]
    [InlineData("512M", 512L << 20)]
    [InlineData("1.5G", 3L << 29)]
    [InlineData("64KiB", 64L << 10)]
    [InlineData("2TB", 2L << 40)]
    [InlineData("1000000", 1000000L)]
    public void Sizes_are_read_with_binary_suffixes(string text, long bytes) => Assert.Equal(bytes, MemorySize.TryParse(text));

    [Fact]
    public void The_machine_has_a_memory_limit() => Assert.InRange(MachineMemory.Available().Bytes, 64L << 20, long.MaxValue);

    /// <summary>Asks the CLI for its estimate (a 1-byte --max-memory refuses with it), then runs for real and measures the peak.</summary>
    private void AssertWithinTwice(string[] args)
    {
        string line = CliProcess.Run(_cli.Directory, TimeSpan.FromMinutes(1), [.. args, "--max-memory", "1"]).AssertOneErrorLine();
        var match = EstimatePattern().Match(line);
        Assert.True(match.Success, line);
        double estimate = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            * Math.Pow(1024, Array.IndexOf(["bytes", "KiB", "MiB", "GiB", "TiB"], match.Groups[2].Value));
        var run = CliProcess.RunMeasuringPeak(_cli.Directory, TimeSpan.FromMinutes(2), args);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        double ratio = run.PeakBytes!.Value / estimate;
        Assert.True(ratio is >= 0.5 and <= 2, $"{string.Join(' ', args)}: estimate {estimate / (1 << 20):F0} MiB, measured {run.PeakBytes / (1 << 20)} MiB");
    }

    [GeneratedRegex(@"needs about ([0-9.]+) (bytes|KiB|MiB|GiB|TiB)")]
    private static partial Regex EstimatePattern();
}

using NetSym.Cli;
using NetSym.IO;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Tests.Extraction;
using NetSym.Tests.IO;

namespace NetSym.Tests.Cli;

/// <summary>
/// <c>netsym extract</c> on bad input: an oracle that cannot be loaded or that breaks (exit 2, one line,
/// nothing on stdout), and extractions that stop short (exit 3, a partial report, one line); never an
/// output file.
/// </summary>
public sealed class ExtractBadInputTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Output => _cli.PathOf("out.json");

    private string Float64Oracle(Network network, string name = "oracle.onnx")
    {
        string path = _cli.PathOf(name);
        File.WriteAllBytes(path, OnnxRewrite.Float64(network));
        return path;
    }

    /// <summary>Exit 2, one error line containing every part of <paramref name="expected"/>, and no output file.</summary>
    private string AssertRefused(CliResult run, params string[] expected)
    {
        string line = run.AssertOneErrorLine();
        foreach (string part in expected) Assert.Contains(part, line);
        Assert.False(File.Exists(Output));
        Assert.DoesNotContain(_cli.Files(), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        return line;
    }

    /// <summary>Exit 3, a partial JSON report on stdout saying where it stopped, one error line, and no output file.</summary>
    private System.Text.Json.JsonElement AssertStopped(CliResult run, string reason)
    {
        Assert.Equal(ExitCodes.Stopped, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("netsym: error: extraction stopped at ", line);
        Assert.Contains(reason, line);
        Assert.EndsWith($"{Output} not written", line);
        var extraction = run.Json().GetProperty("extraction");
        Assert.Equal("stopped", extraction.GetProperty("status").GetString());
        Assert.Contains(reason, extraction.GetProperty("failure").GetProperty("reason").GetString());
        Assert.False(File.Exists(Output));
        return extraction;
    }

    private CliResult Extract(params string[] args) => CliHarness.Run(["extract", "-o", Output, "--verify-points", "500", .. args]);

    [Fact]
    public void AMissingOnnxOracleIsNamed() =>
        AssertRefused(Extract("--oracle", _cli.PathOf("none.onnx")), "none.onnx: no such file");

    [Fact]
    public void AMalformedOnnxOracleIsNamed() =>
        AssertRefused(Extract("--oracle", _cli.WriteText("garbage.onnx", "not a model")), "garbage.onnx: ONNX Runtime cannot load the model");

    [Fact]
    public void ADirectoryIsNotAnOracle()
    {
        Directory.CreateDirectory(_cli.PathOf("dir.onnx"));
        AssertRefused(Extract("--oracle", _cli.PathOf("dir.onnx")), "dir.onnx: is a directory");
    }

    public static TheoryData<string, string> BrokenProcesses() => new()
    {
        // Crashes at once, before its first line.
        { "echo 'no model here' >&2; exit 3", "exited with code 3" },
        // Answers the sizes, then crashes on the first request.
        { "echo '{\"inputs\": 2, \"outputs\": 1}'; read line; exit 5", "exited with code 5" },
        { "echo '{\"inputs\": 2, \"outputs\": 1}'; read line; echo 'not json'", "wrote 'not json', which is not JSON" },
        // The extraction's first query has 4 rows: one row is the wrong shape, rows of 2 the wrong dimension.
        { "echo '{\"inputs\": 2, \"outputs\": 1}'; read line; echo '{\"y\": [[1]]}'", "answered 1 rows for 4 inputs" },
        { "echo '{\"inputs\": 2, \"outputs\": 1}'; read line; echo '{\"y\": [[1, 2], [1, 2], [1, 2], [1, 2]]}'", "answer row 0 is '[1, 2]', not an array of 1 numbers" },
        { "echo '{\"inputs\": 2, \"outputs\": 1}'; read line; echo '{\"y\": [[NaN], [1], [1], [1]]}'", "answered NaN at row 0, output 0" },
    };

    [Theory]
    [MemberData(nameof(BrokenProcesses))]
    public void ABrokenProcessOracleIsOneLineAndExitTwo(string command, string problem)
    {
        string line = AssertRefused(Extract("--oracle-cmd", command, "--timeout", "10"), $"oracle '{command}': ", problem);
        // A failure after the start says when it came.
        if (command.Contains("read line", StringComparison.Ordinal)) Assert.Contains("(during scale, after 4 queries; ", line);
    }

    // The timeout covers the header too: 3 s, not 1, so that a process started on a loaded machine (the
    // suite runs in parallel) still writes its header in time and it is the answer that times out.
    [Fact]
    public void AHangingProcessIsStoppedByTheTimeout() =>
        AssertRefused(Extract("--oracle-cmd", "echo '{\"inputs\": 2, \"outputs\": 1}'; read line; sleep 30", "--timeout", "3"),
            "did not write an answer within 3 s", "during scale");

    [Fact]
    public void ABudgetTooSmallStopsWithAPartialReport()
    {
        string oracle = Float64Oracle(ShallowTruth.Create(4, 6, 1, 1));
        var extraction = AssertStopped(Extract("--oracle", oracle, "--max-queries", "300", "--json"), "query budget exhausted");
        Assert.True(extraction.GetProperty("queries").GetInt64() <= 300);
        Assert.Equal(300, extraction.GetProperty("budget").GetInt64());
        Assert.Equal(1, extraction.GetProperty("failure").GetProperty("layer").GetInt32());
        Assert.Contains("none", extraction.GetProperty("partial_network").GetString());
    }

    /// <summary>
    /// A budget that lasts through the first hidden layer of a two-layer network, and its depth test, but not
    /// the second: the report names the layer recovered (as many units as the truth's), and --partial
    /// writes it: each of its outputs is a first-layer pre-activation of the truth up to a nonzero factor
    /// (the layer's orientations are solved only with the next layer). A complete run writes no partial file.
    /// </summary>
    [Fact]
    public void AStopAfterTheFirstLayerReportsAndWritesTheLayerRecovered()
    {
        var truth = NetSym.Tests.Extraction.DeepTruth.Create("6-8-6-1", 2);
        string oracle = Float64Oracle(truth), partial = _cli.PathOf("partial.json");
        var ledger = Extract("--oracle", oracle, "--json", "--partial", partial).Json().GetProperty("extraction").GetProperty("ledger").EnumerateArray().ToList();
        Assert.False(File.Exists(partial));
        long firstLayer = ledger.TakeWhile(e => e.GetProperty("layer").ValueKind == System.Text.Json.JsonValueKind.Null || e.GetProperty("layer").GetInt32() == 1)
            .Sum(e => e.GetProperty("queries").GetInt64());
        File.Delete(Output);
        var extraction = AssertStopped(Extract("--oracle", oracle, "--json", "--max-queries", $"{firstLayer + 50}", "--partial", partial), "query budget exhausted");
        Assert.Equal(2, extraction.GetProperty("failure").GetProperty("layer").GetInt32());
        Assert.Equal($"hidden layers 6-8 (input, then each layer's pre-activations) recovered before the stop, no output layer yet (written to {partial})",
            extraction.GetProperty("partial_network").GetString());

        var found = ModelFiles.Read(partial).Layers.Single();
        var first = truth.Layers[0];
        Assert.Equal((6, 8), (found.InputSize, found.OutputSize));
        for (int r = 0; r < 8; r++)
        {
            double[] row = [.. found.Weights.Slice(r * 6, 6).ToArray(), found.Bias[r]];
            Assert.Contains(Enumerable.Range(0, 8), t =>
            {
                double[] unit = [.. first.Weights.Slice(t * 6, 6).ToArray(), first.Bias[t]];
                double dot = row.Zip(unit, (a, b) => a * b).Sum();
                return 1 - Math.Abs(dot) / Math.Sqrt(row.Sum(v => v * v) * unit.Sum(v => v * v)) < 1e-12;
            });
        }
    }

    [Fact]
    public void APartialFileThatIsTheOutputIsRefused() =>
        AssertRefused(Extract("--oracle", _cli.PathOf("none.onnx"), "--partial", Output), "give --partial a file other than -o OUT");

    /// <summary>An empty --partial is a missing name, said so, not .NET's complaint about an empty path.</summary>
    [Fact]
    public void AnEmptyPartialFileNameIsRefused() =>
        AssertRefused(Extract("--oracle", _cli.PathOf("none.onnx"), "--partial", ""), "give --partial a file name");

    [Fact]
    public void ASmoothOracleIsNotPiecewiseLinear()
    {
        var tanh = RandomNetworks.Create(Architecture.Parse("3-5-1"), new TanhActivation(), Initialization.HeBias, RandomKey.FromSeed(3));
        var extraction = AssertStopped(Extract("--oracle", Float64Oracle(tanh), "--json"), "not piecewise linear");
        Assert.Equal("sweep", extraction.GetProperty("failure").GetProperty("stage").GetString());
    }

    [Fact]
    public void AFloat32OracleStopsNamingFloat32()
    {
        string oracle = _cli.PathOf("f32.onnx");
        ModelFiles.Write(ShallowTruth.Create(4, 5, 1, 2), oracle);
        AssertStopped(Extract("--oracle", oracle, "--json"), "float32");
    }

    [Fact]
    public void ATruthOfAnotherShapeIsRefusedBeforeAnyQuery()
    {
        string oracle = Float64Oracle(ShallowTruth.Create(4, 5, 1, 3));
        string truth = _cli.WriteModel(ShallowTruth.Create(3, 5, 1, 3), "truth.json");
        AssertRefused(Extract("--oracle", oracle, "--truth", truth), "truth.json: the truth maps 3 inputs to 1 outputs, but the oracle maps 4 to 1");
    }

    public static TheoryData<string[], string> BadOptions() => new()
    {
        { ["--oracle", "m.onnx", "--oracle-cmd", "cat"], "give exactly one of --oracle MODEL.onnx and --oracle-cmd" },
        { ["--max-queries", "0", "--oracle", "m.onnx"], "--max-queries must be a whole number from 1 to" },
        { ["--max-queries", "2e9", "--oracle", "m.onnx"], "--max-queries must be a whole number" },
        { ["--noise", "-1", "--oracle", "m.onnx"], "--noise must be a finite number ≥ 0, got '-1'" },
        { ["--verify-points", "0", "--oracle", "m.onnx"], "--verify-points must be a whole number from 1 to 10000000" },
        { ["--timeout", "0", "--oracle-cmd", "cat"], "--timeout must be a whole number from 1 to 86400" },
        { ["--timeout", "5", "--oracle", "m.onnx"], "--timeout limits an --oracle-cmd process" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void ABadOptionIsOneLine(string[] args, string problem) => AssertRefused(CliHarness.Run(["extract", "-o", Output, .. args]), problem);

    [Fact]
    public void NoOracleAndNoOutputAreUsageErrors()
    {
        AssertRefused(Extract(), "give exactly one of --oracle");
        AssertRefused(CliHarness.Run("extract", "--oracle", "m.onnx"), "give -o OUT");
    }

    [Fact]
    public void AnOutputOfUnknownFormatIsRefusedBeforeTheOracleIsLoaded() =>
        AssertRefused(CliHarness.Run("extract", "--oracle", _cli.PathOf("none.onnx"), "-o", _cli.PathOf("out.txt")), "out.txt: cannot write extension '.txt'");

    [Fact]
    public void ADomainOfTheWrongDimensionIsRefused()
    {
        string oracle = Float64Oracle(ShallowTruth.Create(3, 4, 1, 4));
        AssertRefused(Extract("--oracle", oracle, "--domain", "0,1;0,1"), "domain '0,1;0,1' has 2 intervals, expected 1 (for every coordinate) or 3 (one per input)");
    }

    [Fact]
    public void ADomainThatFixesACoordinateIsRefusedBeforeAnyQuery()
    {
        string oracle = Float64Oracle(ShallowTruth.Create(3, 4, 1, 4));
        AssertRefused(Extract("--oracle", oracle, "--domain", "0,1;0.5,0.5;0,1"), "the domain 0,1;0.5,0.5;0,1 fixes coordinate 1 at 0.5", "cannot be extracted");
    }
}

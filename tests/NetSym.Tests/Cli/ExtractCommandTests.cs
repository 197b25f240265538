using System.Text.Json;
using NetSym.Canonical;
using NetSym.Cli;
using NetSym.Extraction;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Tests.Extraction;
using NetSym.Tests.IO;

namespace NetSym.Tests.Cli;

/// <summary>
/// <c>netsym extract</c> end to end on float64 ONNX oracles of random one-hidden-layer networks: the
/// recovery is equivalent to the truth with a map, the file it writes reads back equivalent, the
/// counts add up and stay within the budget, and the seed fixes everything.
/// </summary>
public sealed class ExtractCommandTests : IDisposable
{
    // Enough fresh inputs to certify well past 2^-30 on these small networks, few enough to stay fast.
    private const string Points = "2000";

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>A float64 ONNX oracle of a random d-n-m ReLU network, and the network it computes (its parameters rounded to float32 by the writer).</summary>
    private (string Oracle, Network Truth) Oracle(int d, int n, int m, long seed, string name = "oracle.onnx")
    {
        string path = _cli.PathOf(name);
        File.WriteAllBytes(path, OnnxRewrite.Float64(ShallowTruth.Create(d, n, m, seed)));
        return (path, ModelFiles.Read(path));
    }

    private static CliResult Extract(string oracle, string output, params string[] more) =>
        CliHarness.Run(["extract", "--oracle", oracle, "-o", output, "--verify-points", Points, .. more]);

    [Theory]
    [InlineData(4, 6, 1, 1)]
    [InlineData(5, 8, 2, 2)]
    [InlineData(3, 5, 3, 3)]
    public void TheRecoveryIsEquivalentToTheTruthWithAMapAndItsFileReadsBackEquivalent(int d, int n, int m, int seed)
    {
        var (oracle, truth) = Oracle(d, n, m, seed);
        string truthFile = _cli.WriteModel(truth, "truth.json");
        string output = _cli.PathOf("recovered.json");
        var run = Extract(oracle, output, "--truth", truthFile, "--seed", $"{seed}", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var json = run.Json();
        var extraction = json.GetProperty("extraction");
        Assert.Equal("complete", extraction.GetProperty("status").GetString());
        Assert.Equal([n], extraction.GetProperty("widths").EnumerateArray().Select(w => w.GetInt32()));
        var certificate = json.GetProperty("certificate");
        Assert.True(certificate.GetProperty("bits").GetDouble() >= 30, certificate.ToString());
        Assert.True(certificate.GetProperty("max_rel_error").GetDouble() <= Math.Pow(2, -30));

        var comparison = json.GetProperty("truth");
        Assert.Equal("equivalent", comparison.GetProperty("verdict").GetString());
        var map = comparison.GetProperty("map").EnumerateArray().ToList();
        Assert.Equal(n, map.Count);
        // ReLU's symmetries are positive scalings: a = c > 0, b = d = 0, and the neurons a permutation.
        Assert.All(map, row =>
        {
            Assert.True(row.GetProperty("a").GetDouble() > 0);
            Assert.Equal(row.GetProperty("a").GetDouble(), row.GetProperty("c").GetDouble());
            Assert.Equal(0, row.GetProperty("b").GetDouble());
            Assert.Equal(0, row.GetProperty("d").GetDouble());
        });
        Assert.Equal(Enumerable.Range(0, n), map.Select(r => r.GetProperty("neuron").GetInt32()).Order());

        var recovered = ModelFiles.Read(output);
        Assert.Equal(EquivalenceVerdict.Equivalent, Equivalence.Compare(truth, recovered, LinearAlgebraBackends.Default).Verdict);
        Assert.Equal(Fingerprint.Of(recovered).Hex, certificate.GetProperty("fingerprint").GetString());
        Assert.Equal(["oracle.onnx", "recovered.json", "truth.json"], _cli.Files());
    }

    [Fact]
    public void TheCountsAddUpAndTheCertificateIsCountedUnderVerification()
    {
        var (oracle, _) = Oracle(4, 5, 1, 4);
        var json = Extract(oracle, _cli.PathOf("r.json"), "--json").Json();
        var extraction = json.GetProperty("extraction");
        long total = extraction.GetProperty("queries").GetInt64();
        var ledger = extraction.GetProperty("ledger").EnumerateArray().ToList();
        Assert.Equal(total, ledger.Sum(e => e.GetProperty("queries").GetInt64()));
        // The certificate asks the fresh inputs and the critical points the extraction found, at least one per unit.
        long critical = json.GetProperty("certificate").GetProperty("critical_points").GetInt64();
        Assert.InRange(critical, 5, 5 * ExtractionResult.CriticalPointsPerUnit);
        long certified = long.Parse(Points) + critical;
        Assert.Equal(certified, ledger.Single(e => e.GetProperty("stage").GetString() == "verification").GetProperty("queries").GetInt64());
        Assert.Equal(total - certified, extraction.GetProperty("extraction_queries").GetInt64());
        Assert.Equal(Math.Log2(total), extraction.GetProperty("queries_log2").GetDouble());
        Assert.Equal(["sweep"], ledger.Where(e => e.GetProperty("layer").ValueKind == JsonValueKind.Number).Select(e => e.GetProperty("stage").GetString()).Take(1));
        Assert.Equal("none", extraction.GetProperty("budget").GetString());
    }

    [Fact]
    public void TheBudgetIsNeverExceededAndABudgetThatFitsExactlySuffices()
    {
        var (oracle, _) = Oracle(4, 5, 1, 5);
        long needed = Extract(oracle, _cli.PathOf("free.json"), "--json").Json().GetProperty("extraction").GetProperty("queries").GetInt64();
        var exact = Extract(oracle, _cli.PathOf("exact.json"), "--json", "--max-queries", $"{needed}");
        Assert.Equal(0, exact.ExitCode);
        Assert.Equal(needed, exact.Json().GetProperty("extraction").GetProperty("queries").GetInt64());
        Assert.Equal(needed, exact.Json().GetProperty("extraction").GetProperty("budget").GetInt64());
        foreach (long budget in new[] { needed - 1, needed / 2, 50 })
        {
            var stopped = Extract(oracle, _cli.PathOf($"b{budget}.json"), "--json", "--max-queries", $"{budget}");
            Assert.Equal(ExitCodes.Stopped, stopped.ExitCode);
            Assert.True(stopped.Json().GetProperty("extraction").GetProperty("queries").GetInt64() <= budget);
            Assert.False(File.Exists(_cli.PathOf($"b{budget}.json")));
        }
    }

    [Fact]
    public void TheSameSeedGivesTheSameFileAndAnotherSeedTheSameOrbit()
    {
        var (oracle, _) = Oracle(5, 6, 2, 6);
        var first = Extract(oracle, _cli.PathOf("a.json"), "--json", "--seed", "3").Json();
        var second = Extract(oracle, _cli.PathOf("b.json"), "--json", "--seed", "3").Json();
        var other = Extract(oracle, _cli.PathOf("c.json"), "--json", "--seed", "4").Json();
        Assert.Equal(File.ReadAllBytes(_cli.PathOf("a.json")), File.ReadAllBytes(_cli.PathOf("b.json")));
        static string Ledger(JsonElement j) => j.GetProperty("extraction").GetProperty("ledger").GetRawText();
        static string Print(JsonElement j) => j.GetProperty("certificate").GetProperty("fingerprint").GetString()!;
        Assert.Equal(Ledger(first), Ledger(second));
        Assert.NotEqual(Ledger(first), Ledger(other));
        Assert.Equal(Print(first), Print(other));
    }

    [Fact]
    public void AnotherNetworkAsTruthIsNotEquivalentAndTheRecoveryIsStillWritten()
    {
        var (oracle, _) = Oracle(3, 4, 1, 9);
        var (_, other) = Oracle(3, 4, 1, 10, "other.onnx");
        var run = Extract(oracle, _cli.PathOf("r.json"), "--truth", _cli.WriteModel(other, "other.json"), "--json");
        Assert.Equal(ExitCodes.No, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var truth = run.Json().GetProperty("truth");
        Assert.Equal("different", truth.GetProperty("verdict").GetString());
        Assert.True(truth.GetProperty("witness").GetProperty("difference").GetDouble() > 0);
        Assert.True(File.Exists(_cli.PathOf("r.json")));
    }

    [Fact]
    public void AnOnnxOutputIsTheRecoveryRoundedToFloat32()
    {
        var (oracle, _) = Oracle(3, 4, 1, 7);
        Assert.Equal(0, Extract(oracle, _cli.PathOf("r.json")).ExitCode);
        var run = Extract(oracle, _cli.PathOf("r.onnx"), "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Json().GetProperty("extraction").GetProperty("rounded_to_float32").GetBoolean());
        var exact = ModelFiles.Read(_cli.PathOf("r.json")).GetParameters();
        Assert.Equal(exact.Select(v => (double)(float)v), ModelFiles.Read(_cli.PathOf("r.onnx")).GetParameters());
    }

    [Fact]
    public void AProcessOracleIsExtractedToo()
    {
        // f(x) = V·relu(W·x + b) + c answered by awk with 17 significant digits (ProcessOracleTests).
        string awk = _cli.WriteText("relu.awk", ProcessOracleTests.ReluAwk);
        var truth = Network.Sequential(2, [
            ([1, -2, 1, 1], [0.5, -1], new ReluActivation()),
            ([3, -1, 1, 2], [0.25, 0], new IdentityActivation()),
        ]);
        var run = CliHarness.Run("extract", "--oracle-cmd", $"awk -W interactive -f '{awk}'", "--truth", _cli.WriteModel(truth, "truth.json"),
            "-o", _cli.PathOf("r.json"), "--verify-points", Points, "--json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal("process", json.GetProperty("extraction").GetProperty("oracle_kind").GetString());
        Assert.Equal("equivalent", json.GetProperty("truth").GetProperty("verdict").GetString());
    }

    [Fact]
    public void ABoxDomainIsExtractedInsideItAndComparedOnIt()
    {
        var box = Box.Uniform(5, 0, 1);
        string oracle = _cli.PathOf("box.onnx");
        File.WriteAllBytes(oracle, OnnxRewrite.Float64(BoxTruth.Create(5, 6, 2, 3, box)));
        var truth = ModelFiles.Read(oracle);
        string output = _cli.PathOf("r.json");
        var run = Extract(oracle, output, "--domain", "0,1", "--truth", oracle, "--seed", "3", "--json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        var extraction = json.GetProperty("extraction");
        Assert.Equal("complete", extraction.GetProperty("status").GetString());
        Assert.Equal("0,1", extraction.GetProperty("domain").GetString());
        Assert.Equal([6], extraction.GetProperty("widths").EnumerateArray().Select(w => w.GetInt32()));
        Assert.True(json.GetProperty("certificate").GetProperty("bits").GetDouble() >= 30);
        Assert.Equal("equivalent", json.GetProperty("truth").GetProperty("verdict").GetString());
        var onBox = Equivalence.Compare(truth, ModelFiles.Read(output), LinearAlgebraBackends.Default, new EquivalenceOptions { Box = box });
        Assert.Equal(EquivalenceVerdict.Equivalent, onBox.Verdict);
    }

    [Fact]
    public void TheReportForPeopleNamesTheStagesTheCertificateAndTheMap()
    {
        var (oracle, truth) = Oracle(3, 4, 1, 8);
        var run = Extract(oracle, _cli.PathOf("r.json"), "--truth", oracle);
        Assert.Equal(0, run.ExitCode);
        foreach (string text in new[] { "── Extraction", "Queries per stage", "refinement", "── Certificate", "Bits of precision", "── Compared with the truth", "equivalent", "Symmetry map" })
            Assert.Contains(text, run.Stdout);
        Assert.DoesNotContain("\u001b", run.Stdout);
    }
}

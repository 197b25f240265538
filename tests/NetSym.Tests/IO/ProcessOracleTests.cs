using System.Diagnostics;
using System.Globalization;
using NetSym.Extraction;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.IO;

/// <summary>
/// The process oracle against small shell commands: an awk program that computes a known ReLU network
/// (awk is on every Debian system: mawk is a required package), and one-line sh scripts that crash,
/// hang or answer wrongly.
/// </summary>
public class ProcessOracleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly QueryLabel Label = new(ExtractionStage.Sweep, 1);

    /// <summary>
    /// f(x) = (3a − b + 1/4, a + 2b) with a = relu(x₁ − 2x₂ + 1/2), b = relu(x₁ + x₂ − 1), answered
    /// with 17 significant digits. mawk reads its input in blocks unless -W interactive (gawk ignores
    /// the option with a warning).
    /// </summary>
    internal const string ReluAwk = """
        BEGIN { print "{\"inputs\": 2, \"outputs\": 2}"; fflush() }
        {
          s = $0
          gsub(/[{}" xy:]/, "", s)
          gsub(/^\[\[|\]\]$/, "", s)
          n = split(s, rows, /\],\[/)
          out = "{\"y\": ["
          for (i = 1; i <= n; i++) {
            split(rows[i], v, ",")
            a = v[1] - 2 * v[2] + 0.5; if (a < 0) a = 0
            b = v[1] + v[2] - 1; if (b < 0) b = 0
            out = out (i > 1 ? "," : "") "[" sprintf("%.17g", 3 * a - b + 0.25) "," sprintf("%.17g", a + 2 * b) "]"
          }
          print out "]}"; fflush()
        }
        """;

    private static double[] Relu(double x1, double x2)
    {
        double a = Math.Max(0, x1 - 2 * x2 + 0.5), b = Math.Max(0, x1 + x2 - 1);
        return [3 * a - b + 0.25, a + 2 * b];
    }

    private static string AwkCommand(TempDirectory dir)
    {
        File.WriteAllText(dir.File("relu.awk"), ReluAwk);
        return $"awk -W interactive -f '{dir.File("relu.awk")}'";
    }

    [Fact]
    public void AnswersWhatTheProcessComputesAndEveryRowIsCounted()
    {
        using var dir = new TempDirectory();
        using var process = ProcessOracle.Start(AwkCommand(dir), Timeout);
        Assert.Equal(2, process.InputSize);
        Assert.Equal(2, process.OutputSize);
        var oracle = CountingOracle.Create(process, process.Name, new OracleOptions());
        var random = RandomKey.FromSeed(21);
        long rows = 0;
        foreach (int n in new[] { 1, 40, 7 })
        {
            var x = RandomNetworks.Inputs(n, 2, random.Split(n), (r, _) => 2 * r.NextNormal());
            x[0, 0] = 1e-7; // written as 1E-07, which the process must read too
            var y = oracle.Query(Label, x);
            for (int i = 0; i < n; i++)
            {
                double[] expected = Relu(x[i, 0], x[i, 1]);
                for (int j = 0; j < 2; j++)
                    Assert.True(Math.Abs(expected[j] - y[i, j]) <= 1e-14 * (1 + Math.Abs(expected[j])), $"row {i} output {j}: {expected[j]:R} vs {y[i, j]:R}");
            }
            rows += n;
        }
        Assert.Equal(rows, oracle.Ledger.Total);
        Assert.Equal(0, oracle.Query(Label, new Matrix(0, 2)).Rows);
    }

    [Fact]
    public void RequestsCarryEveryInputExactly()
    {
        using var dir = new TempDirectory();
        string copy = dir.File("request");
        using var process = ProcessOracle.Start($"echo '{{\"inputs\": 3, \"outputs\": 1}}'; read line; echo \"$line\" > '{copy}'; echo '{{\"y\": [[0], [0]]}}'; sleep 60", Timeout);
        double[] values = [0.1, -1e-300, double.Epsilon, 1.7976931348623157e308, -0.0, 1 / 3.0];
        var x = new Matrix(2, 3, values);
        process.Query(x);
        using var request = System.Text.Json.JsonDocument.Parse(File.ReadAllText(copy));
        double[] sent = [.. request.RootElement.GetProperty("x").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => double.Parse(v.GetRawText(), CultureInfo.InvariantCulture))];
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), sent.Select(BitConverter.DoubleToInt64Bits));
    }

    /// <summary>A process that says it takes 2 inputs and gives 1 output, reads one request and then runs <paramref name="then"/>.</summary>
    private static string AfterOneRequest(string then) => $"echo '{{\"inputs\": 2, \"outputs\": 1}}'; read line; {then}";

    /// <summary>
    /// The failure of one query to <paramref name="command"/> through a counting oracle; when the process
    /// oracle itself detects it (not the answer check above it), it stays failed and says so.
    /// </summary>
    private static OracleException QueryFails(string command, int rows = 1, TimeSpan? timeout = null, bool detectedByProcessOracle = true)
    {
        using var process = ProcessOracle.Start(command, timeout ?? Timeout);
        var oracle = CountingOracle.Create(process, process.Name, new OracleOptions());
        var e = Assert.Throws<OracleException>(() => oracle.Query(Label, new Matrix(rows, 2)));
        Assert.Equal($"'{command}'", e.Oracle);
        Assert.StartsWith($"oracle '{command}': ", e.Message);
        // Once failed, the oracle stays failed (the process is gone) and says why.
        if (detectedByProcessOracle) Assert.Contains("stopped after an earlier failure", Assert.Throws<OracleException>(() => process.Query(new Matrix(1, 2))).Message);
        return e;
    }

    [Fact]
    public void ACrashNamesTheExitCodeAndTheLastLineOfStandardError()
    {
        var e = QueryFails(AfterOneRequest("echo 'boom: the model exploded' >&2; exit 3"));
        Assert.Contains("closed its output before an answer: exited with code 3", e.Message);
        Assert.Contains("its standard error ends: 'boom: the model exploded'", e.Message);
    }

    [Fact]
    public void AHangIsStoppedAfterTheTimeoutAndTheProcessIsKilled()
    {
        using var dir = new TempDirectory();
        string pids = dir.File("pids");
        var clock = Stopwatch.StartNew();
        var e = QueryFails(AfterOneRequest($"echo $$ > '{pids}'; sleep 60 & echo $! >> '{pids}'; wait"), timeout: TimeSpan.FromSeconds(1));
        Assert.Contains("did not write an answer within 1 s", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        foreach (string pid in File.ReadAllLines(pids)) AssertGone(int.Parse(pid, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void MalformedJsonIsNamed() =>
        Assert.Contains("wrote 'this is not json', which is not JSON", QueryFails(AfterOneRequest("echo 'this is not json'")).Message);

    [Fact]
    public void AnAnswerWithoutYIsNamed() =>
        Assert.Contains("answered '{\"z\": 1}', not {\"y\": [[…], …]}", QueryFails(AfterOneRequest("echo '{\"z\": 1}'")).Message);

    [Fact]
    public void ARowOfTheWrongDimensionIsNamed() =>
        Assert.Contains("answer row 0 is '[1, 2]', not an array of 1 numbers", QueryFails(AfterOneRequest("echo '{\"y\": [[1, 2]]}'")).Message);

    [Fact]
    public void TooFewRowsAreCaughtByTheAnswerCheck() =>
        Assert.Contains("answered 1 rows for 2 inputs", QueryFails(AfterOneRequest("echo '{\"y\": [[1]]}'"), rows: 2, detectedByProcessOracle: false).Message);

    [Fact]
    public void AStringWhereANumberBelongsIsNamed() =>
        Assert.Contains("answer row 0 holds '\"one\"', not a number", QueryFails(AfterOneRequest("echo '{\"y\": [[\"one\"]]}'")).Message);

    [Theory]
    [InlineData("NaN", "NaN")]
    [InlineData("-Infinity", "infinity")]
    [InlineData("Infinity", "infinity")]
    public void NaNAndInfinityWrittenAsPythonDoesAreNamed(string token, string named) =>
        Assert.Contains($"answered {named} at row 0, output 0", QueryFails(AfterOneRequest($"echo '{{\"y\": [[{token}]]}}'"), detectedByProcessOracle: false).Message);

    [Fact]
    public void AnErrorTheProcessReportsIsPassedOn() =>
        Assert.Contains("reported an error: out of memory", QueryFails(AfterOneRequest("echo '{\"error\": \"out of memory\"}'")).Message);

    [Fact]
    public void AProcessThatStopsReadingIsNamed()
    {
        // Exits without reading: the request meets a closed pipe, or the answer an end of output.
        var e = Assert.Throws<OracleException>(() =>
        {
            using var process = ProcessOracle.Start("echo '{\"inputs\": 2, \"outputs\": 1}'; exec 0<&-; exit 4", Timeout);
            Thread.Sleep(200);
            process.Query(new Matrix(1000, 2));
        });
        Assert.Contains("exited with code 4", e.Message);
    }

    public static TheoryData<string, string> BadStarts() => new()
    {
        { "exit 0", "closed its output before its first line {\"inputs\": d, \"outputs\": m}: exited with code 0" },
        { "/nonexistent/oracle", "exited with code 127 (its standard error ends: " },
        { "echo '{\"inputs\": 0, \"outputs\": 1}'", "first line is '{\"inputs\": 0, \"outputs\": 1}', not {\"inputs\": d, \"outputs\": m} with positive integers" },
        { "echo '{\"inputs\": 2.5, \"outputs\": 1}'", "not {\"inputs\": d, \"outputs\": m}" },
        { "echo hello", "wrote 'hello', which is not JSON" },
    };

    [Theory]
    [MemberData(nameof(BadStarts))]
    public void ABadStartIsNamed(string command, string problem)
    {
        var e = Assert.Throws<OracleException>(() => ProcessOracle.Start(command, Timeout));
        Assert.StartsWith($"oracle '{command}': ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void ASilentStartTimesOut()
    {
        var e = Assert.Throws<OracleException>(() => ProcessOracle.Start("sleep 60", TimeSpan.FromMilliseconds(500)));
        Assert.Contains("did not write its first line", e.Message);
        Assert.Contains("within 0.5 s", e.Message);
    }

    [Fact]
    public void DisposeKillsTheProcess()
    {
        using var dir = new TempDirectory();
        string pid = dir.File("pid");
        var process = ProcessOracle.Start($"echo $$ > '{pid}'; exec {AwkCommand(dir)}", Timeout);
        process.Dispose();
        AssertGone(int.Parse(File.ReadAllText(pid).Trim(), CultureInfo.InvariantCulture));
    }

    /// <summary>The process has ended (or is a zombie about to be reaped), within a few seconds.</summary>
    private static void AssertGone(int pid)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            string stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat)) return;
            try
            {
                string text = File.ReadAllText(stat);
                if (text[(text.LastIndexOf(')') + 2)..].StartsWith('Z')) return;
            }
            catch (IOException)
            {
                return;
            }
            Thread.Sleep(50);
        }
        Assert.Fail($"process {pid} is still running");
    }
}

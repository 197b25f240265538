using NetSym.Cli;
using NetSym.Cli.Rendering;
using NetSym.Extraction;
using Spectre.Console;

namespace NetSym.Tests.Cli;

public sealed class ProgressDisplayTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static (int Code, string Stdout, string Stderr) RunOnTerminal(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = Program.Run(args, stdout, stderr, outputIsTerminal: true);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void The_display_shows_the_stage_the_fraction_and_the_time_left()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });
        int result = ProgressDisplay.Track(console, visible: true, "fdim", progress =>
        {
            Assert.NotNull(progress);
            progress.Report(new ProgressReport("rank mod p on 64 points", 0, 4));
            Thread.Sleep(250); // the display refreshes every 100 ms
            progress.Report(new ProgressReport("kernel directions", 3, 4));
            Thread.Sleep(250);
            progress.Report(new ProgressReport("done", 4, 4));
            return 42;
        });
        Assert.Equal(42, result);
        string text = output.ToString();
        Assert.Contains("fdim: rank mod p on 64 points", text);
        Assert.Contains("fdim: kernel directions", text);
        Assert.Contains("75%", text);
        Assert.Matches(@"(\d\d|--):(\d\d|--):(\d\d|--)", text); // the time-left column
    }

    [Fact]
    public void An_extraction_shows_stage_layer_and_queries_and_its_fraction_never_goes_back()
    {
        var reports = new List<ProgressReport>();
        var display = new QueryProgressDisplay(new Recorder(reports));
        display.Report(new QueryProgress(new QueryLabel(ExtractionStage.Sweep, 1), 1234, null));
        display.Report(new QueryProgress(new QueryLabel(ExtractionStage.OutputLayer), 2000, 5000));
        display.Report(new QueryProgress(new QueryLabel(ExtractionStage.Signs, 1), 2100, 5000));
        Assert.Equal(["sweep, layer 1, 1,234 queries", "output layer, 2,000 of 5,000 queries", "signs, layer 1, 2,100 of 5,000 queries"], reports.Select(r => r.Stage));
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.Fraction <= p.Second.Fraction));
        Assert.All(reports, r => Assert.Equal(Enum.GetValues<ExtractionStage>().Length, r.Total));
    }

    private sealed class Recorder(List<ProgressReport> reports) : IProgress<ProgressReport>
    {
        public void Report(ProgressReport value) => reports.Add(value);
    }

    [Fact]
    public void Hidden_the_computation_gets_no_sink_and_nothing_is_written()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        Assert.Equal(1, ProgressDisplay.Track(console, visible: false, "fdim", progress => progress is null ? 1 : 0));
        Assert.Equal("", output.ToString());
    }

    [Theory]
    [InlineData("fdim")]
    [InlineData("fdim", "--grow")]
    [InlineData("fdim", "--float")]
    [InlineData("identifiable", "--points", "200")]
    [InlineData("orbit", "--count", "3")]
    public void A_pipe_or_json_gets_the_report_alone(params string[] command)
    {
        string model = _cli.WriteModel(CliHarness.SampleNetwork());
        string[] args = [command[0], model, .. command[1..]];
        var piped = CliHarness.Run(args);
        Assert.Contains(piped.ExitCode, new[] { 0, 1 });
        Assert.DoesNotContain("\u001b", piped.Stdout);
        Assert.DoesNotContain($"{command[0]}: ", piped.Stdout);
        // On a terminal, --json still gets one JSON object and nothing else.
        var json = RunOnTerminal([.. args, "--json"]);
        Assert.Contains(json.Code, new[] { 0, 1 });
        Assert.StartsWith("{", json.Stdout);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, System.Text.Json.JsonDocument.Parse(json.Stdout).RootElement.ValueKind);
    }

    [Theory]
    [InlineData("embed", "{model}")]
    [InlineData("align", "{model}", "{other}", "-o", "{out}.json")]
    [InlineData("canon", "{model}", "-o", "{out}.json")]
    [InlineData("reduce", "{model}", "-o", "{out}.onnx")]
    [InlineData("info", "{model}")]
    [InlineData("equiv", "{model}", "{model}")]
    [InlineData("convert", "{model}", "{out}.onnx")]
    [InlineData("random", "3-4-2", "-o", "{out}.json")]
    public void Model_commands_write_the_report_alone_to_a_pipe_or_with_json(params string[] command)
    {
        string model = _cli.WriteModel(CliHarness.SampleNetwork());
        string other = _cli.WriteModel(CliHarness.SampleNetwork(6), "other.json");
        string[] Args(string output) => [.. command.Select(a => a.Replace("{model}", model).Replace("{other}", other).Replace("{out}", _cli.PathOf(output)))];
        var piped = CliHarness.Run(Args("piped"));
        Assert.Equal(0, piped.ExitCode);
        Assert.DoesNotContain("\u001b", piped.Stdout);
        Assert.DoesNotContain($"{command[0]}: ", piped.Stdout);
        Assert.Equal("", piped.Stderr);
        var json = RunOnTerminal([.. Args("json"), "--json"]);
        Assert.Equal(0, json.Code);
        Assert.StartsWith("{", json.Stdout);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, System.Text.Json.JsonDocument.Parse(json.Stdout).RootElement.ValueKind);
        Assert.Equal("", json.Stderr);
    }
}

namespace NetSym.Tests.Cli;

/// <summary>Every kind of bad input: exit code 2, nothing on stdout, one line on stderr naming the file and the problem.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Model() => _cli.WriteModel(CliHarness.SampleNetwork());

    private static readonly string[] TinySweep = ["--input-dims", "1", "--widths", "2", "--depths", "1", "--trials", "1"];

    private const string ValidHeader = """{"format": "netsym-network", "version": 1, "input_size": 2, "layers": [""";

    // Each case: the command line (built in the scratch directory) and what the error line must contain.
    private static readonly IReadOnlyDictionary<string, Func<BadInputTests, (string[] Args, string Expected)>> Cases =
        new Dictionary<string, Func<BadInputTests, (string[], string)>>
        {
            ["missing model"] = t => (["info", t._cli.PathOf("missing.json")], "missing.json: no such file"),
            ["missing model for analyze"] = t => (["analyze", t._cli.PathOf("missing.onnx")], "missing.onnx: no such file"),
            ["wrong extension"] = t => (["info", t._cli.WriteText("model.txt", "{}")], "model.txt: unknown model extension '.txt'"),
            ["truncated JSON"] = t => (["info", t._cli.WriteText("cut.json", ValidHeader + """{"activation": "relu", "weights": [[1, 2""")], "cut.json: malformed JSON"),
            ["not a NetSym model"] = t => (["info", t._cli.WriteText("other.json", """{"hello": 1}""")], "other.json: missing field 'format'"),
            ["NaN weight"] = t => (["info", t._cli.WriteText("nan.json", ValidHeader + """{"activation": "identity", "weights": [[1, "NaN"]], "bias": [0]}]}""")], "nan.json: layer 0 weight [0,1] is NaN"),
            ["layer sizes that do not fit"] = t => (["eval", t._cli.WriteText("shape.json", ValidHeader + """{"activation": "identity", "weights": [[1, 2, 3]], "bias": [0]}]}"""), "--random", "2"], "shape.json: layers[0].weights[0] has 3 entries"),
            ["no layers"] = t => (["info", t._cli.WriteText("empty.json", ValidHeader + "]}")], "empty.json: 'layers' is empty"),
            ["CSV with the wrong column count"] = t => (["eval", t.Model(), "--inputs", t._cli.WriteText("x.csv", "1,2\n")], "x.csv: line 1 has 2 values, expected 3"),
            ["CSV with a NaN"] = t => (["eval", t.Model(), "--inputs", t._cli.WriteText("x.csv", "1,2,3\n1,nan,3\n")], "x.csv: line 2, column 2: 'nan' is not a finite number"),
            ["CSV with a header"] = t => (["eval", t.Model(), "--inputs", t._cli.WriteText("x.csv", "a,b,c\n1,2,3\n")], "x.csv: line 1, column 1: 'a' is not a number"),
            ["CSV with a word"] = t => (["eval", t.Model(), "--inputs", t._cli.WriteText("x.csv", "1,2,3\n1,two,3\n")], "x.csv: line 2, column 2: 'two' is not a number"),
            ["empty CSV"] = t => (["eval", t.Model(), "--inputs", t._cli.WriteText("x.csv", "")], "x.csv: empty file"),
            ["missing CSV"] = t => (["eval", t.Model(), "--inputs", t._cli.PathOf("none.csv")], "none.csv: no such file"),
            ["unknown activation"] = t => (["info", t.Model(), "--activation", "swish"], "unknown activation 'swish'"),
            ["unknown activation for random"] = t => (["random", "3-2", "--activation", "swish"], "unknown activation 'swish'"),
            ["activation parameter that is not a number"] = t => (["analyze", "--activation", "leaky_relu(x)"], "parameter 'x' is not a finite number"),
            ["bad architecture"] = t => (["random", "4-x-2"], "architecture '4-x-2'"),
            ["architecture with one width"] = t => (["random", "4"], "needs an input and an output width"),
            ["unknown init"] = t => (["random", "4-2", "--init", "xavier"], "'xavier'"),
            ["unknown option"] = t => (["info", t.Model(), "--frobnicate"], "'--frobnicate'"),
            ["unknown command"] = t => (["frobnicate"], "'frobnicate'"),
            ["no command"] = t => ([], "Required command was not provided"),
            ["seed that is not a number"] = t => (["analyze", "--seed", "abc"], "--seed must be a whole number from -2147483648 to 2147483647, got 'abc'"),
            ["negative tolerance"] = t => (["reduce", t.Model(), "--tol", "-1"], "--tol must be a finite number ≥ 0, got '-1'"),
            ["huge input_size whose rows overflow"] = t => (["info", t._cli.WriteText("huge.json", HugeInput("1000000000"))], "huge.json: layers[0].weights[0] has 1 entries, but the layer's sources provide 1000000000 inputs"),
            ["huge input_size in exponent form"] = t => (["info", t._cli.WriteText("huge.json", HugeInput("1e9")), "--json"], "huge.json: layers[0].weights[0] has 1 entries, but the layer's sources provide 1000000000 inputs"),
            ["sources that sum past an int"] = t => (["info", t._cli.WriteText("wide.json", """{"format": "netsym-network", "version": 1, "input_size": 2000000000, "layers": [{"activation": "relu", "sources": [0, 0], "weights": [[1]], "bias": [0]}]}""")], "wide.json: layers[0]: its sources provide 4000000000 inputs"),
            ["orbit with no members"] = t => (["orbit", t.Model(), "--count", "0", "-o", t._cli.PathOf("orb")], "--count must be a whole number from 1 to 10000, got '0'"),
            ["orbit of a missing model"] = t => (["orbit", t._cli.PathOf("missing.json"), "-o", t._cli.PathOf("orb")], "missing.json: no such file"),
            ["orbit into a file"] = t => (["orbit", t.Model(), "-o", t.Model()], "model.json: is a file, not a directory"),
            ["eval into a directory"] = t => (["eval", t.Model(), "--random", "2", "-o", t._cli.Directory], ": is a directory, not a file"),
            ["reduce to an unknown extension"] = t => (["reduce", t.Model(), "-o", t._cli.PathOf("reduced.txt")], "reduced.txt: cannot write extension '.txt'"),
            ["sweep plot into a missing directory"] = t => (["sweep", .. TinySweep, "-o", t._cli.PathOf("r.csv"), "--plot", t._cli.PathOf("nowhere/f.png")], "nowhere/f.png: directory"),
            ["sweep whose batch cannot fit"] = t => (["sweep", "--input-dims", "784", "--widths", "30", "--depths", "3", "--trials", "1", "-o", t._cli.PathOf("r.csv")], "configuration n0=784 w=30 d=3 (784-30-30-30-1): 101404 points make a Jacobian"),
            ["both inputs and random"] = t => (["eval", t.Model(), "--inputs", t._cli.WriteText("x.csv", "1,2,3\n"), "--random", "2"], "exactly one of --inputs FILE or --random N"),
            ["neither inputs nor random"] = t => (["eval", t.Model()], "exactly one of --inputs FILE or --random N"),
            ["random count zero"] = t => (["eval", t.Model(), "--random", "0"], "--random must be a whole number from 1 to"),
            ["safetensors without activation"] = t => (["info", Path.Combine(AppContext.BaseDirectory, "Fixtures", "safetensors", "relu_5_7_2.safetensors")], "relu_5_7_2.safetensors: a safetensors state_dict stores no activations: give one with --activation NAME"),
            ["random into a missing directory"] = t => (["random", "3-2", "-o", t._cli.PathOf("nowhere/model.json")], "nowhere/model.json: directory"),
            ["eval into a missing directory"] = t => (["eval", t.Model(), "--random", "2", "-o", t._cli.PathOf("nowhere/y.csv")], "nowhere/y.csv: directory"),
            ["convert into a missing directory"] = t => (["convert", t.Model(), t._cli.PathOf("nowhere/out.json")], "nowhere/out.json: directory"),
        };

    /// <summary>A model claiming <paramref name="inputSize"/> inputs whose first layer has three rows of one weight.</summary>
    private static string HugeInput(string inputSize) =>
        $$"""{"format": "netsym-network", "version": 1, "input_size": {{inputSize}}, "layers": [{"activation": "relu", "weights": [[1], [2], [3]], "bias": [0, 0, 0]}]}""";

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Exits_2_with_one_line_naming_the_problem(string name)
    {
        var (args, expected) = Cases[name](this);
        var before = _cli.Files();
        string line = CliHarness.Run(args).AssertOneErrorLine();
        Assert.Contains(expected, line);
        Assert.Equal(before, _cli.Files()); // nothing written, no temporary file left behind
    }

    [Fact]
    public void A_JSON_syntax_error_gives_one_position_counted_from_1()
    {
        string path = _cli.WriteText("bad.json", "{\n  \"format\": \"netsym-network\",\n  \"version\": 1, x\n}");
        string line = CliHarness.Run("info", path).AssertOneErrorLine();
        Assert.Contains("bad.json: malformed JSON at line 3, byte 17: 'x' is an invalid start of a property name.", line);
        Assert.DoesNotContain("LineNumber", line);
    }

    [Fact]
    public void An_output_directory_that_cannot_be_created_is_one_line_naming_it()
    {
        if (!OperatingSystem.IsLinux()) return;
        // sysfs refuses new directories even to root, so this fails on any Linux machine.
        string line = CliHarness.Run("orbit", Model(), "-o", "/sys/netsym-orbit-test").AssertOneErrorLine();
        Assert.Contains("/sys/netsym-orbit-test: cannot create the directory", line);
        Assert.DoesNotContain("unexpected", line);
    }

    [Fact]
    public void Json_mode_fails_the_same_way()
    {
        var line = CliHarness.Run("info", _cli.PathOf("missing.json"), "--json").AssertOneErrorLine();
        Assert.Contains("missing.json: no such file", line);
    }

    [Fact]
    public void A_failed_write_keeps_an_existing_file_intact()
    {
        string target = _cli.WriteText("y.csv", "old contents\n");
        var result = CliHarness.Run("eval", Model(), "--inputs", _cli.WriteText("x.csv", "1,2\n"), "-o", target);
        result.AssertOneErrorLine();
        Assert.Equal("old contents\n", File.ReadAllText(target));
    }

    [Fact]
    public void Help_is_not_an_error()
    {
        var result = CliHarness.Run("--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        foreach (var command in new[] { "analyze", "info", "eval", "convert", "random" }) Assert.Contains(command, result.Stdout);
    }
}

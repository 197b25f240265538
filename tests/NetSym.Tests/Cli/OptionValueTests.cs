using System.CommandLine;
using System.CommandLine.Help;
using NetSym.Cli;

namespace NetSym.Tests.Cli;

/// <summary>
/// Every option of every command, found by walking the real command tree, fed a word, a fraction, a
/// negative number and 2^40: netsym either runs (exit 0, or 1 for a yes/no command's "no", or 3 for an
/// extraction that stopped short) or refuses in one line (exit 2), and no exception escapes. A new command or option is covered without editing this file; a new command
/// only needs its minimal command line in <see cref="BaseArguments"/>.
/// </summary>
public sealed class OptionValueTests : IDisposable
{
    private static readonly string[] BadValues = ["abc", "1.5", "-3", "1099511627776"];

    // A memory size takes units (8G, 512M) and so has its own parser and words; it is still fed
    // every bad value by the first test.
    private static readonly string[] Sizes = ["--max-memory"];

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>"command path|option name" for every option of every command, global options included.</summary>
    public static TheoryData<string> Options()
    {
        var data = new TheoryData<string>();
        foreach (var (path, options) in CommandsWithOptions())
            foreach (var option in options)
                data.Add($"{path}|{option.Name}");
        return data;
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Any_value_of_any_option_runs_or_is_one_error_line(string commandAndOption)
    {
        var (command, option) = Find(commandAndOption);
        foreach (string value in BadValues)
        {
            string[] args = Arguments(command, option, value);
            var result = CliHarness.Run(args); // an exception escaping Program.Run fails the test here
            Assert.True(result.ExitCode is ExitCodes.Success or ExitCodes.No or ExitCodes.Failure or ExitCodes.Stopped, $"netsym {string.Join(' ', args)}: exit {result.ExitCode}, stderr {result.Stderr}");
            if (result.ExitCode == 2) result.AssertOneErrorLine();
            // An extraction stopped short (a huge --noise) has run: its report, and one line saying why.
            if (result.ExitCode == ExitCodes.Stopped) Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Every_numeric_option_names_itself_its_range_and_the_value(string commandAndOption)
    {
        var (command, option) = Find(commandAndOption);
        Type type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        bool integer = type == typeof(int) || type == typeof(long), real = type == typeof(double);
        if ((!integer && !real) || Sizes.Contains(option.Name)) return;
        // Integers refuse all four (a fraction, and 2^40 beyond every maximum); reals refuse the word.
        foreach (string value in integer ? BadValues.Where(v => v != "-3") : ["abc"])
        {
            string line = CliHarness.Run(Arguments(command, option, value)).AssertOneErrorLine();
            Assert.Contains($"{option.Name} must be a {(integer ? "whole number from" : "finite number")}", line);
            Assert.Contains($"got '{value}'", line);
        }
    }

    [Fact]
    public void The_crashes_of_the_issue_are_one_line_each()
    {
        string model = _cli.WriteModel(CliHarness.SampleNetwork());
        string[][] cases =
        [
            ["fdim", model, "--points", "abc"], ["fdim", model, "--points", "1.5"], ["fdim", model, "--points", "99999999999"],
            ["fdim", model, "--primes", "abc"], ["fdim", model, "--tol", "abc"], ["fdim", model, "--grow", "--max-points", "abc"],
            ["fdim", model, "--grow", "--patience", "abc"], ["eval", model, "--random", "abc"], ["identifiable", model, "--points", "abc"],
            ["embed", model, "--max-paths", "abc"],
        ];
        foreach (var args in cases)
            Assert.Contains($"{args[^2]} must be a ", CliHarness.Run(args).AssertOneErrorLine());
        Assert.Contains("--points must be a whole number from 1 to 10000000, got 'abc'", CliHarness.Run("fdim", model, "--points", "abc").AssertOneErrorLine());
        Assert.Contains("--seed must be a whole number from -2147483648 to 2147483647, got 'abc'", CliHarness.Run("info", model, "--seed", "abc").AssertOneErrorLine());
        Assert.Contains("--budget must be a whole number from 1 to 1000000, got '1099511627776'", CliHarness.Run("equiv", model, model, "--budget", "1099511627776").AssertOneErrorLine());
    }

    [Fact]
    public void A_negative_seed_is_a_seed()
    {
        string model = _cli.WriteModel(CliHarness.SampleNetwork());
        Assert.Equal(0, CliHarness.Run("eval", model, "--random", "2", "--seed", "-1").ExitCode);
    }

    /// <summary>
    /// The smallest command line on which each command runs quickly on the 3-6-4-2 sample network,
    /// as positional arguments and options (an option under test replaces the base's value).
    /// </summary>
    private (string[] Positional, Dictionary<string, string> Options) BaseArguments(string command)
    {
        string model = _cli.WriteModel(CliHarness.SampleNetwork());
        return command switch
        {
            "" or "info" or "analyze" or "reduce" or "canon" or "fiber" or "embed" => (command == "" ? ["info", model] : [model], []),
            "fdim" => ([model], []),
            "eval" => ([model], new() { ["--random"] = "2" }),
            "convert" => ([model, _cli.PathOf("converted.json")], []),
            "random" => (["3-2"], []),
            "symmetries" => (["relu"], []),
            "zero-search" => (["relu"], new() { ["--starts"] = "0" }),
            "count" => (["3-4-2"], []),
            "orbit" => ([model], new() { ["--count"] = "2" }),
            "equiv" => ([model, model], []),
            // --steps goes with --interpolate; the file is never read, since the bad value stops the parse.
            "align" => ([model, model], new() { ["--interpolate"] = "x.csv" }),
            "identifiable" => ([model], new() { ["--points"] = "20" }),
            "sweep" => ([], TinySweep()),
            "sweep merge" => ([_cli.PathOf("merged.csv"), SweepResults()], []),
            "extract" => ([], new() { ["--oracle"] = ExtractionOracle(), ["--output"] = _cli.PathOf("recovered.json"), ["--verify-points"] = "100" }),
            _ => throw new Xunit.Sdk.XunitException($"give '{command}' a minimal command line in {nameof(BaseArguments)}"),
        };
    }

    /// <summary>A float64 ONNX model of a 3-4-1 ReLU network, which extract recovers in a fraction of a second.</summary>
    private string ExtractionOracle()
    {
        string path = _cli.PathOf("oracle.onnx");
        if (!File.Exists(path)) File.WriteAllBytes(path, IO.OnnxRewrite.Float64(Extraction.ShallowTruth.Create(3, 4, 1, 1)));
        return path;
    }

    private static Dictionary<string, string> TinySweep() => new()
    {
        ["--input-dims"] = "1", ["--widths"] = "2", ["--depths"] = "1", ["--trials"] = "1",
    };

    private string SweepResults()
    {
        string path = _cli.PathOf("shard.csv");
        if (File.Exists(path)) return path;
        string[] args = ["sweep", "-o", path, .. TinySweep().SelectMany(p => new[] { p.Key, p.Value })];
        Assert.Equal(0, CliHarness.Run(args).ExitCode);
        return path;
    }

    private string[] Arguments(string command, Option option, string value)
    {
        var (positional, options) = BaseArguments(command);
        // --max-points and --patience are refused without --grow before their values are read.
        if (command == "fdim" && option.Name is "--max-points" or "--patience") options["--grow"] = "true";
        // --timeout is refused without --oracle-cmd before its value is read (no process starts: every value tried is bad).
        if (command == "extract" && option.Name == "--timeout")
        {
            options.Remove("--oracle");
            options["--oracle-cmd"] = "exit 1";
        }
        options.Remove(option.Name);
        foreach (string alias in option.Aliases) options.Remove(alias);
        // A path option gets its value inside the scratch directory, so that no run writes elsewhere.
        if (option.HelpName is { } help && (help.Contains("FILE") || help.Contains("DIR"))) value = _cli.PathOf(value);
        string[] path = command == "" ? [] : command.Split(' ');
        return [.. path, .. positional, .. options.SelectMany(p => new[] { p.Key, p.Value }), option.Name, value];
    }

    private static (string Command, Option Option) Find(string commandAndOption)
    {
        string[] parts = commandAndOption.Split('|');
        var options = CommandsWithOptions().Single(c => c.Path == parts[0]).Options;
        return (parts[0], options.Single(o => o.Name == parts[1]));
    }

    /// <summary>Each command by its path ("" for the root, "sweep merge"), with the options it accepts, inherited ones included.</summary>
    private static IEnumerable<(string Path, IReadOnlyList<Option> Options)> CommandsWithOptions()
    {
        var root = NetSymCommandLine.Create(new CliEnvironment(TextWriter.Null, outputIsTerminal: false));
        var stack = new Stack<(Command Command, string Path, IReadOnlyList<Option> Inherited)>();
        stack.Push((root, "", []));
        while (stack.Count > 0)
        {
            var (command, path, inherited) = stack.Pop();
            var own = command.Options.Where(o => o is not HelpOption and not VersionOption).ToList();
            yield return (path, [.. inherited, .. own]);
            var passedOn = inherited.Concat(own.Where(o => o.Recursive)).ToList();
            foreach (var sub in command.Subcommands)
                stack.Push((sub, path == "" ? sub.Name : $"{path} {sub.Name}", passedOn));
        }
    }
}

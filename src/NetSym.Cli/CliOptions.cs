using System.CommandLine;
using System.CommandLine.Parsing;
using NetSym.Networks;

namespace NetSym.Cli;

/// <summary>The options that several commands share, defined once; one instance per run.</summary>
internal sealed class CliOptions
{
    /// <summary>The seed used when --seed is not given.</summary>
    public const int DefaultSeed = 0;

    /// <summary>--json: one JSON object on stdout instead of tables (every command).</summary>
    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write one JSON object on stdout (field names in docs/cli.md) instead of tables",
        Recursive = true,
    };

    /// <summary>
    /// --seed N: every random choice of the run derives from it (every command). Any 32-bit signed
    /// integer: the root key is its two's-complement bits (docs/randomness.md).
    /// </summary>
    public Option<int> Seed { get; } = NewSeed();

    /// <summary>--max-memory SIZE: the memory a run may use, instead of the machine's (every command).</summary>
    public Option<long?> MaxMemory { get; } = new("--max-memory")
    {
        Description = "Memory the run may use (e.g. 8G, 512M; default: the cgroup limit or physical memory): work estimated to need more is refused before it starts",
        HelpName = "SIZE",
        Recursive = true,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            long? bytes = MemorySize.TryParse(text);
            if (bytes is null) result.AddError($"--max-memory must be a size such as 8G, 512M or 1000000 (bytes), got '{text}'");
            return bytes;
        },
    };

    /// <summary>--activation NAME on commands that read a model: the hidden layers' activation.</summary>
    public Option<Activation?> ModelActivation { get; } = new("--activation")
    {
        Description = "Hidden-layer activation: overrides the file's; required for safetensors (e.g. relu, tanh, leaky_relu(0.1))",
        HelpName = "NAME",
        CustomParser = ParseActivation,
    };

    /// <summary>--domain BOX: an input box, "lo,hi" for every coordinate or "lo1,hi1;lo2,hi2;…".</summary>
    public Option<string?> Domain { get; } = new("--domain")
    {
        Description = "Input box: \"lo,hi\" for every coordinate, or \"lo1,hi1;lo2,hi2;…\" one per input",
        HelpName = "BOX",
    };

    /// <summary>--tol T for commands whose tolerance is "0 = exact" (reduce).</summary>
    public Option<double> Tolerance { get; } = RelativeTolerance(0.0, "Treat |w| ≤ T as zero and match twins to relative tolerance T (0: exact)");

    /// <summary>The --domain box for a network with <paramref name="inputSize"/> inputs, or null.</summary>
    public Box? DomainFor(ParseResult parse, int inputSize) =>
        parse.GetValue(Domain) is { } text ? Box.Parse(text, inputSize) : null;

    /// <summary>A new --activation option for commands that create networks: relu unless given.</summary>
    public static Option<Activation?> NewNetworkActivation() => new("--activation")
    {
        Description = "Hidden-layer activation; the output layer is identity",
        HelpName = "NAME",
        CustomParser = ParseActivation,
        DefaultValueFactory = _ => new ReluActivation(),
    };

    /// <summary>A new --tol option for a relative tolerance with the given default: a finite number ≥ 0.</summary>
    public static Option<double> RelativeTolerance(double defaultValue, string description) =>
        NumericOptions.Real("--tol", 0, defaultValue, description);

    private static Option<int> NewSeed()
    {
        var seed = NumericOptions.Integer("--seed", int.MinValue, int.MaxValue, DefaultSeed,
            "Seed for every random draw (a 32-bit signed integer); the same seed gives the same result on every machine");
        seed.Recursive = true;
        return seed;
    }

    /// <summary>A new -o/--output option (each command describes what it writes).</summary>
    public static Option<string?> OutputFile(string description) => new("--output", "-o")
    {
        Description = description,
        HelpName = "FILE",
    };

    /// <summary>Parses an activation spec; an unknown name is a parse error (exit code 2).</summary>
    public static Activation? ParseActivation(ArgumentResult result)
    {
        string spec = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        var activation = ActivationCatalog.TryParse(spec, out string? error);
        if (activation is null) result.AddError(error ?? $"unknown activation '{spec}'");
        return activation;
    }
}

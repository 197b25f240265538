using System.CommandLine;
using NetSym.Cli.Analysis;
using NetSym.Cli.Rendering;
using NetSym.Identifiability;
using NetSym.IO;
using NetSym.Networks;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym zero-search ACTIVATION [--max-width N] [--max-inputs N] [--starts N] [--seed S] [-o FILE]</c>:
/// searches small networks for one with no internal symmetry that realises the zero function, and
/// says whether the nonlinearity is of tanh type.
/// </summary>
internal static class ZeroSearchCommand
{
    /// <summary>The key's purpose: the search's draws come from the seed's key split by it.</summary>
    private const string Purpose = "zero-search";

    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var activation = new Argument<Activation?>("ACTIVATION")
        {
            Description = "An activation name, e.g. tanh, softplus, relu, leaky_relu(0.1)",
            CustomParser = CliOptions.ParseActivation,
        };
        var defaults = new ZeroSearchOptions();
        var maxWidth = NumericOptions.Integer("--max-width", 2, 16, defaults.MaxWidth, "Largest hidden width searched");
        var maxInputs = NumericOptions.Integer("--max-inputs", 1, 2, defaults.MaxInputs, "Largest input size searched (1 or 2)");
        var starts = NumericOptions.Integer("--starts", 0, 10_000, defaults.Starts, "Random starts of the numerical search per architecture (0: constructive families only)");
        var output = CliOptions.OutputFile("Write the witness network, when one is found, to FILE (.json or .onnx)");
        var command = new Command("zero-search", "Search for a network without internal symmetries that realises the zero function; tanh-type test")
        {
            activation,
            maxWidth,
            maxInputs,
            starts,
            output,
        };
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            string? path = parse.GetValue(output);
            if (path is not null) ModelFiles.CheckWritable(path);
            var rho = parse.GetValue(activation)!;
            var searchOptions = defaults with
            {
                MaxWidth = parse.GetValue(maxWidth),
                MaxInputs = parse.GetValue(maxInputs),
                Starts = parse.GetValue(starts),
            };
            var context = invocation.Context;
            var search = invocation.WithProgress("zero-search", _ => ZeroFunctionSearch.Run(rho, searchOptions, context.Key.Split(Purpose), context.Backend));
            var tanhType = TanhTypeTest.Check(rho, search);
            if (path is not null && search.Witness is { } witness)
                invocation.WithProgress("zero-search: write", progress => ModelFiles.Write(witness.Candidate.Network, path, progress));
            var zero = ZeroFunctionSection.Describe(search, invocation.Seed, context.Backend.Description);
            invocation.Write(new Report(
            [
                zero with
                {
                    Facts =
                    [
                        .. zero.Facts,
                        new("output", "Wrote", path is null ? "(nothing written: give -o FILE)" : search.Witness is null ? "(nothing written: no witness found)" : path),
                    ],
                },
                TanhTypeSection.Describe(tanhType),
            ]));
            return ExitCodes.Success;
        });
        return command;
    }
}

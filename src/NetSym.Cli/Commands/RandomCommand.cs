using System.CommandLine;
using System.Text;
using System.Text.Json;
using NetSym.Cli.Rendering;
using NetSym.IO;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Sweep;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym random ARCH [--activation relu] [--init pytorch] [--seed N] [-o FILE]</c>: a random
/// dense MLP (identity output layer), written to FILE or as NetSym JSON to stdout (on one line with --json).
/// </summary>
internal static class RandomCommand
{
    /// <summary>Every initialisation, by its lower-case name (the sweep offers the same ones).</summary>
    internal static readonly string[] InitNames = [.. Enum.GetValues<Initialization>().Select(SweepPlan.Name)];

    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var architecture = new Argument<string>("ARCH") { Description = "Widths n0-n1-…-nL, e.g. 4-8-6-2" };
        var activation = CliOptions.NewNetworkActivation();
        var init = new Option<string>("--init")
        {
            Description = "pytorch: U(±1/√fan_in) for weights and biases (nn.Linear); he: N(0, 2/fan_in), zero biases; "
                + "hebias: N(0, 2/fan_in) weights, N(0, 0.1²) biases; glorot: U(±√(6/(fan_in+fan_out))), zero biases; gaussian: N(0, 1/fan_in) for weights and biases",
            DefaultValueFactory = _ => "pytorch",
        };
        init.AcceptOnlyFromAmong(InitNames);
        var output = CliOptions.OutputFile("Write the model to FILE (.json or .onnx, by extension) instead of NetSym JSON on stdout");
        var command = new Command("random", "Create a random dense network, reproducible from --seed")
        {
            architecture,
            activation,
            init,
            output,
        };
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            var arch = Architecture.Parse(parse.GetRequiredValue(architecture));
            string? path = parse.GetValue(output);
            if (path is not null) ModelFiles.CheckWritable(path);
            var hidden = parse.GetValue(activation)!;
            string initName = parse.GetRequiredValue(init);
            // Without -o the whole JSON text is held once more, to go to stdout in one write.
            var writing = ModelFiles.EstimateWriteMemory(arch.ParameterCount, path ?? ".json");
            invocation.EnsureFits(RandomNetworks.EstimateMemory(arch).Plus(path is null ? writing.Plus(writing) : writing), "use a smaller architecture");
            var network = invocation.WithProgress("random", progress =>
                RandomNetworks.Create(arch, hidden, Enum.Parse<Initialization>(initName, ignoreCase: true), invocation.Context.Key.Split(RandomPurpose.Network), progress));

            if (path is null)
            {
                // The model is the output: as -o would write it (a weight row per line), or with --json
                // the same object on one line, as --json promises. Numbers keep their text, so their bits.
                using var buffer = new MemoryStream();
                NetworkJson.Write(network, buffer);
                if (invocation.Json)
                {
                    using var document = JsonDocument.Parse(buffer.ToArray());
                    buffer.SetLength(0);
                    using (var writer = new Utf8JsonWriter(buffer)) document.WriteTo(writer);
                }
                environment.Output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                // The file's text ends with its own newline; the one-line form needs one added.
                if (invocation.Json) environment.Output.Write('\n');
                environment.Output.Flush();
                return ExitCodes.Success;
            }
            invocation.WithProgress("random", progress => ModelFiles.Write(network, path, progress));
            invocation.Write(new Report(
            [
                new ReportSection(null, "Random network")
                {
                    Facts =
                    [
                        new("output", "Wrote", path),
                        new("format", "Format", ModelFormatNames.Of(path)),
                        new("architecture", "Architecture", network.Architecture),
                        new("hidden_activation", "Hidden activation", hidden.Spec),
                        new("init", "Initialisation", initName),
                        new("seed", "Seed", invocation.Seed, "key FromSeed(seed), split per layer (docs/randomness.md)"),
                        new("parameter_count", "Parameters", network.ParameterCount),
                        new("rounded_to_float32", "Weights rounded to float32", ModelFormatNames.RoundsToFloat32(path)),
                    ],
                },
            ]));
            return ExitCodes.Success;
        });
        return command;
    }
}

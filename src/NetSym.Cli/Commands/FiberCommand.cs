using System.CommandLine;
using NetSym.Canonical;
using NetSym.Cli.Analysis;
using NetSym.Cli.Rendering;
using NetSym.IO;
using NetSym.Reduction;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym fiber MODEL [-o OUT]</c>: every network realising the same function as MODEL — the reduced
/// canonical network, the group acting on it and its order, the degenerate additions that give larger ones —
/// complete for non-degenerate tanh-type networks, and saying why not elsewhere.
/// </summary>
internal static class FiberCommand
{
    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var model = new Argument<string>("MODEL") { Description = "Model file: .json (NetSym), .onnx or .safetensors" };
        var output = CliOptions.OutputFile("Write the reduced canonical network (.json or .onnx) to FILE");
        var command = new Command("fiber", "All networks realising the same function: complete for non-degenerate tanh-type networks")
        {
            model,
            output,
            options.ModelActivation,
        };
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            string? path = parse.GetValue(output);
            if (path is not null) ModelFiles.CheckWritable(path);
            var loaded = LoadedModel.Read(invocation, parse.GetRequiredValue(model), parse.GetValue(options.ModelActivation));
            invocation.EnsureFits(Reducer.EstimateMemory(loaded.Network).Plus(Canonicalizer.EstimateMemory(loaded.Network)).Plus(ModelFiles.EstimateWriteMemory(loaded.Network, path)),
                "describe the fiber on a machine with more memory");
            var fiber = invocation.WithProgress("fiber", progress => Fiber.Describe(loaded.Network, progress));
            if (path is not null) invocation.WithProgress("fiber: write", progress => ModelFiles.Write(fiber.Canonical.Network, path, progress));
            var section = FiberSection.Describe(null, fiber, loaded.Network.Architecture);
            invocation.Write(new Report([section with { Facts = [new("model", "Model", loaded.Source), .. section.Facts, new("output", "Wrote", path ?? "(nothing written: give -o FILE)")] }]));
            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using NetSym.Canonical;
using NetSym.Cli.Rendering;
using NetSym.IO;
using NetSym.Reduction;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym canon MODEL [-o OUT]</c>: the canonical form of the reduced network and its
/// fingerprint — equal for every network in the same symmetry orbit.
/// </summary>
internal static class CanonCommand
{
    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var model = new Argument<string>("MODEL") { Description = "Model file: .json (NetSym), .onnx or .safetensors" };
        var output = CliOptions.OutputFile("Write the canonical network (.json or .onnx) to FILE");
        var command = new Command("canon", "Canonical form (one representative per symmetry orbit) and fingerprint")
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
                "canonicalise on a machine with more memory");
            var reduction = invocation.WithProgress("canon: reduce", progress => Reducer.Reduce(loaded.Network, progress: progress));
            var canonical = invocation.WithProgress("canon: sort", progress => Canonicalizer.Canonicalize(reduction.Network, progress));
            var fingerprint = Fingerprint.Of(canonical);
            if (path is not null) invocation.WithProgress("canon: write", progress => ModelFiles.Write(canonical.Network, path, progress));
            invocation.Write(new Report(
            [
                new ReportSection(null, "Canonical form")
                {
                    Facts =
                    [
                        new("model", "Model", loaded.Source),
                        .. ReductionTable.Summary(loaded.Network.Architecture, reduction),
                        new("fingerprint", "Fingerprint", fingerprint.Hex, $"SHA-256 of the canonical parameters rounded to a grid of ≈{Fingerprint.RelativePrecision:G2} × each layer's largest |parameter| ({Fingerprint.Version})"),
                        new("fingerprint_short", "Short fingerprint", fingerprint.Short),
                        new("moved_neurons", "Neurons moved", canonical.Element.Permutations.Sum(p => p.Where((v, j) => v != j).Count()), "by the sorting permutation"),
                        new("output", "Wrote", path ?? "(nothing written: give -o FILE)"),
                    ],
                    Method = "reduced (exact rules), then each hidden neuron normalised under its activation's symmetries and sorted by fixed pseudo-random projections of its normalised incoming weights, layer by layer; float64",
                },
            ]));
            return ExitCodes.Success;
        });
        return command;
    }
}

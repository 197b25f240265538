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
            var network = loaded.Network;
            invocation.EnsureFits(Reducer.EstimateMemory(network).Plus(Canonicalizer.EstimateMemory(network)).Plus(ModelFiles.EstimateWriteMemory(network, path)),
                "canonicalise on a machine with more memory");
            var reduction = invocation.WithProgress("canon: reduce", progress => Reducer.Reduce(network, progress: progress));
            var canonical = invocation.WithProgress(network.HasDenseLayersOnly ? "canon: sort" : "canon: normalise and sort channels",
                progress => Canonicalizer.Canonicalize(reduction.Network, progress));
            if (path is not null) invocation.WithProgress("canon: write", progress => ModelFiles.Write(canonical.Network, path, progress));
            invocation.Write(new Report([Section(loaded, reduction, canonical, path)]));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The reduction, the fingerprint and what the canonical form moved; for a network with convolution, pooling or addition
    /// layers (reduced channel by channel, then normalised and sorted under the reduced network's permutation spec) also
    /// per channel class what the canonical transform did.
    /// </summary>
    private static ReportSection Section(LoadedModel loaded, ReductionResult reduction, CanonicalForm canonical, string? path)
    {
        bool dense = loaded.Network.HasDenseLayersOnly;
        return new(null, "Canonical form")
        {
            Facts =
            [
                new("model", "Model", loaded.Source),
                .. ReductionTable.Summary(loaded.Network.Architecture, reduction),
                .. dense ? Array.Empty<Fact>() : [new Fact("classes", "Channel classes", canonical.Spec!.Classes.Count, "of the reduced network")],
                .. FingerprintFacts(Fingerprint.Of(canonical)),
                dense
                    ? new("moved_neurons", "Neurons moved", canonical.MovedCount, "by the sorting permutation")
                    : new("moved_channels", "Channels moved", canonical.MovedCount, "by the sorting permutations"),
                new("output", "Wrote", path ?? "(nothing written: give -o FILE)"),
            ],
            Tables = dense ? [] : [ChannelTransformTable.Classes(canonical.Spec!, canonical.Transform!)],
            Method = dense
                ? "reduced (exact rules), then each hidden neuron normalised under its activation's symmetries and sorted by fixed pseudo-random projections of its normalised incoming weights, layer by layer; float64"
                : "reduced channel by channel (exact rules on every input: unused, dead, constant and twin channels), then channel class by channel class "
                    + "of the reduced network's permutation spec derived from the graph (in order of first producer), each channel "
                    + "normalised from its first producer's incoming kernel slice and bias (unit norm for positive scalings, largest weight positive for sign flips), "
                    + "then the channels sorted within their blocks by fixed pseudo-random projections of the normalised rows of the producers whose inputs are already fixed; float64",
        };
    }

    private static IReadOnlyList<Fact> FingerprintFacts(Fingerprint fingerprint) =>
    [
        new("fingerprint", "Fingerprint", fingerprint.Hex, $"SHA-256 of the canonical parameters rounded to a grid of ≈{Fingerprint.RelativePrecision:G2} × each layer's largest |parameter| ({Fingerprint.Version})"),
        new("fingerprint_short", "Short fingerprint", fingerprint.Short),
    ];
}

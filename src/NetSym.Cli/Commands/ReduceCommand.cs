using System.CommandLine;
using NetSym.Cli.Rendering;
using NetSym.IO;
using NetSym.Networks;
using NetSym.Reduction;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym reduce MODEL [--domain BOX] [--tol T] [-o OUT]</c>: removes dead and zero neurons, folds
/// constant (and, on a box, always-active) neurons, merges twins; reports what and why.
/// </summary>
internal static class ReduceCommand
{
    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var model = new Argument<string>("MODEL") { Description = "Model file: .json (NetSym), .onnx or .safetensors" };
        var output = CliOptions.OutputFile("Write the reduced network (.json or .onnx) to FILE");
        var command = new Command("reduce", "Reduced network: dead, constant and twin neurons removed, with the reason for each")
        {
            model,
            options.Domain,
            options.Tolerance,
            output,
            options.ModelActivation,
        };
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            string? path = parse.GetValue(output);
            if (path is not null) ModelFiles.CheckWritable(path);
            var loaded = LoadedModel.Read(invocation, parse.GetRequiredValue(model), parse.GetValue(options.ModelActivation));
            var domain = options.DomainFor(parse, loaded.Network.InputSize);
            double tolerance = parse.GetValue(options.Tolerance);
            invocation.EnsureFits(Reducer.EstimateMemory(loaded.Network).Plus(ModelFiles.EstimateWriteMemory(loaded.Network, path)), "reduce on a machine with more memory");
            var reduction = invocation.WithProgress("reduce", progress => Reducer.Reduce(loaded.Network, domain, tolerance, progress));
            if (path is not null) invocation.WithProgress("reduce: write", progress => ModelFiles.Write(reduction.Network, path, progress));
            invocation.Write(new Report(
            [
                new ReportSection(null, "Reduction")
                {
                    Facts =
                    [
                        new("model", "Model", loaded.Source),
                        .. ReductionTable.Summary(loaded.Network.Architecture, reduction),
                        new("domain", "Domain", domain?.ToString() ?? "none (global facts only)"),
                        new("tolerance", "Tolerance", tolerance, tolerance == 0 ? "exact: only exact zeros and exact twins" : "|w| ≤ tolerance counts as zero; twins equal to that relative tolerance"),
                        new("output", "Wrote", path ?? "(nothing written: give -o FILE)"),
                    ],
                    Tables = [ReductionTable.Steps(reduction)],
                    Method = !loaded.Network.HasDenseLayersOnly
                        ? "exact rules on the stored weights, channel by channel over the classes of the permutation spec (unused and dead channels; constant ones where no zero padding reads them; twins under the activation's symmetries where pooling keeps them twins; classes of grouped convolutions left), to a fixed point"
                        : domain is null
                        ? "exact rules on the stored weights (zero weights, twins under the activation's symmetries), to a fixed point"
                        : "exact rules plus interval bound propagation over the domain (outward-rounded, certified), to a fixed point",
                },
            ]));
            return ExitCodes.Success;
        });
        return command;
    }
}

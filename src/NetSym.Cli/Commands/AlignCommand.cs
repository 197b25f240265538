using System.CommandLine;
using NetSym.Canonical;
using NetSym.Cli.Rendering;
using NetSym.IO;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym align A B [-o OUT] [--interpolate X.csv [--targets Y.csv] [--steps N]]</c>: the permutation and
/// per-neuron scaling/sign that maps B closest to A (writes the aligned B to OUT), and the loss barrier on the
/// straight path from A to B before and after alignment.
/// </summary>
internal static class AlignCommand
{
    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var a = new Argument<string>("A") { Description = "Reference model" };
        var b = new Argument<string>("B") { Description = "Model to align onto A" };
        var output = CliOptions.OutputFile("Write the aligned B (.json or .onnx) to FILE");
        var tolerance = CliOptions.RelativeTolerance(AlignmentOptions.Default.Tolerance, "Relative distance below which the alignment counts as exact");
        var interpolate = new Option<string?>("--interpolate")
        {
            Description = "CSV of inputs (one row per input): report the loss along the straight path from A to B and to the aligned B, and its barrier",
            HelpName = "FILE",
        };
        var targets = new Option<string?>("--targets")
        {
            Description = "With --interpolate: CSV of targets (one row per input, one column per output); the loss is then their mean squared error",
            HelpName = "FILE",
        };
        var steps = NumericOptions.Integer("--steps", 2, 1001, 11, "With --interpolate: points α on the path, 0 and 1 included");
        var command = new Command("align", "Permutation and scaling/sign that best map B onto A")
        {
            a,
            b,
            output,
            tolerance,
            interpolate,
            targets,
            steps,
            options.ModelActivation,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(interpolate) is null && (result.GetResult(targets) is not null || result.GetResult(steps) is not null))
                result.AddError("--targets and --steps go with --interpolate FILE");
        });
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            string? path = parse.GetValue(output);
            if (path is not null) ModelFiles.CheckWritable(path);
            var (modelA, modelB) = LoadedModel.ReadPair(parse, a, b, options, invocation);
            // The files' parse buffers are still uncollected garbage when the matching runs.
            var reading = ModelFiles.EstimateReadMemory(parse.GetRequiredValue(a)).Plus(ModelFiles.EstimateReadMemory(parse.GetRequiredValue(b)));
            invocation.EnsureFits(Aligner.EstimateMemory(modelA.Network).Plus(reading).Plus(ModelFiles.EstimateWriteMemory(modelA.Network, path)), "align on a machine with more memory");
            var alignment = AlignmentOptions.Default with { Tolerance = parse.GetValue(tolerance), Seed = invocation.Seed };
            // The path's files are read before the alignment runs, so that a bad file stops it at once.
            string? inputFile = parse.GetValue(interpolate), targetFile = parse.GetValue(targets);
            var x = inputFile is null ? null : CsvMatrix.Read(inputFile, modelA.Network.InputSize);
            var y = targetFile is null ? null : CsvMatrix.Read(targetFile, modelA.Network.OutputSize, "the network's output size");
            if (x is not null && y is not null && y.Rows != x.Rows)
                throw new ArgumentException($"{targetFile}: {y.Rows} rows of targets for {x.Rows} rows of inputs in {inputFile}");
            var result = invocation.WithProgress("align", progress => Aligner.Align(modelA.Network, modelB.Network, invocation.Context.Backend, alignment, progress));
            if (path is not null) invocation.WithProgress("align: write", progress => ModelFiles.Write(result.Aligned, path, progress));
            var backend = invocation.Context.Backend;
            IReadOnlyList<ReportSection> paths = x is null ? [] :
            [
                InterpolationSection.Describe(
                    InterpolationPath.Compute(modelA.Network, modelB.Network, x, y, parse.GetValue(steps), backend),
                    InterpolationPath.Compute(modelA.Network, result.Aligned, x, y, parse.GetValue(steps), backend),
                    inputFile!, targetFile, backend),
            ];

            invocation.Write(new Report(
            [
                new ReportSection(null, "Alignment")
                {
                    Facts =
                    [
                        new("a", "A", modelA.Source),
                        new("b", "B", modelB.Source),
                        new("distance_before", "Distance before", result.DistanceBefore, "‖θ_A − θ_B‖₂"),
                        new("distance_after", "Distance after", result.DistanceAfter, "‖θ_A − θ_{g·B}‖₂"),
                        new("relative_distance_before", "Relative before", result.RelativeDistanceBefore, "divided by ‖θ_A‖₂"),
                        new("relative_distance_after", "Relative after", result.RelativeDistanceAfter, "divided by ‖θ_A‖₂"),
                        new("max_deviation", "Largest parameter deviation", result.MaxDeviation, "max |θ_A − θ_{g·B}|"),
                        new("exact", "Exact", result.Exact, $"relative distance after ≤ {parse.GetValue(tolerance):G3}"),
                        new("stage", "Kept", StageName(result.Stage), "the closest of: unchanged, layer-by-layer matching, weight-matching refinement"),
                        new("sweeps", "Refinement sweeps", result.Sweeps),
                        new("output", "Wrote", path ?? "(nothing written: give -o FILE)"),
                    ],
                    Tables = [result.Transform is { } transform ? ChannelMapTable.Of(transform) : SymmetryMapTable.Of(result.Element!)],
                    Method = result.Transform is null
                        ? "neurons normalised under their activation's symmetries, then per hidden layer a linear assignment (shortest augmenting path) on incoming weights, refined by weight matching; float64"
                        : $"channels normalised class by class under the permutation spec's factors (first producer's kernel and bias norm, sign of its largest entry), then per channel class in order a linear assignment (shortest augmenting path) within blocks on incoming kernels, refined by weight matching over all producers and consumers, classes in random order per sweep (seed {invocation.Seed}); float64",
                },
                .. paths,
            ]));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The kept candidate's stable JSON name.</summary>
    private static string StageName(AlignmentStage stage) => stage switch
    {
        AlignmentStage.Unchanged => "unchanged",
        AlignmentStage.LayerMatching => "layer_matching",
        _ => "weight_matching",
    };
}

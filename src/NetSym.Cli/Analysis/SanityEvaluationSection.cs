using NetSym.Cli.Rendering;
using NetSym.Dimension;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Cli.Analysis;

/// <summary>
/// Evaluates the network on a few seeded standard normal inputs: are all outputs finite, and what
/// range do they cover (overall and per output).
/// </summary>
internal sealed class SanityEvaluationSection : IAnalysisSection
{
    /// <summary>How many random inputs the sanity evaluation uses.</summary>
    public const int SampleCount = 16;

    /// <inheritdoc />
    public string Title => "Sanity evaluation";

    /// <inheritdoc />
    public ReportSection Describe(AnalysisSubject subject)
    {
        var network = subject.Model.Network;
        var sampler = InputSampler.Gaussian(network.InputSize);
        var inputs = sampler.Draw(SampleCount, subject.Seed);
        var outputs = Forward.Evaluate(network, inputs, subject.Backend);
        bool allFinite = outputs.Data.All(double.IsFinite);
        string over = $"over all {outputs.Rows}×{outputs.Columns} outputs";
        return new ReportSection("sanity_evaluation", Title)
        {
            Facts =
            [
                new("samples", "Samples", SampleCount, sampler.Describe(subject.Seed)),
                new("seed", "Seed", subject.Seed, "--seed"),
                new("precision", "Precision", "float64"),
                new("backend", "Backend", subject.Backend.Description),
                new("all_finite", "All outputs finite", allFinite),
                new("output_min", "Output minimum", outputs.Data.Min(), over),
                new("output_max", "Output maximum", outputs.Data.Max(), over),
            ],
            Tables = [PerOutput(outputs)],
            Method = $"float64 forward pass (Forward.Evaluate) of {SampleCount} inputs {sampler.Describe(subject.Seed)}; backend {subject.Backend.Description}",
        };
    }

    private static ReportTable PerOutput(Matrix outputs) => new(
        "outputs",
        "Range of each output",
        [new("index", "output"), new("min", "min"), new("max", "max")],
        [
            .. Enumerable.Range(0, outputs.Columns).Select(j =>
            {
                var column = Enumerable.Range(0, outputs.Rows).Select(i => outputs[i, j]).ToList();
                return (IReadOnlyList<ReportValue>)[j, column.Min(), column.Max()];
            }),
        ]);
}

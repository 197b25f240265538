using NetSym.Canonical;
using NetSym.Networks;
using NetSym.Cli.Commands;
using NetSym.Cli.Rendering;
using NetSym.Reduction;
using NetSym.Symmetries;

namespace NetSym.Cli.Analysis;

/// <summary>
/// The symmetry group (per hidden layer, with the exact order), what reduction removes and why, and
/// the fingerprint of the canonical form; for a network with convolution, pooling or addition layers,
/// the permutation spec derived from its graph, its channel reduction and fingerprint.
/// </summary>
internal sealed class SymmetriesSection : IAnalysisSection
{
    /// <inheritdoc />
    public string Title => "Symmetries";

    /// <inheritdoc />
    public ReportSection Describe(AnalysisSubject subject)
    {
        var network = subject.Model.Network;
        var reduction = Reducer.Reduce(network);
        var fingerprint = Fingerprint.Of(Canonicalizer.Canonicalize(reduction.Network));
        if (!network.HasDenseLayersOnly)
        {
            var spec = PermutationSpecSection.Of(network, PermutationSpec.Derive(network), allDigits: false);
            return spec with
            {
                Key = "symmetries",
                Title = Title,
                Facts = [.. spec.Facts, .. ReductionFacts(network, reduction, fingerprint, "channels")],
                Tables = [.. spec.Tables, .. StepsTable(reduction)],
                Method = spec.Method + "; reduction channel by channel by exact rules on the stored weights; canonical form and fingerprint in float64",
            };
        }
        var group = SymmetryGroup.Of(network);
        var count = SymmetryCount.Of(network);
        return new ReportSection("symmetries", Title)
        {
            Facts =
            [
                .. CountCommand.OrderFacts(count.Order, allDigits: false),
                new("continuous_dimension", "Continuous dimension", count.ContinuousDimension),
                .. ReductionFacts(network, reduction, fingerprint, "neurons"),
            ],
            Tables =
            [
                new ReportTable("layers", "Group by hidden layer",
                    [new("layer", "layer"), new("width", "width"), new("activation", "activation"), new("permutations", "permutations"), new("discrete", "per-neuron discrete"), new("continuous", "per-neuron continuous")],
                    [.. group.Layers.Select(l => (IReadOnlyList<ReportValue>)
                    [
                        l.Layer, l.Width, l.Activation.Spec,
                        string.Join("·", l.InterchangeableClasses.Select(c => $"{c.Length}!")),
                        Discrete(l.Activation.Symmetries),
                        l.Activation.Symmetries.Continuous.Count == 0 ? "none" : string.Join(", ", l.Activation.Symmetries.Continuous.Select(f => f.Description)),
                    ])])
                {
                    Caption = "symmetries (a, b, c, d) mean ρ(a·z + b) = c·ρ(z) + d; \"with the steps sⁿ\": every integer power of s too"
                        + CountCommand.Caveats(group.Layers.Select(l => l.Activation)),
                },
                .. StepsTable(reduction),
            ],
            Method = "group derived from each activation's affine symmetries (exact count); reduction by exact rules on the stored weights; canonical form and fingerprint in float64",
        };
    }

    /// <summary>What reduction removed, whether that makes the network degenerate, and the reduced network's fingerprint.</summary>
    private static IEnumerable<Fact> ReductionFacts(Network network, ReductionResult reduction, Fingerprint fingerprint, string units) =>
    [
        .. ReductionTable.Summary(network.Architecture, reduction),
        new("degenerate", "Degenerate", reduction.Steps.Count > 0,
            reduction.Steps.Count > 0
                ? $"dead, constant or twin {units}: the set of equivalent parameters is larger than the group's orbit (see reduction steps)"
                : $"no dead, constant or twin {units[..^1]}: the generic count applies"),
        new("fingerprint", "Fingerprint", fingerprint.Hex, $"of the reduced network's canonical form ({Fingerprint.Version})"),
    ];

    private static IEnumerable<ReportTable> StepsTable(ReductionResult reduction) =>
        reduction.Steps.Count > 0 ? [ReductionTable.Steps(reduction, "reduction_steps")] : [];

    /// <summary>The listed elements and the step of one neuron's group, or "none".</summary>
    private static string Discrete(AffineSymmetryGroup group)
    {
        IEnumerable<string> parts = group.Discrete.Select(d => d.ToString());
        if (group.Step is { } step) parts = parts.Append($"with the steps {step}ⁿ");
        return string.Join(", ", parts.DefaultIfEmpty("none"));
    }
}

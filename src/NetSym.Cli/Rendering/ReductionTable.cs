using NetSym.Reduction;

namespace NetSym.Cli.Rendering;

/// <summary>The steps of a reduction as a table, and its summary as facts; shared by reduce, canon, equiv and analyze.</summary>
internal static class ReductionTable
{
    /// <summary>One row per step: layer, neuron, rule, action, reason.</summary>
    public static ReportTable Steps(ReductionResult reduction, string key = "steps") => new(
        key,
        "Reduction steps",
        [new("layer", "layer"), new("neuron", "neuron"), new("rule", "rule"), new("action", "action"), new("reason", "why")],
        [.. reduction.Steps.Select(s => (IReadOnlyList<ReportValue>)[s.Layer, s.Neuron, RuleName(s.Rule), s.Action, s.Reason])])
    {
        Caption = reduction.Steps.Any(s => s.IsChannel)
            ? "indices refer to the network as given; neuron: an output channel, removed from every producer and addition of its class (layer: the class's first producer); rules: zero_outgoing (unused), zero_incoming (dead or constant), twin"
            : "indices refer to the network as given; rules: zero_outgoing, zero_incoming, constant_on_domain, affine_on_domain, twin",
    };

    /// <summary>Architecture before and after, neurons removed, and the guarantee in words.</summary>
    public static IReadOnlyList<Fact> Summary(string before, ReductionResult reduction) =>
    [
        new("architecture_before", "Architecture", before),
        new("architecture_after", "Reduced architecture", reduction.Network.Architecture),
        new("removed_neurons", "Neurons removed", reduction.RemovedNeuronCount),
        new("guarantee", "Guarantee", reduction.Guarantee),
    ];

    /// <summary>The rule's stable snake_case name.</summary>
    public static string RuleName(ReductionRule rule) => rule switch
    {
        ReductionRule.ZeroOutgoing => "zero_outgoing",
        ReductionRule.ZeroIncoming => "zero_incoming",
        ReductionRule.ConstantOnDomain => "constant_on_domain",
        ReductionRule.AffineOnDomain => "affine_on_domain",
        _ => "twin",
    };
}

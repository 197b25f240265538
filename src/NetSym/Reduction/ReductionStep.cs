namespace NetSym.Reduction;

/// <summary>
/// One thing the reducer did: which hidden neuron (indices of the network given to the reducer), by
/// which rule, and in words why, with the numbers that certify it.
/// </summary>
/// <param name="Layer">Index of the hidden layer (for a channel: its class's first producer layer).</param>
/// <param name="Neuron">Index of the neuron in that layer of the original network (for a channel: the output channel, <see cref="IsChannel"/>).</param>
/// <param name="Rule">The rule that applied.</param>
/// <param name="MergedInto">For <see cref="ReductionRule.Twin"/>: the neuron (original index) that absorbed it; otherwise null.</param>
/// <param name="KeptAsPlaceholder">
/// The neuron was the last of its layer: after folding it stays, with zero incoming weights, bias and
/// outgoing weights, so that the layer is not empty.
/// </param>
/// <param name="Reason">Why the rule applies, e.g. "pre-activation in [−5.2, −0.31] on the domain, where relu is constant 0".</param>
public sealed record ReductionStep(int Layer, int Neuron, ReductionRule Rule, int? MergedInto, bool KeptAsPlaceholder, string Reason)
{
    /// <summary>
    /// Whether <see cref="Neuron"/> (and <see cref="MergedInto"/>) is an output channel of a convolutional or residual
    /// network: every position of the channel, in every producer and addition of its class, went together.
    /// </summary>
    public bool IsChannel { get; init; }

    /// <summary>Whether the step relies on the domain (interval bounds), so that equality holds on the domain only.</summary>
    public bool HoldsOnDomainOnly => Rule is ReductionRule.ConstantOnDomain or ReductionRule.AffineOnDomain;

    /// <summary>What was done, in words.</summary>
    public string Action
    {
        get
        {
            string action = Rule switch
            {
                ReductionRule.ZeroOutgoing => "removed",
                ReductionRule.ZeroIncoming or ReductionRule.ConstantOnDomain => "folded into its consumers' biases",
                ReductionRule.AffineOnDomain => "folded into its consumers' affine maps",
                _ => $"merged into {Unit} {MergedInto}",
            };
            return KeptAsPlaceholder ? action + (IsChannel ? "; kept as a zero placeholder (last channel of its class)" : "; kept as a zero placeholder (last neuron of its layer)") : action;
        }
    }

    /// <summary>"layer l, neuron j: reason → action" ("channel j" for a channel).</summary>
    public override string ToString() => $"layer {Layer}, {Unit} {Neuron}: {Reason} → {Action}";

    private string Unit => IsChannel ? "channel" : "neuron";
}

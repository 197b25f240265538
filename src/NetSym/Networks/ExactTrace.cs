namespace NetSym.Networks;

/// <summary>
/// The exact forward pass of one input: node values (node 0 = the input, node l + 1 = layer l's
/// output) and each layer's pre-activations z_l = W_l·x_l + b_l, as dyadic rationals.
/// </summary>
public sealed record ExactTrace(IReadOnlyList<Dyadic[]> Nodes, IReadOnlyList<Dyadic[]> PreActivations)
{
    /// <summary>The network's output f(x).</summary>
    public Dyadic[] Outputs => Nodes[^1];
}

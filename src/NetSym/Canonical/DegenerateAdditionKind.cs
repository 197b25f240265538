namespace NetSym.Canonical;

/// <summary>
/// A way to enlarge a network without changing its function: the degenerate additions that, with ρ's
/// affine symmetries, give every network realising a tanh-type network's function (Sussmann 1992 for
/// one hidden layer; Vlačić &amp; Bölcskei 2021 in general). Each is undone by <see cref="Reduction.Reducer"/>
/// (the rule named), except <see cref="ZeroWeightEdge"/>, which changes the architecture.
/// </summary>
public enum DegenerateAdditionKind
{
    /// <summary>A neuron with any incoming weights and zero outgoing weights (rule: zero outgoing).</summary>
    DeadUnit,

    /// <summary>A neuron with zero incoming weights, so it outputs the constant ρ(β), which its consumers' biases absorb (rule: zero incoming).</summary>
    ConstantUnit,

    /// <summary>A neuron split in two: a copy under a symmetry (a, b, c, d) of ρ takes part u′ of its outgoing weights, and the original keeps u − c·u′ (rule: twins).</summary>
    SplitUnit,

    /// <summary>Two new neurons, one the image of the other under a symmetry of ρ, whose outgoing weights cancel (rules: twins, then zero outgoing).</summary>
    CancellingPair,

    /// <summary>An extra connection with weight zero: a larger architecture (here, a layer that also reads the network input) realising the same function.</summary>
    ZeroWeightEdge,
}

namespace NetSym.Reduction;

/// <summary>Why the reducer removed a hidden neuron.</summary>
public enum ReductionRule
{
    /// <summary>Every outgoing weight is zero: the neuron does not influence the output. It is removed.</summary>
    ZeroOutgoing,

    /// <summary>Every incoming weight is zero: the neuron outputs the constant ρ(β) everywhere, folded into its consumers' biases.</summary>
    ZeroIncoming,

    /// <summary>On the domain the pre-activation stays in a piece where ρ is constant (a dead or saturated unit): the constant is folded into the consumers' biases.</summary>
    ConstantOnDomain,

    /// <summary>On the domain the pre-activation stays in one linear piece of ρ (an always-active ReLU): the neuron is affine in its inputs and is folded into its consumers' affine maps.</summary>
    AffineOnDomain,

    /// <summary>Its incoming weights and bias are the image of another neuron's under an affine symmetry of ρ: its outgoing weights are merged into that neuron's.</summary>
    Twin,
}

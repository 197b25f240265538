namespace NetSym.Dimension;

/// <summary>
/// Mechanisms that put directions into the kernel of the parameter Jacobian beyond the symmetry
/// group's (Grigsby, Lindsey &amp; Rolnick 2023, §4, and NetSym's reduction rules).
/// </summary>
public enum DeficitCauseKind
{
    /// <summary>The Jacobian has fewer rows (points × outputs) than the bound: the batch cannot reach it.</summary>
    BatchTooSmall,

    /// <summary>Constant on every input of the batch (a ReLU never active): its incoming weights and bias do not matter there, nor do its outgoing weights beyond the constant they add.</summary>
    DeadOnBatch,

    /// <summary>
    /// Off the zero-slope pieces on only k &gt; 0 inputs, fewer than its fan-in + 1: its incoming weights
    /// and bias enter the Jacobian only through those k inputs, which fix at most k of their fan-in + 1
    /// directions — the rest are in the kernel. A dead neuron is the case k = 0; more points usually cure it.
    /// </summary>
    RarelyActive,

    /// <summary>Not constant, but every consumer that reads it with a non-zero weight is constant (or cut off) on every input where it varies: its signal never reaches the output on the batch.</summary>
    InertOnBatch,

    /// <summary>
    /// A weight whose column of J is zero: on every input either its source neuron outputs 0 or its
    /// target neuron does not reach the output (the two are never on together), so the weight does not
    /// matter on the batch. Edges of dead or inert neurons are left to those causes.
    /// </summary>
    SilentWeight,

    /// <summary>In one linear piece of a non-affine activation on every input (a ReLU always active): the neuron is affine on the batch, so its bias trades against its consumers' biases.</summary>
    LinearOnBatch,

    /// <summary>A hidden layer with an affine activation (identity) of width ≥ 2: any invertible mixing of its neurons is undone by the next layer, beyond the per-neuron symmetries in the bound.</summary>
    AffineLayer,

    /// <summary>Every outgoing weight is 0 (reduction rule): its incoming weights and bias are free.</summary>
    ZeroOutgoing,

    /// <summary>Every incoming weight is 0 (reduction rule): the neuron is a constant.</summary>
    ZeroIncoming,

    /// <summary>Its incoming weights and bias are another neuron's under a symmetry of ρ (reduction rule): only a combination of the two neurons' outgoing weights matters.</summary>
    Twin,

    /// <summary>A hidden layer narrower than the input: the paper's theorem that some parameters have no hidden symmetry needs every layer at least as wide as the input.</summary>
    NarrowLayer,

    /// <summary>
    /// The layer's input on the batch (the network's inputs for the first layer, its sources' outputs
    /// for the others) spans an affine subspace of dimension r below its fan-in (constant pixels, dead
    /// or always-equal neurons): every neuron's incoming weights and bias along the fan-in − r
    /// directions orthogonal to [x | 1] are invisible, width × (fan-in − r) kernel directions.
    /// </summary>
    InputSubspace,
}

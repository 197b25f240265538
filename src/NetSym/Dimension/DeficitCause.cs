using NetSym.Networks;
using NetSym.Reduction;

namespace NetSym.Dimension;

/// <summary>
/// One mechanism found in the network or on the batch that can lower the rank below the bound: its
/// kind, where it is, and the facts behind it (the batch's size, the rows and the bound are the result's).
/// </summary>
/// <param name="Kind">The mechanism.</param>
/// <param name="Layer">The layer concerned, or null for the batch as a whole.</param>
/// <param name="Neurons">The neurons of <paramref name="Layer"/> concerned (for a twin: the neuron kept, then its twin); empty for a batch-wide or architectural cause.</param>
/// <param name="Parameters">The parameters concerned when the cause is about single weights (a silent weight); otherwise empty.</param>
public sealed record DeficitCause(DeficitCauseKind Kind, int? Layer, IReadOnlyList<int> Neurons, IReadOnlyList<int> Parameters)
{
    /// <summary>A cause about whole neurons (or none).</summary>
    public DeficitCause(DeficitCauseKind kind, int? layer, IReadOnlyList<int> neurons)
        : this(kind, layer, neurons, []) { }

    /// <summary><see cref="DeficitCauseKind.RarelyActive"/>: on how many inputs of the batch the neuron is off the zero-slope pieces.</summary>
    public int? ActiveInputs { get; init; }

    /// <summary><see cref="DeficitCauseKind.SilentWeight"/>: the weight's column in its layer's input.</summary>
    public int? Column { get; init; }

    /// <summary><see cref="DeficitCauseKind.SilentWeight"/>: the neuron that the weight reads.</summary>
    public Neuron? Source { get; init; }

    /// <summary><see cref="DeficitCauseKind.ZeroOutgoing"/>, <see cref="DeficitCauseKind.ZeroIncoming"/>, <see cref="DeficitCauseKind.Twin"/>: the reduction step that found it.</summary>
    public ReductionStep? Reduction { get; init; }

    /// <summary><see cref="DeficitCauseKind.InputSubspace"/>: the dimension r of the affine span of the layer's input on the batch (fan-in − r directions missing per neuron).</summary>
    public int? SpanDimension { get; init; }

    /// <summary>
    /// <see cref="DeficitCauseKind.InputSubspace"/>: the directions missing per neuron, fan-in − r less
    /// the columns of hidden neurons constant on the batch or merged as twins (their outgoing weights
    /// are the dead neuron's or the twin's cause); the layer's width times this many kernel directions.
    /// </summary>
    public int? MissingDirections { get; init; }
}

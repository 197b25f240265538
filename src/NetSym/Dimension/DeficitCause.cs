namespace NetSym.Dimension;

/// <summary>One mechanism found in the network or on the batch that can lower the rank below the bound.</summary>
/// <param name="Kind">The mechanism.</param>
/// <param name="Layer">The layer concerned, or null for the batch as a whole.</param>
/// <param name="Neurons">The neurons of <paramref name="Layer"/> concerned (for a twin: the neuron kept, then its twin); empty for a batch-wide or architectural cause.</param>
/// <param name="Description">What was found, in words, with the numbers behind it.</param>
/// <param name="Parameters">The parameters concerned when the cause is about single weights (a silent weight); otherwise empty.</param>
public sealed record DeficitCause(DeficitCauseKind Kind, int? Layer, IReadOnlyList<int> Neurons, string Description, IReadOnlyList<int> Parameters)
{
    /// <summary>A cause about whole neurons (or none).</summary>
    public DeficitCause(DeficitCauseKind kind, int? layer, IReadOnlyList<int> neurons, string description)
        : this(kind, layer, neurons, description, []) { }
}

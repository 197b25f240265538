namespace NetSym.Identifiability;

/// <summary>
/// One named check of <see cref="LocalIdentifiability"/>: whether it holds, and the numbers or the
/// neuron, sample or parameters that say why.
/// </summary>
/// <param name="Kind">Which check, e.g. <see cref="IdentifiabilityConditionKind.Sufficient"/> (C_S).</param>
/// <param name="Holds">Whether it holds; null when it was not evaluated (<paramref name="Detail"/> or <see cref="TooLarge"/> says why).</param>
/// <param name="Detail">
/// The witness in words: ranks and bound, the neuron, the sample, or why it was skipped; when
/// <see cref="TooLarge"/> is set, the words that lead up to it.
/// </param>
public sealed record IdentifiabilityCondition(IdentifiabilityConditionKind Kind, bool? Holds, string Detail)
{
    /// <summary>Not evaluated because what the check needs is larger than its limit: what, how large, and the limit.</summary>
    public Oversize? TooLarge { get; init; }
}

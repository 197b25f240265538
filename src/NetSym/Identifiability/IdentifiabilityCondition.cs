namespace NetSym.Identifiability;

/// <summary>
/// One named check of <see cref="LocalIdentifiability"/>: whether it holds, and the numbers or the
/// neuron, sample or parameters that say why (<see cref="ConditionNames"/> lists the names).
/// </summary>
/// <param name="Name">The stable name, e.g. "C_S".</param>
/// <param name="Holds">Whether it holds; null when it was not evaluated (<paramref name="Detail"/> says why).</param>
/// <param name="Detail">The witness in words: ranks and bound, the neuron, the sample, or why it was skipped.</param>
public sealed record IdentifiabilityCondition(string Name, bool? Holds, string Detail);

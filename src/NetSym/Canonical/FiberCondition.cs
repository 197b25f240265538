namespace NetSym.Canonical;

/// <summary>One condition of the uniqueness theorem behind <see cref="Fiber"/>, as checked on a network.</summary>
/// <param name="Name">Short snake_case name, e.g. "tanh_type", "no_twins".</param>
/// <param name="Holds">Whether the condition holds.</param>
/// <param name="Detail">What was checked and how, and what failed where it does not hold.</param>
public sealed record FiberCondition(string Name, bool Holds, string Detail);

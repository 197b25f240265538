using NetSym.Networks;

namespace NetSym.Identifiability;

/// <summary>A network proposed for the zero function, where it came from and why it should be 0.</summary>
/// <param name="Network">The network (one output, identity output layer).</param>
/// <param name="Origin">Its family or search run, e.g. "linear pair" or "numerical: 1-4-1, start 3".</param>
/// <param name="Argument">Why it should realise 0, e.g. the identity ρ(x) − ρ(−x) = x it rests on.</param>
public sealed record ZeroCandidate(Network Network, string Origin, string Argument);

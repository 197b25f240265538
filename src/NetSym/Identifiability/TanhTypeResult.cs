using NetSym.Networks;

namespace NetSym.Identifiability;

/// <summary>The outcome of <see cref="TanhTypeTest.Check"/> for one nonlinearity.</summary>
/// <param name="Activation">The nonlinearity tested.</param>
/// <param name="Verdict">The answer.</param>
/// <param name="Reason">The answer in words: the theorem that applies, or the condition that fails and why.</param>
/// <param name="Conditions">Every condition checked, in order, with how and what it gave.</param>
public sealed record TanhTypeResult(Activation Activation, TanhTypeVerdict Verdict, string Reason, IReadOnlyList<TanhTypeCondition> Conditions);

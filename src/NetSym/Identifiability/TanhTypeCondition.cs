namespace NetSym.Identifiability;

/// <summary>One condition of the tanh-type test, how it was checked and what that gave.</summary>
/// <param name="Key">Stable snake_case name, e.g. "no_linear_pair".</param>
/// <param name="Statement">The condition and why it matters for the zero-function question.</param>
/// <param name="Outcome">Whether it holds.</param>
/// <param name="Method">How it was checked: exactly from the catalog's closed form, or on a grid to a tolerance.</param>
/// <param name="Detail">The finding: the relation, residual, breakpoints or witness behind the outcome.</param>
public sealed record TanhTypeCondition(string Key, string Statement, ConditionOutcome Outcome, string Method, string Detail);

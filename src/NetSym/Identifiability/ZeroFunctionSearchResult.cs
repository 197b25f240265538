using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Identifiability;

/// <summary>The outcome of <see cref="ZeroFunctionSearch.Run"/>: what was searched and what was found.</summary>
/// <param name="Activation">The hidden nonlinearity ρ.</param>
/// <param name="Options">The search space, starts and tolerances.</param>
/// <param name="Key">The random key the starts and samples were drawn from.</param>
/// <param name="Constructive">Every constructive candidate tried, with its verification.</param>
/// <param name="Architectures">Per architecture, what the numerical search did (empty with no starts).</param>
/// <param name="Witness">The first candidate that passed verification (constructive ones first), or null.</param>
public sealed record ZeroFunctionSearchResult(
    Activation Activation,
    ZeroSearchOptions Options,
    RandomKey Key,
    IReadOnlyList<ZeroCandidateOutcome> Constructive,
    IReadOnlyList<ZeroSearchArchitecture> Architectures,
    ZeroCandidateOutcome? Witness)
{
    /// <summary>Whether a non-degenerate network realising 0 was found.</summary>
    public bool Found => Witness is not null;

    /// <summary>
    /// Whether the witness is certain: a constructive candidate (an algebraic identity, verified) or
    /// exactly 0 in dyadic arithmetic, rather than a float64 minimiser held to a tolerance and margins.
    /// </summary>
    public bool WitnessIsCertain => Witness is { } w && (Constructive.Contains(w) || w.Verification.ExactlyZero == true);

    /// <summary>Total random starts run.</summary>
    public int StartsRun => Architectures.Sum(a => a.Starts);
}

namespace NetSym.Identifiability;

/// <summary>A candidate and what its verification gave.</summary>
/// <param name="Candidate">The network proposed.</param>
/// <param name="Verification">The independent check.</param>
public sealed record ZeroCandidateOutcome(ZeroCandidate Candidate, ZeroFunctionVerification Verification);

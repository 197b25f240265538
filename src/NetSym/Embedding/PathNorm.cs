namespace NetSym.Embedding;

/// <summary>
/// The L^q path norm ‖Φ(θ)‖_q = (Σ_p |Φ_p(θ)|^q)^{1/q} (<see cref="Value"/>) and the same norm of each
/// output's block of paths (<see cref="PerOutput"/>). For q = 0, ‖Φ‖_0 counts the paths whose
/// product is non-zero; for q = ∞, ‖Φ‖_∞ = max_p |Φ_p|.
/// </summary>
public sealed record PathNorm(double Q, double Value, IReadOnlyList<double> PerOutput);

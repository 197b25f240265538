using NetSym.Dimension;
using NetSym.Embedding;

namespace NetSym.Identifiability;

/// <summary>How <see cref="LocalIdentifiability.Check"/> decides its ranks.</summary>
public sealed record IdentifiabilityOptions
{
    /// <summary>How many primes the rank of α tries at least: it is cheap, and a rank of α found too small is what could wrongly decide "not identifiable".</summary>
    public const int MinimumAlphaPrimes = 3;

    /// <summary>Exact (ranks mod p, the default: every supported network is piecewise linear) or float (singular values).</summary>
    public RankMethod? Method { get; init; }

    /// <summary>Float only: singular values ≤ this count as zero; null uses σ_max·max(m, n)·ε of each matrix ranked.</summary>
    public double? Tolerance { get; init; }

    /// <summary>Exact only: how many random primes R_Γ tries (the rank is the largest); α tries at least <see cref="MinimumAlphaPrimes"/>.</summary>
    public int Primes { get; init; } = 1;

    /// <summary>Seed for the primes, drawn by <see cref="LinearAlgebra.PrimeField.Draws"/> as <see cref="FunctionalDimension"/> draws them (the same seed gives the same first prime).</summary>
    public int Seed { get; init; }

    /// <summary>The most entries that α or Φ may have where they are written out (see <see cref="PathLifting.DefaultMaxPaths"/>).</summary>
    public long MaxPaths { get; init; } = PathLifting.DefaultMaxPaths;

    /// <summary>The defaults.</summary>
    public static IdentifiabilityOptions Default { get; } = new();

    /// <summary>Rejects a negative or NaN tolerance, fewer than one prime and a negative path limit.</summary>
    /// <exception cref="ArgumentException">One of those.</exception>
    public void Validate()
    {
        if (Tolerance is { } t && !(t >= 0)) throw new ArgumentException($"tolerance must be a non-negative number, got {t}");
        if (Primes < 1) throw new ArgumentException($"at least one prime is needed, got {Primes}");
        if (MaxPaths < 0) throw new ArgumentException($"the path limit must be non-negative, got {MaxPaths}");
    }
}

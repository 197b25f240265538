namespace NetSym.Dimension;

/// <summary>How <see cref="FunctionalDimension.Compute"/> decides the rank.</summary>
public sealed record FunctionalDimensionOptions
{
    /// <summary>Exact or float; null chooses exact when every activation is piecewise linear, float otherwise.</summary>
    public RankMethod? Method { get; init; }

    /// <summary>Float only: singular values ≤ this count as zero; null uses σ_max·max(m, n)·ε (NumPy's default).</summary>
    public double? Tolerance { get; init; }

    /// <summary>Exact only: how many random primes to try (the rank is the largest over them).</summary>
    public int Primes { get; init; } = 1;

    /// <summary>Seed for the primes (and nothing else: the inputs are given), drawn by <see cref="LinearAlgebra.PrimeField.Draws"/>.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Whether to compute the kernel directions beyond the symmetry group's when the rank falls short
    /// of the bound (needs a piecewise-linear network; costs about one more elimination).
    /// </summary>
    public bool KernelDirections { get; init; } = true;

    /// <summary>The defaults.</summary>
    public static FunctionalDimensionOptions Default { get; } = new();

    /// <summary>Rejects a negative or NaN tolerance and fewer than one prime.</summary>
    public void Validate()
    {
        if (Tolerance is { } t && !(t >= 0)) throw new ArgumentException($"tolerance must be a non-negative number, got {t}");
        if (Primes < 1) throw new ArgumentException($"at least one prime is needed, got {Primes}");
    }
}

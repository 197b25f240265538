namespace NetSym.Canonical;

/// <summary>Settings of <see cref="Aligner.Align"/>.</summary>
public sealed record AlignmentOptions
{
    /// <summary>The settings used when none are given.</summary>
    public static AlignmentOptions Default { get; } = new();

    /// <summary>
    /// The alignment is <see cref="AlignmentResult.Exact"/> when ‖θ_A − θ_{g·B}‖₂ ≤ Tolerance · ‖θ_A‖₂ (absolute when A
    /// is all zero). Default 1e-9: far above the rounding of normalising and composing (~1e-15), far below any real difference.
    /// </summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>
    /// Whether an inexact layer-by-layer matching is refined by weight matching (coordinate descent over the hidden
    /// layers on incoming and outgoing weights together, as in Git Re-Basin). Default true.
    /// </summary>
    public bool Refine { get; init; } = true;

    /// <summary>Most sweeps over the hidden layers that the refinement makes before it stops. Default 100.</summary>
    public int MaxSweeps { get; init; } = 100;

    /// <summary>
    /// Seed of the random class order of each weight-matching sweep for networks that are not dense-only
    /// (<c>RandomKey.FromSeed(Seed).Split("alignment")</c>); dense networks sweep their layers in order. Default 0.
    /// </summary>
    public int Seed { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentException">A tolerance that is negative, NaN or infinite, or a negative sweep count.</exception>
    public void Validate()
    {
        if (!(Tolerance >= 0) || double.IsInfinity(Tolerance))
            throw new ArgumentException($"alignment tolerance must be a finite number ≥ 0, got {Tolerance}");
        if (MaxSweeps < 0)
            throw new ArgumentException($"alignment sweep limit must be ≥ 0, got {MaxSweeps}");
    }
}

namespace NetSym.Extraction;

/// <summary>
/// The knobs of an extraction (docs/extraction.md). The defaults suit inputs of order 1, as for
/// networks trained on standardised data; every tolerance inside is relative to magnitudes measured
/// by queries, so the only absolute scale is <see cref="InputScale"/>.
/// </summary>
public sealed record ExtractionOptions
{
    /// <summary>The seed of every random choice (lines, probe directions, sample points).</summary>
    public long Seed { get; init; }

    /// <summary>The typical size of an input coordinate: line offsets and sample points are drawn at this scale.</summary>
    public double InputScale { get; init; } = 1;

    /// <summary>
    /// Half the length of each search line, in units of <see cref="InputScale"/>: a line crosses every
    /// first-layer hyperplane once, at a distance that grows as its angle to the line shrinks, so long
    /// lines find nearly every unit on every line.
    /// </summary>
    public double LineHalfLength { get; init; } = 1000;

    /// <summary>The search of layer 1 stops once this many consecutive lines find no kink that the units found do not explain; a deeper layer's, twice as many.</summary>
    public int StableLines { get; init; } = 3;

    /// <summary>The most search lines; past it the extraction stops with a partial result.</summary>
    public int MaxLines { get; init; } = 200;

    /// <summary>Points per unit on its hyperplane, beyond the d that fix it, for the precision refinement.</summary>
    public int ExtraRefinementPoints { get; init; } = 4;

    /// <summary>The most sign patterns the sign solver may enumerate, as a power of two (free unknowns of its linear system).</summary>
    public int MaxFreeSigns { get; init; } = 22;

    /// <summary>The most hidden layers searched; a function still not affine in the last layer's features after them stops the extraction.</summary>
    public int MaxHiddenLayers { get; init; } = 8;

    /// <summary>Fresh inputs on which the recovered network is compared with the oracle at the end (counted under verification).</summary>
    public int VerificationPoints { get; init; } = 1000;

    /// <summary>Throws unless every option is usable.</summary>
    /// <exception cref="ArgumentException">A scale or length that is not positive and finite, or a count that is not positive.</exception>
    public void Validate()
    {
        if (!(InputScale > 0) || double.IsInfinity(InputScale)) throw new ArgumentException($"the input scale must be positive and finite, got {InputScale}");
        if (!(LineHalfLength > 0) || double.IsInfinity(LineHalfLength)) throw new ArgumentException($"the line half-length must be positive and finite, got {LineHalfLength}");
        if (StableLines < 1) throw new ArgumentException($"the number of stable lines must be positive, got {StableLines}");
        if (MaxLines < StableLines) throw new ArgumentException($"the most lines ({MaxLines}) must be at least the stable lines ({StableLines})");
        if (ExtraRefinementPoints < 0) throw new ArgumentException($"the extra refinement points must not be negative, got {ExtraRefinementPoints}");
        if (MaxFreeSigns is < 0 or > 30) throw new ArgumentException($"the free signs must lie in [0, 30], got {MaxFreeSigns}");
        if (MaxHiddenLayers < 1) throw new ArgumentException($"the most hidden layers must be positive, got {MaxHiddenLayers}");
        if (VerificationPoints < 0) throw new ArgumentException($"the verification points must not be negative, got {VerificationPoints}");
    }
}

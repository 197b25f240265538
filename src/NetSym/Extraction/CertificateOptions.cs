namespace NetSym.Extraction;

/// <summary>How an <see cref="ExtractionCertificate"/> is computed: how many fresh inputs, drawn from which seed and at which scale.</summary>
public sealed record CertificateOptions
{
    /// <summary>The inputs the certificate compares f and f̂ on when none are given: the 100,000.</summary>
    public const int DefaultPoints = 100_000;

    /// <summary>Fresh inputs on which the oracle and the recovered network are compared (<c>--verify-points</c>).</summary>
    public int Points { get; init; } = DefaultPoints;

    /// <summary>The seed of the inputs (the run's seed: the certificate splits its own key from it).</summary>
    public long Seed { get; init; }

    /// <summary>Standard deviation of the Gaussian inputs on an unbounded domain: the extraction's input scale.</summary>
    public double InputScale { get; init; } = 1;

    /// <summary>Throws unless every option is usable.</summary>
    /// <exception cref="ArgumentException">A count that is not positive, or a scale that is not positive and finite.</exception>
    public void Validate()
    {
        if (Points < 1) throw new ArgumentException($"the certificate needs at least one input, got {Points}");
        if (!(InputScale > 0) || double.IsInfinity(InputScale)) throw new ArgumentException($"the input scale must be positive and finite, got {InputScale}");
    }
}

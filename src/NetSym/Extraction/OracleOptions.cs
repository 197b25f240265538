using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Extraction;

/// <summary>
/// How an oracle is put before an extractor (docs/extraction.md, "Oracles"): the budget, and the
/// options of robustness experiments. The defaults are an exact, unlimited, unrestricted oracle.
/// </summary>
public sealed record OracleOptions
{
    /// <summary>The most input rows the oracle may be asked for in all (<c>--max-queries</c>); null for no limit.</summary>
    public long? MaxQueries { get; init; }

    /// <summary>Round every output to float32 (<c>--float32-outputs</c>).</summary>
    public bool Float32Outputs { get; init; }

    /// <summary>Standard deviation σ of the Gaussian noise added to every output (<c>--noise σ</c>); 0 for none.</summary>
    public double NoiseSigma { get; init; }

    /// <summary>The key of the noise draws (split from the run's seed by the caller); unused when <see cref="NoiseSigma"/> is 0.</summary>
    public RandomKey NoiseKey { get; init; }

    /// <summary>The box every query must lie in (<c>--domain</c>); null for all of ℝ^d.</summary>
    public Box? Domain { get; init; }
}

using NetSym.Networks;

namespace NetSym.Extraction;

/// <summary>
/// What an extraction recovered from the oracle, and what it cost: the network (ReLU hidden layers,
/// identity output), the hidden widths it discovered, the query ledger, and, when it stopped short,
/// why. A failed or interrupted run is a result too, never an exception from deep inside.
/// </summary>
/// <param name="Network">
/// The recovered network: exact up to permutation and positive scaling of hidden units when
/// <see cref="Failure"/> is null. After a failure, the best network assembled before it (e.g. not yet
/// refined), or null when the run stopped before any network could be assembled.
/// </param>
/// <param name="Widths">The hidden widths found (for a partial result, the units confirmed so far).</param>
/// <param name="Ledger">Every query spent, per stage and layer.</param>
/// <param name="Failure">Why the run stopped short; null for a complete extraction.</param>
/// <param name="Lines">Search lines swept.</param>
/// <param name="DiscardedCandidates">Candidate units not counted as units: first-layer hyperplanes seen on one line only, candidates whose surface was not where they predict (pieces of deeper surfaces), kinks that could not be traced, and units dropped for having no weight into the next layer.</param>
/// <param name="SignUnknowns">Free unknowns of the sign system that had to be enumerated (0: the system fixed every sign by itself).</param>
/// <param name="MaxRelativeError">Max |f − f̂| / max |f| over the verification inputs; null when verification did not run.</param>
public sealed record ExtractionResult(
    Network? Network,
    IReadOnlyList<int> Widths,
    QueryLedger Ledger,
    ExtractionFailure? Failure,
    int Lines,
    int DiscardedCandidates,
    int SignUnknowns,
    double? MaxRelativeError)
{
    /// <summary>
    /// The hidden layers recovered, as a network whose outputs are the pre-activations of the last of them
    /// (for a partial result whose last layer's signs were not solved yet, its units up to orientation);
    /// null when no layer was recovered.
    /// </summary>
    public Network? RecoveredLayers { get; init; }

    /// <summary>
    /// Critical points of f the run found: inputs where the refinement located a kink where a unit it kept
    /// predicted one (to rounding, or coarsely for a small slope change), up to
    /// <see cref="CriticalPointsPerUnit"/> per unit. Where f bends, an
    /// error in the recovered surface shows first, so the certificate compares f and f̂ there too.
    /// </summary>
    public IReadOnlyList<double[]> CriticalPoints { get; init; } = [];

    /// <summary>
    /// Coefficients of kept units that their surfaces left free (a surface on one side of a unit of the layer
    /// below: its coefficient on that unit trades against the skip terms) and that the sign solve of that
    /// layer then set so that the skip terms vanish (docs/extraction.md, steps 6 and 7).
    /// </summary>
    public int SettledCoefficients { get; init; }

    /// <summary>The most critical points kept per unit: enough to check every unit where it bends, few enough to keep in memory at d = 784.</summary>
    public const int CriticalPointsPerUnit = 16;

    /// <summary>Whether the extraction finished every stage.</summary>
    public bool Complete => Failure is null;
}

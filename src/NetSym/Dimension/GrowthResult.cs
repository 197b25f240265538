namespace NetSym.Dimension;

/// <summary>One batch of a growth curve.</summary>
/// <param name="Points">Inputs in the batch.</param>
/// <param name="Rows">Rows of its Jacobian.</param>
/// <param name="Rank">Its rank (exact: mod the first prime).</param>
public sealed record GrowthStep(int Points, int Rows, int Rank);

/// <summary>Why a growth curve stopped.</summary>
public enum GrowthStop
{
    /// <summary>The rank reached the bound: no larger batch can raise it.</summary>
    ReachedBound,

    /// <summary>The rank did not rise over the last <see cref="GrowthOptions.Patience"/> doublings of the batch.</summary>
    Plateau,

    /// <summary>The batch reached the largest size allowed (or the inputs ran out) while the rank was still rising.</summary>
    MaxPoints,
}

/// <summary>
/// The rank as the batch grows, and the last batch's full result, whose rank estimates the full
/// functional dimension (the largest rank over all finite batches; each batch's rank is a lower bound).
/// </summary>
/// <param name="Curve">The batches in order; each extends the one before.</param>
/// <param name="Stop">Why growth stopped.</param>
/// <param name="Final">The result on the last batch.</param>
public sealed record GrowthResult(IReadOnlyList<GrowthStep> Curve, GrowthStop Stop, FunctionalDimensionResult Final)
{
    /// <summary>The estimate of the full functional dimension: the last batch's rank.</summary>
    public int FullFunctionalDimension => Final.Rank;
}

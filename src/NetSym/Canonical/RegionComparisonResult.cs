using NetSym.Networks.Regions;

namespace NetSym.Canonical;

/// <summary>The outcome of <see cref="RegionComparison.Run"/>.</summary>
/// <param name="Regions">The linear regions of the common refinement that were enumerated.</param>
/// <param name="LargestDeviation">Over those regions, the largest coefficient difference of the two affine maps relative to their largest coefficient.</param>
/// <param name="Threshold">The relative threshold the deviation was held to: max(tolerance, 10⁻¹²).</param>
/// <param name="Witness">Where the maps differ beyond the threshold: the evaluated point; null when they agree on every region enumerated.</param>
public sealed record RegionComparisonResult(LinearRegionEnumeration Regions, double LargestDeviation, double Threshold, RegionWitness? Witness)
{
    /// <summary>Whether the comparison settles the question: a witness, or every region enumerated and agreeing.</summary>
    public bool Decided => Witness is not null || Regions.Complete;

    /// <summary>Whether A and B are the same function: every region enumerated, and the maps agree on each.</summary>
    public bool SameFunction => Witness is null && Regions.Complete;
}

using NetSym.Networks.Regions;

namespace NetSym.Dimension;

/// <summary>The outcome of <see cref="AllInputsDimension.Compute"/>.</summary>
/// <param name="Result">The exact rank on the batch of d + 1 interior points per region.</param>
/// <param name="Regions">The regions enumerated.</param>
public sealed record AllInputsResult(FunctionalDimensionResult Result, LinearRegionEnumeration Regions)
{
    /// <summary>Whether the rank meets the bound: the functional dimension over all inputs is then proven full.</summary>
    public bool CertifiedFull => Result.Deficit == 0;
}

namespace NetSym.Canonical;

/// <summary>What <see cref="Equivalence.Compare"/> established about two networks.</summary>
public enum EquivalenceVerdict
{
    /// <summary>Related by a symmetry of the architecture: canonical forms agree within the tolerance; the map is given.</summary>
    Equivalent,

    /// <summary>A witness input was found where the outputs differ by more than the tolerance.</summary>
    Different,

    /// <summary>
    /// Not related by any known symmetry, yet the same function: region by region over the common
    /// refinement of their linear regions, the two affine maps agree within the tolerance
    /// (<see cref="RegionComparison"/>; small piecewise-linear networks only). A hidden symmetry, or two
    /// architectures computing one function.
    /// </summary>
    SameFunction,

    /// <summary>
    /// Not related by any known symmetry (canonical forms differ or have different shapes), yet no
    /// input tried tells them apart, and the networks are too large (or not piecewise linear) for the region
    /// comparison to decide: possibly a hidden symmetry, possibly a difference the search missed. Never a
    /// claim of equivalence.
    /// </summary>
    AgreeOnTestedInputs,
}

namespace NetSym.Identifiability;

/// <summary>What an identifiability check would have had to build when it was larger than its limit.</summary>
public enum OversizeKind
{
    /// <summary>α, written out (more entries than <see cref="IdentifiabilityOptions.MaxPaths"/>), and its Gram matrix, n² entries, too.</summary>
    Alpha,

    /// <summary>α, written out (more entries than <see cref="IdentifiabilityOptions.MaxPaths"/>), where a masked layer rules out the Gram recursion.</summary>
    AlphaMasked,

    /// <summary>Φ, whose paths the check enumerates (more entries than <see cref="IdentifiabilityOptions.MaxPaths"/>).</summary>
    Phi,

    /// <summary>The Gram matrix of DΦ·E, with more columns than are built.</summary>
    PhiJacobianColumns,
}

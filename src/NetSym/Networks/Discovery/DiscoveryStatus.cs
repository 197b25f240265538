namespace NetSym.Networks.Discovery;

/// <summary>Whether discovery settled the group.</summary>
public enum DiscoveryStatus
{
    /// <summary>Every candidate either verified within the tolerance or failed far above it, and the group's structure accounts for every verified symmetry and is closed.</summary>
    Resolved,

    /// <summary>
    /// Some candidate came within <see cref="DiscoveryOptions.UnresolvedResidual"/> without reaching the
    /// tolerance, a verified symmetry lies outside the detected structure, or the closure check failed: the
    /// group reported holds only what was verified, and the near misses are listed with their residuals.
    /// </summary>
    Unresolved,
}

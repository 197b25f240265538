namespace NetSym.Networks.Discovery;

/// <summary>What <see cref="SymmetryDiscovery.Discover"/> found.</summary>
/// <param name="Status">Resolved, or unresolved (then <see cref="Reason"/> says why and <see cref="NearMisses"/> lists what came close).</param>
/// <param name="Group">The group: when unresolved, only what was verified, which may not be the whole group.</param>
/// <param name="NearMisses">Refined candidates with residual above the tolerance but within <see cref="DiscoveryOptions.UnresolvedResidual"/>, best first.</param>
/// <param name="Unexplained">Verified symmetries that the detected structure does not contain (none when resolved).</param>
/// <param name="LinearPairs">ρ(x) − ρ(−x) and ρ(x) + ρ(−x), each fitted by an affine function, with residuals.</param>
/// <param name="Method">The settings and what was examined.</param>
public sealed record DiscoveryResult(
    DiscoveryStatus Status,
    DiscoveredGroup Group,
    IReadOnlyList<VerifiedSymmetry> NearMisses,
    IReadOnlyList<VerifiedSymmetry> Unexplained,
    IReadOnlyList<LinearPair> LinearPairs,
    DiscoveryMethod Method)
{
    /// <summary>The smallest residual among the near misses; null when there is none.</summary>
    public double? BestUnresolvedResidual => NearMisses.Count == 0 ? null : NearMisses.Min(n => n.Residual);

    /// <summary>Why the result is unresolved; null when it is resolved.</summary>
    public string? Reason
    {
        get
        {
            if (Status == DiscoveryStatus.Resolved) return null;
            var reasons = new List<string>();
            if (NearMisses.Count > 0)
                reasons.Add(FormattableString.Invariant($"{NearMisses.Count} candidate(s) came within {Method.Options.UnresolvedResidual:G3} but not within the tolerance {Method.Options.Tolerance:G3}; the best, {NiceNumber.Format(NearMisses[0].Element)}, at residual {NearMisses[0].Residual:G3}"));
            if (Unexplained.Count > 0)
                reasons.Add($"{Unexplained.Count} verified symmetr{(Unexplained.Count == 1 ? "y" : "ies")} outside the detected structure, e.g. {NiceNumber.Format(Unexplained[0].Element)}");
            if (!Group.Closure.Closed)
                reasons.Add($"{Group.Closure.Failures} of {Group.Closure.Products + Group.Closure.Inverses} products and inverses failed the closure check");
            return string.Join("; ", reasons);
        }
    }
}

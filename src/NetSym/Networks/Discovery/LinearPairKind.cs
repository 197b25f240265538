namespace NetSym.Networks.Discovery;

/// <summary>Which combination of ρ(x) and ρ(−x) a <see cref="LinearPair"/> is about.</summary>
public enum LinearPairKind
{
    /// <summary>ρ(x) − ρ(−x).</summary>
    Difference,

    /// <summary>ρ(x) + ρ(−x).</summary>
    Sum,
}

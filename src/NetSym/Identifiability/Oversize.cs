using System.Numerics;

namespace NetSym.Identifiability;

/// <summary>Why a rank was not computed: what it needed, how large that is, and the limit it exceeds.</summary>
/// <param name="Kind">What was too large.</param>
/// <param name="Size">Its entries (columns for <see cref="OversizeKind.PhiJacobianColumns"/>).</param>
/// <param name="Limit">The limit: <see cref="IdentifiabilityOptions.MaxPaths"/>, or the largest matrix built.</param>
public sealed record Oversize(OversizeKind Kind, BigInteger Size, long Limit)
{
    /// <summary>The samples n of α (its rows); zero for Φ.</summary>
    public int Samples { get; init; }

    /// <summary><see cref="OversizeKind.Alpha"/>: n², the Gram matrix's entries, and the most that are built.</summary>
    public (long Entries, long Limit) Gram { get; init; }
}

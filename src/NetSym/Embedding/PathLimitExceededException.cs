using System.Globalization;
using System.Numerics;

namespace NetSym.Embedding;

/// <summary>
/// Φ(θ) has more entries than the caller allowed to materialise. The operations that never
/// materialise Φ — path norms (<see cref="PathNorms"/>), inner products with product-form path
/// vectors and Jacobian-vector products (<see cref="ImplicitPathLifting"/>) — still work.
/// </summary>
public sealed class PathLimitExceededException(BigInteger entries, long limit) : Exception(
    string.Create(CultureInfo.InvariantCulture,
        $"Φ has {entries:N0} entries, more than the limit of {limit:N0}; path counts, path norms, inner products ⟨Φ, A(x)⟩ and Jacobian-vector products DΦ·u are computed implicitly without it"))
{
    /// <summary>The number of entries Φ would have.</summary>
    public BigInteger Entries { get; } = entries;

    /// <summary>The limit that was exceeded.</summary>
    public long Limit { get; } = limit;
}

using System.Numerics;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Identifiability;

/// <summary>
/// A matrix of dyadic rationals as integers, for <see cref="RationalRank"/>: every entry
/// times one common power of two (the smallest exponent's), which changes no rank.
/// </summary>
internal static class DyadicIntegers
{
    /// <summary>The entries, in order, each times 2^−e_min.</summary>
    public static BigInteger[] Of(IReadOnlyList<Dyadic> entries)
    {
        int exponent = entries.Where(e => e.Sign != 0).Select(e => e.Exponent).DefaultIfEmpty(0).Min();
        return [.. entries.Select(e => e.Sign == 0 ? BigInteger.Zero : e.Mantissa << (e.Exponent - exponent))];
    }
}

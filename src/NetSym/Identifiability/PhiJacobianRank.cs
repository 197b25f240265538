using System.Numerics;
using NetSym.Embedding;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Identifiability;

/// <summary>
/// rank of DΦ(θ)·E — the Jacobian of the path-lifting restricted to Γ's columns (E keeps the
/// parameters that are not <see cref="FixedWeights"/>) — exactly mod p. Equal to P − #hidden (its
/// number of columns), it says that Φ is locally injective modulo rescaling at θ (Stock &amp; Gribonval 2022).
/// </summary>
/// <remarks>
/// The rank is taken of the P′×P′ Gram matrix (DΦ·E)ᵀ(DΦ·E) = Σ_p ∇Φ_pᵀ∇Φ_p, accumulated path by
/// path: a path has one factor per layer it crosses, and ∂Φ_p/∂θ_a is the product of its other
/// factors (prefix and suffix products of residues, exact when a factor is 0). rank_p of the Gram
/// matrix ≤ rank_p DΦ·E ≤ rank_Q DΦ·E, so reaching P′ certifies it. Paths are enumerated, so the check
/// is limited to networks whose Φ can be materialised.
/// </remarks>
internal static class PhiJacobianRank
{
    /// <summary>Largest number of columns P′ whose P′×P′ Gram matrix is built (128 MiB of doubles).</summary>
    private const int MaxColumns = 4096;

    /// <summary>The rank mod p, or null with what was too large when Φ has more than <paramref name="maxPaths"/> entries or P′ is too large.</summary>
    public static int? Compute(Network network, FixedWeights fixedWeights, PrimeField field, long maxPaths, LinearAlgebraBackend la, out Oversize? tooLarge)
    {
        tooLarge = null;
        var kept = GammaRank.KeptColumns(network.ParameterCount, fixedWeights.Columns);
        BigInteger total = PathCount.Of(network).Total;
        if (total > maxPaths)
        {
            tooLarge = new Oversize(OversizeKind.Phi, total, maxPaths);
            return null;
        }
        if (kept.Length > MaxColumns)
        {
            tooLarge = new Oversize(OversizeKind.PhiJacobianColumns, kept.Length, MaxColumns);
            return null;
        }
        var columnOf = new int[network.ParameterCount];
        Array.Fill(columnOf, -1);
        for (int c = 0; c < kept.Length; c++) columnOf[kept[c]] = c;
        var theta = network.GetParameters().Select(field.FromDouble).ToArray();
        int width = kept.Length;
        var gram = new long[(long)width * width];
        var after = new long[network.Layers.Count + 1];
        var derivative = new long[network.Layers.Count];
        new PathEnumerator(network).Walk((_, _, parameters) =>
        {
            int length = parameters.Length;
            after[length] = 1;
            for (int k = length - 1; k >= 0; k--) after[k] = field.Multiply(after[k + 1], theta[parameters[k]]);
            long before = 1;
            for (int k = 0; k < length; k++)
            {
                derivative[k] = field.Multiply(before, after[k + 1]);
                before = field.Multiply(before, theta[parameters[k]]);
            }
            for (int a = 0; a < length; a++)
            {
                int ca = columnOf[parameters[a]];
                if (ca < 0 || derivative[a] == 0) continue;
                for (int b = 0; b < length; b++)
                {
                    int cb = columnOf[parameters[b]];
                    if (cb < 0) continue;
                    long at = (long)ca * width + cb;
                    gram[at] = (gram[at] + field.Multiply(derivative[a], derivative[b])) % field.P;
                }
            }
        });
        var residues = new double[gram.LongLength];
        for (long k = 0; k < residues.LongLength; k++) residues[k] = gram[k];
        return ModularRank.ComputeInPlace(field, residues, width, width, la).Rank;
    }
}

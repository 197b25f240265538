using System.Numerics.Tensors;

namespace NetSym.LinearAlgebra;

/// <summary>
/// Inverses of the small triangular blocks of a modular elimination, so that a triangular solve
/// against a wide block becomes one modular GEMM.
/// </summary>
internal static class ModularTriangular
{
    /// <summary>
    /// X ← L⁻¹ mod p for the unit lower-triangular k×k matrix L (row-major, stride k; only the
    /// entries below the diagonal are read). Row by row, X[i,·] = e_i − Σ_{s&lt;i} L[i,s]·X[s,·]:
    /// k &lt; <see cref="ResidueWindow.ExactDepth"/> keeps each sum exact until its one reduction.
    /// </summary>
    public static void InvertUnitLower(ResidueWindow window, ReadOnlySpan<double> l, int k, Span<double> x)
    {
        if (k > window.ExactDepth) throw new ArgumentOutOfRangeException(nameof(k), $"a {k}×{k} block is too deep to sum exactly");
        x[..(k * k)].Clear();
        for (int i = 0; i < k; i++)
        {
            var row = x.Slice(i * k, i + 1);
            for (int s = 0; s < i; s++)
            {
                double factor = l[i * k + s];
                if (factor == 0) continue;
                var earlier = x.Slice(s * k, s + 1); // X[s,·] vanishes right of the diagonal
                TensorPrimitives.MultiplyAdd(earlier, factor, row[..(s + 1)], row[..(s + 1)]);
            }
            TensorPrimitives.Negate(row[..i], row[..i]);
            window.Reduce(row[..i]);
            row[i] = 1;
        }
    }

    /// <summary>
    /// X ← U⁻¹ mod p for the unit upper-triangular k×k matrix U (only the entries above the
    /// diagonal are read): with J the order-reversing permutation, J·U·J is unit lower triangular
    /// and U⁻¹ = J·(J·U·J)⁻¹·J.
    /// </summary>
    public static void InvertUnitUpper(ResidueWindow window, ReadOnlySpan<double> u, int k, Span<double> x, Span<double> scratch)
    {
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                scratch[i * k + j] = u[(k - 1 - i) * k + (k - 1 - j)];
        InvertUnitLower(window, scratch, k, x);
        // Reverse both orders in place: entry (i, j) ↔ (k−1−i, k−1−j) is reversing the flat array.
        x[..(k * k)].Reverse();
    }
}

namespace NetSym.LinearAlgebra;

/// <summary>
/// C = A·B mod p for row-major matrices of residues stored as doubles (FFLAS-style): the inner
/// dimension is cut into slices short enough that a floating-point dot product over a slice is
/// an exact integer (k·(p−1)² &lt; 2^53), each slice is one GEMM on the backend accumulated into C,
/// and C is reduced mod p after every slice.
/// </summary>
/// <remarks>
/// Exactness needs only that the backend sums products of doubles in any order without
/// cancelling tricks (no Strassen-like schemes, no reduced precision): every partial sum is an
/// integer below 2^53 and therefore exact. BLAS dgemm and the managed kernel both qualify.
/// </remarks>
public static class ModularGemm
{
    /// <summary>
    /// C (m×n) ← A (m×k) · B (k×n) mod p; lda/ldb/ldc are row strides. A and B hold residues in
    /// [0, p); C receives residues in [0, p). For k = 0, C = 0.
    /// </summary>
    public static void Multiply(PrimeField field, int m, int n, int k,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc,
        LinearAlgebraBackend backend) =>
        Update(ResidueWindow.NonNegative(field), accumulate: false, subtract: false, m, n, k, a, lda, b, ldb, c, ldc,
            backend);

    /// <summary>
    /// C ← (accumulate ? C : 0) ± A·B, reduced into <paramref name="window"/>; A, B and (when
    /// accumulating) C must hold representatives of that window.
    /// </summary>
    internal static void Update(ResidueWindow window, bool accumulate, bool subtract, int m, int n, int k,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc,
        LinearAlgebraBackend backend)
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate)
                for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
            return;
        }
        for (int k0 = 0; k0 < k; k0 += window.ExactDepth)
        {
            int depth = Math.Min(window.ExactDepth, k - k0);
            Product(accumulate || k0 > 0, subtract, m, n, depth, a[k0..], lda, b[(k0 * ldb)..], ldb, c, ldc, backend);
            window.Reduce(c, m, n, ldc);
        }
    }

    /// <summary>
    /// C ← C ± A·B left unreduced (delayed reduction): A and B hold representatives of a window,
    /// and the caller guarantees that k plus the products C already holds stay within
    /// <see cref="ResidueWindow.ExactDepth"/>, so that C is exact and can be reduced later.
    /// </summary>
    internal static void AccumulateUnreduced(bool subtract, int m, int n, int k,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc,
        LinearAlgebraBackend backend)
    {
        if (m > 0 && n > 0 && k > 0) Product(true, subtract, m, n, k, a, lda, b, ldb, c, ldc, backend);
    }

    private static void Product(bool accumulate, bool subtract, int m, int n, int k,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc,
        LinearAlgebraBackend backend) =>
        backend.Gemm(false, false, m, n, k, subtract ? -1.0 : 1.0, a, lda, b, ldb, accumulate ? 1.0 : 0.0, c, ldc);
}

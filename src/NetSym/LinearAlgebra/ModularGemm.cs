namespace NetSym.LinearAlgebra;

/// <summary>
/// C = A·B mod p for row-major matrices of residues stored as doubles in [0, p): the inner
/// dimension is cut into blocks of <see cref="PrimeField.ExactBlock"/>, each block is one exact
/// floating-point GEMM on the backend, and the partial sums are reduced mod p.
/// </summary>
public static class ModularGemm
{
    /// <summary>C (m×n) ← A (m×k) · B (k×n) mod p; lda/ldb/ldc are row strides.</summary>
    public static void Multiply(PrimeField field, int m, int n, int k,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc,
        LinearAlgebraBackend? backend = null)
    {
        var la = backend ?? LinearAlgebraBackends.Default;
        double p = field.P;
        for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
        if (m == 0 || n == 0 || k == 0) return;
        int block = Math.Max(1, field.ExactBlock - 1); // leave room for the running residue added as one more term
        var partial = new double[(long)m * n];
        for (int k0 = 0; k0 < k; k0 += block)
        {
            int kb = Math.Min(block, k - k0);
            la.Gemm(false, false, m, n, kb, 1.0, a[k0..], lda, b[(k0 * ldb)..], ldb, 0.0, partial, n);
            for (int i = 0; i < m; i++)
            {
                var row = c.Slice(i * ldc, n);
                var part = partial.AsSpan(i * n, n);
                for (int j = 0; j < n; j++) row[j] = (row[j] + part[j]) % p;
            }
        }
    }
}

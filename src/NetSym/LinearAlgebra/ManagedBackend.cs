namespace NetSym.LinearAlgebra;

/// <summary>NetSym's own kernels: no native library needed.</summary>
public sealed class ManagedBackend : LinearAlgebraBackend
{
    public override LinearAlgebraKind Kind => LinearAlgebraKind.Managed;
    public override string Description => "managed (NetSym C# kernels)";

    public override void Gemm(bool transposeA, bool transposeB, int m, int n, int k,
        double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb,
        double beta, Span<double> c, int ldc)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                    s += (transposeA ? a[p * lda + i] : a[i * lda + p]) * (transposeB ? b[j * ldb + p] : b[p * ldb + j]);
                c[i * ldc + j] = alpha * s + (beta == 0 ? 0 : beta * c[i * ldc + j]);
            }
    }

    public override double[] SingularValues(ReadOnlySpan<double> a, int m, int n) => throw new NotImplementedException();
    public override PivotedQr QrWithPivoting(ReadOnlySpan<double> a, int m, int n) => throw new NotImplementedException();
}

namespace NetSym.LinearAlgebra;

/// <summary>
/// The dense linear-algebra engine: GEMM, singular values and pivoted QR on row-major doubles.
/// One of OpenBLAS, reference BLAS/LAPACK (both through P/Invoke) or managed kernels; every
/// report names the one that ran (<see cref="Description"/>).
/// </summary>
public abstract class LinearAlgebraBackend
{
    /// <summary>Which engine this is.</summary>
    public abstract LinearAlgebraKind Kind { get; }

    /// <summary>The engine in words, for reports: e.g. "openblas (/usr/lib/x86_64-linux-gnu/libopenblas.so.0)".</summary>
    public abstract string Description { get; }

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C on row-major matrices: op(A) is m×k, op(B) is k×n, C is m×n;
    /// lda, ldb, ldc are row strides. When β = 0, C's old contents (even NaN) are ignored.
    /// </summary>
    public abstract void Gemm(bool transposeA, bool transposeB, int m, int n, int k,
        double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb,
        double beta, Span<double> c, int ldc);

    /// <summary>Singular values of the row-major m×n matrix A, in non-increasing order (min(m, n) of them).</summary>
    public abstract double[] SingularValues(ReadOnlySpan<double> a, int m, int n);

    /// <summary>QR with column pivoting of the row-major m×n matrix A (LAPACK dgeqp3).</summary>
    public abstract PivotedQr QrWithPivoting(ReadOnlySpan<double> a, int m, int n);
}

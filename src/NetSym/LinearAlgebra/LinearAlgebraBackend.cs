namespace NetSym.LinearAlgebra;

/// <summary>
/// The dense linear-algebra engine: GEMM, singular values and pivoted QR on row-major doubles.
/// One of OpenBLAS, reference BLAS/LAPACK (both through P/Invoke) or managed kernels; every
/// report names the one that ran (<see cref="Description"/>).
/// </summary>
/// <remarks>
/// The public methods check the arguments and settle the degenerate cases (empty sizes, k = 0,
/// α = 0) once, so that every engine sees only well-formed, non-empty problems and all engines
/// agree on the edge cases. Only this assembly defines engines.
/// </remarks>
public abstract class LinearAlgebraBackend
{
    private protected LinearAlgebraBackend() { }

    /// <summary>Which engine this is.</summary>
    public abstract LinearAlgebraKind Kind { get; }

    /// <summary>The engine in words, for reports: e.g. "openblas (/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0)".</summary>
    public abstract string Description { get; }

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C on row-major matrices: op(A) is m×k, op(B) is k×n, C is m×n;
    /// lda, ldb, ldc are row strides. When β = 0, C's old contents (even NaN) are ignored; when
    /// α = 0 or k = 0, A and B are not read (C ← β·C), as in BLAS.
    /// </summary>
    /// <exception cref="ArgumentException">A size is negative, a stride is shorter than its row, or a span is too short.</exception>
    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k,
        double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb,
        double beta, Span<double> c, int ldc)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentException($"GEMM sizes must be non-negative, got m={m}, n={n}, k={k}");
        StridedMatrix.Require(a.Length, transposeA ? k : m, transposeA ? m : k, lda, nameof(a));
        StridedMatrix.Require(b.Length, transposeB ? n : k, transposeB ? k : n, ldb, nameof(b));
        StridedMatrix.Require(c.Length, m, n, ldc, nameof(c));
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0)
        {
            StridedMatrix.Scale(c, m, n, ldc, beta);
            return;
        }
        GemmCore(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>Singular values of the row-major m×n matrix A, in non-increasing order (min(m, n) of them).</summary>
    /// <exception cref="ArgumentException">The span does not hold m·n entries, or an entry is NaN or infinite.</exception>
    /// <exception cref="LinearAlgebraException">The engine's iteration did not converge.</exception>
    public double[] SingularValues(ReadOnlySpan<double> a, int m, int n)
    {
        StridedMatrix.RequireDenseFinite(a, m, n);
        return m == 0 || n == 0 ? [] : SingularValuesCore(a, m, n);
    }

    /// <summary>QR with column pivoting of the row-major m×n matrix A (LAPACK dgeqp3): A·P = Q·R.</summary>
    /// <exception cref="ArgumentException">The span does not hold m·n entries, or an entry is NaN or infinite.</exception>
    public PivotedQr QrWithPivoting(ReadOnlySpan<double> a, int m, int n)
    {
        StridedMatrix.RequireDenseFinite(a, m, n);
        return m == 0 || n == 0 ? new PivotedQr([], [.. Enumerable.Range(0, n)]) : QrWithPivotingCore(a, m, n);
    }

    /// <summary><see cref="Gemm"/> for m, n, k ≥ 1, α ≠ 0 and strides already checked.</summary>
    private protected abstract void GemmCore(bool transposeA, bool transposeB, int m, int n, int k,
        double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb,
        double beta, Span<double> c, int ldc);

    /// <summary><see cref="SingularValues"/> for m, n ≥ 1 and finite entries; must not modify <paramref name="a"/>.</summary>
    private protected abstract double[] SingularValuesCore(ReadOnlySpan<double> a, int m, int n);

    /// <summary><see cref="QrWithPivoting"/> for m, n ≥ 1 and finite entries; must not modify <paramref name="a"/>.</summary>
    private protected abstract PivotedQr QrWithPivotingCore(ReadOnlySpan<double> a, int m, int n);
}

using System.Numerics.Tensors;

namespace NetSym.LinearAlgebra;

/// <summary>
/// NetSym's own kernels, for machines without BLAS/LAPACK: cache-blocked Vector256 GEMM
/// (<see cref="ManagedGemm"/>), Householder QR with column pivoting (<see cref="HouseholderQr"/>),
/// and singular values by one-sided Jacobi on the pivoted-QR factor R (<see cref="OneSidedJacobi"/>).
/// </summary>
public sealed class ManagedBackend : LinearAlgebraBackend
{
    /// <inheritdoc/>
    public override LinearAlgebraKind Kind => LinearAlgebraKind.Managed;

    /// <inheritdoc/>
    public override string Description => "managed (NetSym C# kernels: Vector256 GEMM, Householder QR, one-sided Jacobi SVD)";

    private protected override void GemmCore(bool transposeA, bool transposeB, int m, int n, int k,
        double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb,
        double beta, Span<double> c, int ldc)
    {
        StridedMatrix.Scale(c, m, n, ldc, beta);
        ManagedGemm.MultiplyAdd(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, c, ldc);
    }

    private protected override double[] SingularValuesCore(ReadOnlySpan<double> a, int m, int n)
    {
        // Work on the tall orientation, column-major: A's columns if m ≥ n, else Aᵀ's (A's rows, as stored).
        int length = Math.Max(m, n), count = Math.Min(m, n);
        double[] x = m >= n ? StridedMatrix.Transpose(a, m, n) : a.ToArray();
        int exponent = Normalise(x);
        HouseholderQr.Factor(x, length, count);
        // Jacobi on Rᵀ (the rows of R) rather than on A: after pivoted QR it needs only a few sweeps
        // of a count×count problem (Drmač & Veselić), and R has A's singular values.
        var rows = new double[(long)count * count];
        for (int i = 0; i < count; i++)
            for (int j = i; j < count; j++)
                rows[(long)i * count + j] = x[(long)j * length + i];
        double[] values = OneSidedJacobi.SingularValues(rows, count, count);
        TensorPrimitives.ScaleB(values, exponent, values);
        return values;
    }

    private protected override PivotedQr QrWithPivotingCore(ReadOnlySpan<double> a, int m, int n)
    {
        double[] x = StridedMatrix.Transpose(a, m, n);
        int exponent = Normalise(x);
        int[] permutation = HouseholderQr.Factor(x, m, n);
        var diagonal = new double[Math.Min(m, n)];
        for (int i = 0; i < diagonal.Length; i++) diagonal[i] = Math.ScaleB(Math.Abs(x[(long)i * m + i]), exponent);
        return new PivotedQr(diagonal, permutation);
    }

    // Scales x by a power of two (exactly) so that its largest magnitude lies in [1/2, 1): squared
    // norms then neither overflow nor lose the matrix's larger entries to underflow. Returns the exponent to undo it.
    private static int Normalise(double[] x)
    {
        double largest = Math.Abs(TensorPrimitives.MaxMagnitude(x));
        if (largest == 0) return 0;
        int exponent = Math.ILogB(largest) + 1;
        TensorPrimitives.ScaleB(x, -exponent, x);
        return exponent;
    }
}

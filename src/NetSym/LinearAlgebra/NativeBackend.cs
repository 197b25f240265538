using System.Runtime.InteropServices;

namespace NetSym.LinearAlgebra;

/// <summary>
/// BLAS/LAPACK through the Fortran entry points dgemm_, dgesdd_ and dgeqp3_, which OpenBLAS and
/// netlib's reference libraries both export: 32-bit integers, every argument by pointer,
/// column-major storage, and gfortran's hidden length after each character argument.
/// </summary>
public sealed unsafe class NativeBackend : LinearAlgebraBackend
{
    private readonly delegate* unmanaged[Cdecl]<byte*, byte*, int*, int*, int*, double*, double*, int*, double*, int*, double*, double*, int*, nuint, nuint, void> _dgemm;
    private readonly delegate* unmanaged[Cdecl]<byte*, int*, int*, double*, int*, double*, double*, int*, double*, int*, double*, int*, int*, int*, nuint, void> _dgesdd;
    private readonly delegate* unmanaged[Cdecl]<int*, int*, double*, int*, int*, double*, double*, int*, int*, void> _dgeqp3;

    private NativeBackend(LinearAlgebraKind kind, nint blas, nint lapack, string blasName, string lapackName)
    {
        Kind = kind;
        nint dgemm = NativeLibrary.GetExport(blas, "dgemm_");
        nint dgesdd = NativeLibrary.GetExport(lapack, "dgesdd_");
        _dgemm = (delegate* unmanaged[Cdecl]<byte*, byte*, int*, int*, int*, double*, double*, int*, double*, int*, double*, double*, int*, nuint, nuint, void>)dgemm;
        _dgesdd = (delegate* unmanaged[Cdecl]<byte*, int*, int*, double*, int*, double*, double*, int*, double*, int*, double*, int*, int*, int*, nuint, void>)dgesdd;
        _dgeqp3 = (delegate* unmanaged[Cdecl]<int*, int*, double*, int*, int*, double*, double*, int*, int*, void>)NativeLibrary.GetExport(lapack, "dgeqp3_");
        BlasLibrary = LoadedObjects.PathContaining(dgemm) ?? blasName;
        LapackLibrary = LoadedObjects.PathContaining(dgesdd) ?? lapackName;
        Description = kind == LinearAlgebraKind.OpenBlas
            ? $"openblas ({BlasLibrary}{OpenBlasConfiguration(blas)})"
            : $"reference ({BlasLibrary}, {LapackLibrary})";
    }

    /// <inheritdoc/>
    public override LinearAlgebraKind Kind { get; }

    /// <inheritdoc/>
    public override string Description { get; }

    /// <summary>The file that supplies dgemm_ (as mapped into the process, symlinks resolved).</summary>
    public string BlasLibrary { get; }

    /// <summary>The file that supplies dgesdd_ and dgeqp3_ (the same file as <see cref="BlasLibrary"/> for OpenBLAS).</summary>
    public string LapackLibrary { get; }

    /// <summary>Loads the engine of <paramref name="kind"/> (OpenBlas or Reference); false with the reason when its libraries do not load.</summary>
    internal static bool TryLoad(LinearAlgebraKind kind, out NativeBackend? backend, out string problem)
    {
        backend = null;
        switch (kind)
        {
            case LinearAlgebraKind.OpenBlas:
                if (!NativeLibraries.TryLoadOpenBlas(out nint openBlas, out problem)) return false;
                backend = new NativeBackend(kind, openBlas, openBlas, "libopenblas.so.0", "libopenblas.so.0");
                return true;
            case LinearAlgebraKind.Reference:
                if (!NativeLibraries.TryLoadReference(out nint blas, out nint lapack, out problem)) return false;
                backend = new NativeBackend(kind, blas, lapack, NativeLibraries.ReferenceBlas, NativeLibraries.ReferenceLapack);
                return true;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a native engine");
        }
    }

    private protected override void GemmCore(bool transposeA, bool transposeB, int m, int n, int k,
        double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb,
        double beta, Span<double> c, int ldc)
    {
        // A row-major buffer read column-major is the transpose, and row-major C = op(A)·op(B) is
        // column-major Cᵀ = op(B)ᵀ·op(A)ᵀ: so B goes first, each keeps its flag, m and n swap.
        byte transB = transposeB ? (byte)'T' : (byte)'N', transA = transposeA ? (byte)'T' : (byte)'N';
        fixed (double* pa = a, pb = b, pc = c)
            _dgemm(&transB, &transA, &n, &m, &k, &alpha, pb, &ldb, pa, &lda, &beta, pc, &ldc, 1, 1);
    }

    private protected override double[] SingularValuesCore(ReadOnlySpan<double> a, int m, int n)
    {
        // The row-major buffer read column-major is Aᵀ (n×m): same singular values, no transpose needed.
        // dgesdd overwrites its input, hence the copy.
        double[] work = a.ToArray();
        var s = new double[Math.Min(m, n)];
        var iwork = new int[8 * s.Length];
        byte jobz = (byte)'N';
        int rows = n, columns = m, one = 1, info = 0, lwork = -1;
        double query = 0, unused = 0;
        fixed (double* pw = work, ps = s)
        fixed (int* piw = iwork)
        {
            _dgesdd(&jobz, &rows, &columns, pw, &rows, ps, &unused, &one, &unused, &one, &query, &lwork, piw, &info, 1);
            if (info != 0) throw LinearAlgebraException.Lapack("dgesdd", info);
            lwork = WorkspaceLength(query);
            fixed (double* buffer = new double[lwork])
                _dgesdd(&jobz, &rows, &columns, pw, &rows, ps, &unused, &one, &unused, &one, buffer, &lwork, piw, &info, 1);
        }
        if (info != 0) throw LinearAlgebraException.Lapack("dgesdd", info);
        return s;
    }

    private protected override PivotedQr QrWithPivotingCore(ReadOnlySpan<double> a, int m, int n)
    {
        // dgeqp3 permutes A's columns, so it needs A itself column-major: transpose the input.
        double[] work = StridedMatrix.Transpose(a, m, n);
        var jpvt = new int[n]; // all zero: every column is free to move
        var tau = new double[Math.Min(m, n)];
        int lda = m, info = 0, lwork = -1;
        double query = 0;
        fixed (double* pw = work, ptau = tau)
        fixed (int* pj = jpvt)
        {
            _dgeqp3(&m, &n, pw, &lda, pj, ptau, &query, &lwork, &info);
            if (info != 0) throw LinearAlgebraException.Lapack("dgeqp3", info);
            lwork = WorkspaceLength(query);
            fixed (double* buffer = new double[lwork])
                _dgeqp3(&m, &n, pw, &lda, pj, ptau, buffer, &lwork, &info);
        }
        if (info != 0) throw LinearAlgebraException.Lapack("dgeqp3", info);
        var diagonal = new double[tau.Length];
        for (int i = 0; i < diagonal.Length; i++) diagonal[i] = Math.Abs(work[(long)i * m + i]);
        return new PivotedQr(diagonal, [.. jpvt.Select(j => j - 1)]);
    }

    // A workspace query returns the optimal length as a double in work[0].
    private static int WorkspaceLength(double query) => Math.Max(1, checked((int)Math.Ceiling(query)));

    // ", OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64": the build and the kernel it picked.
    private static string OpenBlasConfiguration(nint library) =>
        NativeLibrary.TryGetExport(library, "openblas_get_config", out nint config)
            ? $", {Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<nint>)config)())}"
            : "";
}

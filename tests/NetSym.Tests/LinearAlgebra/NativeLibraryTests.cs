using System.Runtime.InteropServices;
using NetSym.LinearAlgebra;

namespace NetSym.Tests.LinearAlgebra;

/// <summary>Each native engine runs the library it names: in particular "reference" is netlib's code throughout.</summary>
public class NativeLibraryTests
{
    private static NativeBackend OpenBlas => (NativeBackend)Engines.Get(LinearAlgebraKind.OpenBlas);
    private static NativeBackend Reference => (NativeBackend)Engines.Get(LinearAlgebraKind.Reference);

    [Fact]
    public void OpenBlas_supplies_both_BLAS_and_LAPACK()
    {
        Assert.Contains("libopenblas", OpenBlas.BlasLibrary);
        Assert.Equal(OpenBlas.BlasLibrary, OpenBlas.LapackLibrary);
        Assert.Contains(OpenBlas.BlasLibrary, OpenBlas.Description);
        Assert.Contains("OpenBLAS", OpenBlas.Description); // the build configuration it reports
    }

    [Fact]
    public void Reference_runs_netlib_BLAS_and_LAPACK()
    {
        Assert.Equal(RealPath(NativeLibraries.ReferenceBlas), Reference.BlasLibrary);
        Assert.Equal(RealPath(NativeLibraries.ReferenceLapack), Reference.LapackLibrary);
        Assert.NotEqual(OpenBlas.BlasLibrary, Reference.BlasLibrary);
        Assert.DoesNotContain("openblas", Reference.Description);
        Assert.Contains(Reference.BlasLibrary, Reference.Description);
        Assert.Contains(Reference.LapackLibrary, Reference.Description);
    }

    [Fact]
    public void Reference_LAPACK_calls_netlib_BLAS_not_the_alternatives_link()
    {
        _ = Reference;
        // Within LAPACK's own scope dgemm_ is netlib's; and no library in the global scope, which the
        // loader searches first, supplies a dgemm_ of its own.
        nint lapack = NativeLibrary.Load(NativeLibraries.ReferenceLapack);
        Assert.Equal(Reference.BlasLibrary, LoadedObjects.PathContaining(NativeLibrary.GetExport(lapack, "dgemm_")));
        Assert.False(NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "dgemm_", out _));
        // Of OpenBLAS's files only libopenblas itself is loaded: not the libblas.so.3/liblapack.so.3
        // that update-alternatives links to it.
        Assert.DoesNotContain(LoadedObjects.Paths(), path => path.Contains("openblas") && path != OpenBlas.BlasLibrary);
    }

    private static string RealPath(string path) => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
}

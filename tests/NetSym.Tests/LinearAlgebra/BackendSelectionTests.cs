using NetSym.LinearAlgebra;

namespace NetSym.Tests.LinearAlgebra;

public class BackendSelectionTests
{
    [Theory]
    [InlineData("openblas", LinearAlgebraKind.OpenBlas)]
    [InlineData("OpenBLAS", LinearAlgebraKind.OpenBlas)]
    [InlineData("reference", LinearAlgebraKind.Reference)]
    [InlineData("REFERENCE", LinearAlgebraKind.Reference)]
    [InlineData("managed", LinearAlgebraKind.Managed)]
    [InlineData(" Managed ", LinearAlgebraKind.Managed)]
    [InlineData(null, LinearAlgebraKind.OpenBlas)] // unset: the best available, OpenBLAS on the test machines
    [InlineData("", LinearAlgebraKind.OpenBlas)]
    public void Select_honours_NETSYM_LINALG(string? value, LinearAlgebraKind expected)
    {
        var engine = LinearAlgebraBackends.Select(value);
        Assert.Equal(expected, engine.Kind);
        Assert.StartsWith(LinearAlgebraBackends.Name(expected) + " (", engine.Description);
    }

    [Theory]
    [InlineData("mkl")]
    [InlineData("open-blas")]
    public void Select_rejects_unknown_values_naming_the_valid_ones(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => LinearAlgebraBackends.Select(value));
        Assert.Contains(value, error.Message);
        Assert.Contains("openblas, reference, managed", error.Message);
    }

    [Fact]
    public void Default_is_what_the_environment_selects()
    {
        var expected = LinearAlgebraBackends.Select(Environment.GetEnvironmentVariable(LinearAlgebraBackends.EnvironmentVariable));
        Assert.Equal(expected.Kind, LinearAlgebraBackends.Default.Kind);
        Assert.Same(LinearAlgebraBackends.Default, LinearAlgebraBackends.Default);
    }

    [Theory]
    [MemberData(nameof(Engines.Kinds), MemberType = typeof(Engines))]
    public void Every_kind_can_be_created(LinearAlgebraKind kind)
    {
        Assert.Equal(kind, LinearAlgebraBackends.TryCreate(kind)?.Kind);
        Assert.Equal(kind, LinearAlgebraBackends.Create(kind).Kind);
    }
}

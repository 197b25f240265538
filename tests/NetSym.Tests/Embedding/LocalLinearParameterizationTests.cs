using NetSym.Embedding;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Embedding;

public class LocalLinearParameterizationTests
{
    /// <summary>Dense and skip/masked networks of every supported activation, some with a nonlinear output layer.</summary>
    public static IEnumerable<object[]> Cases()
    {
        foreach (var spec in new[] { "relu", "leaky_relu(0.1)", "abs", "identity" })
        {
            yield return [spec, "dense"];
            yield return [spec, "skip"];
            yield return [spec, "nonlinear-output"];
        }
    }

    private static Network Build(string spec, string kind)
    {
        var act = ActivationCatalog.Parse(spec);
        return kind switch
        {
            "dense" => TestNetworks.Dense("4-6-5-3", act, 1),
            "skip" => TestNetworks.SkipMasked(act, 2),
            _ => WithOutputActivation(TestNetworks.Dense("3-5-4-2", act, 3), act),
        };
    }

    private static Network WithOutputActivation(Network net, Activation act) =>
        net.WithLayer(net.Layers.Count - 1, net.Layers[^1].With(act));

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int k = 0; k < a.Length; k++) s += a[k] * b[k];
        return s;
    }

    /// <summary>Σ_p |Φ_p·A_p| over one output block: the scale against which the inner product is exact to rounding.</summary>
    private static double AbsoluteDot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int k = 0; k < a.Length; k++) s += Math.Abs(a[k] * b[k]);
        return s;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_output_is_the_inner_product_of_phi_and_the_path_activations(string spec, string kind)
    {
        var net = Build(spec, kind);
        var x = TestNetworks.GaussianInputs(30, net.InputSize, 4);
        var f = Forward.Evaluate(net, x, LinearAlgebraBackends.Default);
        var phi = PathLifting.Compute(net);
        var count = PathCount.Of(net);
        var activations = LocalLinearParameterization.Activations(net, x, LinearAlgebraBackends.Default);
        var a = activations.ToMatrix(net);
        var implicitProducts = ImplicitPathLifting.InnerProducts(net, activations, LinearAlgebraBackends.Default);
        for (int i = 0; i < x.Rows; i++)
            for (int o = 0; o < net.OutputSize; o++)
            {
                int start = (int)count.StartOf(o), length = (int)count.PerOutput[o];
                var block = a.Row(i).Slice(start, length);
                var phiBlock = phi.AsSpan(start, length);
                double scale = Math.Max(1e-300, AbsoluteDot(phiBlock, block));
                double explicitProduct = Dot(phiBlock, block);
                Assert.True(Math.Abs(f[i, o] - explicitProduct) <= 1e-12 * scale, $"sample {i} output {o}: {f[i, o]} vs ⟨Φ, A⟩ = {explicitProduct}");
                Assert.True(Math.Abs(f[i, o] - implicitProducts[i, o]) <= 1e-12 * scale, $"sample {i} output {o}: implicit {implicitProducts[i, o]}");
            }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_parameter_jacobian_is_the_path_activations_times_d_phi(string spec, string kind)
    {
        var net = Build(spec, kind);
        var x = TestNetworks.GaussianInputs(8, net.InputSize, 5);
        var jacobian = ParameterJacobian.Compute(net, x, LinearAlgebraBackends.Default);
        var d = PathLiftingJacobian.Compute(net);
        var count = PathCount.Of(net);
        var a = LocalLinearParameterization.Activations(net, x, LinearAlgebraBackends.Default).ToMatrix(net);
        int m = net.OutputSize;
        for (int i = 0; i < x.Rows; i++)
            for (int o = 0; o < m; o++)
            {
                // Row (i, o) of A_X: A_o(x_i) in output o's block, zero elsewhere.
                var row = new double[d.Rows];
                int start = (int)count.StartOf(o), length = (int)count.PerOutput[o];
                a.Row(i).Slice(start, length).CopyTo(row.AsSpan(start));
                var expected = jacobian.Row(i * m + o);
                var actual = d.MultiplyTransposed(row);
                double scale = 1 + expected.ToArray().Max(Math.Abs);
                for (int k = 0; k < actual.Length; k++)
                    Assert.True(Math.Abs(expected[k] - actual[k]) <= 1e-12 * scale, $"sample {i} output {o} parameter {k}: {expected[k]} vs {actual[k]}");
            }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Implicit_jacobian_vector_products_match_the_parameter_jacobian(string spec, string kind)
    {
        var net = Build(spec, kind);
        var x = TestNetworks.GaussianInputs(10, net.InputSize, 6);
        var u = TestNetworks.GaussianInputs(1, net.ParameterCount, 7).Data;
        var jacobian = ParameterJacobian.Compute(net, x, LinearAlgebraBackends.Default);
        var products = ImplicitPathLifting.DirectionalDerivatives(net, LocalLinearParameterization.Activations(net, x, LinearAlgebraBackends.Default), u, LinearAlgebraBackends.Default);
        // And through the explicit DΦ·u: ⟨DΦ·u, A_o(x_i)⟩.
        var du = PathLiftingJacobian.Compute(net).Multiply(u);
        var a = LocalLinearParameterization.Activations(net, x, LinearAlgebraBackends.Default).ToMatrix(net);
        var count = PathCount.Of(net);
        int m = net.OutputSize;
        for (int i = 0; i < x.Rows; i++)
            for (int o = 0; o < m; o++)
            {
                double expected = Dot(jacobian.Row(i * m + o), u);
                double scale = 1 + AbsoluteDot(jacobian.Row(i * m + o), u);
                Assert.True(Math.Abs(expected - products[i, o]) <= 1e-12 * scale, $"sample {i} output {o}: {expected} vs {products[i, o]}");
                int start = (int)count.StartOf(o), length = (int)count.PerOutput[o];
                double viaExplicit = Dot(du.AsSpan(start, length), a.Row(i).Slice(start, length));
                Assert.True(Math.Abs(expected - viaExplicit) <= 1e-12 * scale, $"sample {i} output {o}: explicit {viaExplicit}");
            }
    }

    [Fact]
    public void The_implicit_inner_product_needs_no_enumeration()
    {
        // 211,959,310 entries: far beyond the default limit, yet ⟨Φ, A(x)⟩ is one frozen forward pass.
        var net = TestNetworks.Dense("784-30-30-30-10", new ReluActivation(), 12);
        var x = TestNetworks.GaussianInputs(5, 784, 13);
        var activations = LocalLinearParameterization.Activations(net, x, LinearAlgebraBackends.Default);
        Assert.Throws<PathLimitExceededException>(() => activations.ToMatrix(net));
        var f = Forward.Evaluate(net, x, LinearAlgebraBackends.Default);
        var products = ImplicitPathLifting.InnerProducts(net, activations, LinearAlgebraBackends.Default);
        for (int k = 0; k < f.Data.Length; k++)
            Assert.True(Math.Abs(f.Data[k] - products.Data[k]) <= 1e-12 * (1 + Math.Abs(f.Data[k])));
    }

    [Fact]
    public void Another_pattern_extends_the_affine_piece_of_its_inputs()
    {
        // With the pattern of x' frozen, x ↦ ⟨Φ, A(x, pattern(x'))⟩ is the affine map of x's region:
        // equal to f near x' and linear in between.
        var net = TestNetworks.Dense("3-6-5-2", new ReluActivation(), 8);
        var x0 = TestNetworks.GaussianInputs(1, 3, 9);
        var pattern = SlopePattern.Of(net, x0, LinearAlgebraBackends.Default);
        var near = new Matrix(1, 3, [.. x0.Data.Select(v => v + 1e-9)]);
        var far = new Matrix(1, 3, [.. x0.Data.Select(v => v + 3.0)]);
        double F(Matrix at) => ImplicitPathLifting.InnerProducts(net, LocalLinearParameterization.Activations(net, at, pattern), LinearAlgebraBackends.Default)[0, 0];
        Assert.Equal(Forward.Evaluate(net, near, LinearAlgebraBackends.Default)[0, 0], F(near), 12);
        var mid = new Matrix(1, 3, [.. x0.Data.Select(v => v + 1.5)]);
        Assert.Equal((F(x0) + F(far)) / 2, F(mid), 12);
    }

    [Fact]
    public void Shapes_that_do_not_fit_are_rejected()
    {
        var net = TestNetworks.Dense("3-4-2", new ReluActivation(), 1);
        Assert.Throws<ArgumentException>(() => LocalLinearParameterization.Activations(net, TestNetworks.GaussianInputs(2, 4, 1), LinearAlgebraBackends.Default));
        var pattern = SlopePattern.Of(net, TestNetworks.GaussianInputs(2, 3, 1), LinearAlgebraBackends.Default);
        var e = Assert.Throws<ArgumentException>(() => LocalLinearParameterization.Activations(net, TestNetworks.GaussianInputs(5, 3, 1), pattern));
        Assert.Contains("expected 5×4", e.Message);
        Assert.Throws<ArgumentException>(() => ImplicitPathLifting.DirectionalDerivatives(net,
            LocalLinearParameterization.Activations(net, TestNetworks.GaussianInputs(2, 3, 1), LinearAlgebraBackends.Default), new double[3], LinearAlgebraBackends.Default));
    }
}

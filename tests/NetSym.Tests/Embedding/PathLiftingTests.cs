using NetSym.Embedding;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Embedding;

public class PathLiftingTests
{
    public static TheoryData<string> SupportedSpecs() => ["relu", "leaky_relu(0.1)", "abs", "identity"];

    private static Network OneOneOne(double w1, double b1, double w2, double b2) =>
        Network.Sequential(1, [([w1], [b1], new ReluActivation()), ([w2], [b2], new IdentityActivation())]);

    [Fact]
    public void One_hidden_neuron_gives_the_three_paths_in_order()
    {
        var net = OneOneOne(2, 3, 5, 7);
        // x0 → (0,0) → (1,0): w1·w2; b(0,0) → (1,0): b1·w2; b(1,0): b2.
        Assert.Equal([10.0, 15.0, 7.0], PathLifting.Compute(net));
        Assert.Equal(["x0 → (0,0) → (1,0)", "b(0,0) → (1,0)", "b(1,0)"], PathLifting.Paths(net).Select(p => p.ToString()));
    }

    [Fact]
    public void A_2_3_2_2_network_lists_its_21_paths_per_output_in_the_documented_order()
    {
        var net = TestNetworks.Dense("2-3-2-2", new ReluActivation(), 4);
        var paths = PathLifting.Paths(net);
        Assert.Equal(42, paths.Count);
        // Output 0: 12 input paths (x0 first), then 6 from layer-0 biases, 2 from layer-1 biases, its own bias.
        Assert.Equal("x0 → (0,0) → (1,0) → (2,0)", paths[0].ToString());
        Assert.Equal("x0 → (0,0) → (1,1) → (2,0)", paths[1].ToString());
        Assert.Equal("x0 → (0,1) → (1,0) → (2,0)", paths[2].ToString());
        Assert.Equal("x1 → (0,0) → (1,0) → (2,0)", paths[6].ToString());
        Assert.Equal("b(0,0) → (1,0) → (2,0)", paths[12].ToString());
        Assert.Equal("b(1,0) → (2,0)", paths[18].ToString());
        Assert.Equal("b(2,0)", paths[20].ToString());
        Assert.Equal("x0 → (0,0) → (1,0) → (2,1)", paths[21].ToString());
        Assert.Equal("b(2,1)", paths[41].ToString());
    }

    [Theory]
    [MemberData(nameof(SupportedSpecs))]
    public void Phi_agrees_with_a_naive_enumeration_on_dense_skip_and_masked_networks(string spec)
    {
        var act = ActivationCatalog.Parse(spec);
        foreach (var net in new[] { TestNetworks.Dense("3-4-3-2", act, 1), TestNetworks.SkipMasked(act, 2) })
        {
            var reference = ReferencePaths.Of(net);
            var paths = PathLifting.Paths(net);
            var phi = PathLifting.Compute(net);
            Assert.Equal(reference.Select(e => e.Path), paths);
            Assert.Equal(reference.Count, phi.Length);
            for (int k = 0; k < phi.Length; k++)
                Assert.True(Math.Abs(phi[k] - reference[k].Value) <= 1e-15 * (1 + Math.Abs(reference[k].Value)), $"{paths[k]}: {phi[k]} vs {reference[k].Value}");
        }
    }

    [Fact]
    public void Masked_edges_carry_no_paths_but_zero_weights_do()
    {
        var net = TestNetworks.SkipMasked(new ReluActivation(), 5);
        var paths = PathLifting.Paths(net);
        var masked = net.Layers[2];
        foreach (var p in paths)
            for (int k = 0; k + 1 < p.Neurons.Count; k++)
                if (p.Neurons[k + 1].Layer == 2)
                    Assert.True(masked.HasEdge(p.Neurons[k + 1].Index, p.Neurons[k].Index), $"{p} uses a masked edge");

        var zeroed = net.WithParameters(new double[net.ParameterCount]);
        var phi = PathLifting.Compute(zeroed);
        Assert.Equal(paths.Count, phi.Length);
        Assert.All(phi, v => Assert.Equal(0.0, v));
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("relu6")]
    [InlineData("hardtanh")]
    [InlineData("elu(1)")]
    public void Activations_that_are_not_positively_homogeneous_are_rejected_by_name(string spec)
    {
        var net = TestNetworks.Dense("3-4-2", ActivationCatalog.Parse(spec), 1);
        foreach (Action call in new Action[]
        {
            () => PathLifting.Compute(net),
            () => PathNorms.Compute(net, 1),
            () => PathLiftingJacobian.Compute(net),
            () => LocalLinearParameterization.Activations(net, TestNetworks.GaussianInputs(2, 3, 1), LinearAlgebraBackends.Default),
        })
        {
            var e = Assert.Throws<ArgumentException>(call);
            Assert.Contains($"'{ActivationCatalog.Parse(spec).Spec}'", e.Message);
            Assert.Contains("relu, leaky_relu(α), abs or identity", e.Message);
        }
    }

    [Fact]
    public void Too_many_paths_is_an_error_with_the_count_and_the_implicit_alternatives()
    {
        var net = TestNetworks.Dense("784-30-30-30-10", new ReluActivation(), 1);
        var e = Assert.Throws<PathLimitExceededException>(() => PathLifting.Compute(net));
        Assert.Equal(211_959_310, e.Entries);
        Assert.Equal(PathLifting.DefaultMaxPaths, e.Limit);
        Assert.Contains("211,959,310", e.Message);
        Assert.Contains("10,000,000", e.Message);
        Assert.Contains("path norms", e.Message);

        var small = TestNetworks.Dense("2-3-2-2", new ReluActivation(), 1);
        Assert.Equal(42, PathLifting.Compute(small, maxPaths: 42).Length);
        Assert.Throws<PathLimitExceededException>(() => PathLifting.Compute(small, maxPaths: 41));
        Assert.Throws<PathLimitExceededException>(() => PathLiftingJacobian.Compute(small, maxPaths: 41));
    }

    [Fact]
    public void The_path_jacobian_holds_the_partial_products_of_every_path()
    {
        var net = TestNetworks.SkipMasked(new ReluActivation(), 7);
        // A zero weight: the derivative with respect to it is the product of the others, not 0/0.
        var theta = net.GetParameters();
        theta[3] = 0;
        net = net.WithParameters(theta);
        var reference = ReferencePaths.Of(net);
        var d = PathLiftingJacobian.Compute(net);
        Assert.Equal(reference.Count, d.Rows);
        Assert.Equal(net.ParameterCount, d.Columns);
        for (int p = 0; p < d.Rows; p++)
        {
            var (columns, values) = d.Row(p);
            Assert.Equal(reference[p].Parameters.Order(), columns.ToArray().Order());
            for (int k = 0; k < columns.Length; k++)
            {
                double expected = reference[p].Parameters.Where(e => e != columns.Span[k]).Aggregate(1.0, (a, e) => a * theta[e]);
                Assert.True(Math.Abs(values.Span[k] - expected) <= 1e-15 * (1 + Math.Abs(expected)));
            }
        }
    }

    [Fact]
    public void Path_jacobian_products_match_finite_differences_of_phi()
    {
        var net = TestNetworks.Dense("3-4-3-2", new LeakyReluActivation(0.2), 9);
        var d = PathLiftingJacobian.Compute(net);
        var u = TestNetworks.GaussianInputs(1, net.ParameterCount, 10).Data;
        var theta = net.GetParameters();
        const double h = 1e-6;
        var plus = PathLifting.Compute(net.WithParameters(theta.Select((t, i) => t + h * u[i]).ToArray()));
        var minus = PathLifting.Compute(net.WithParameters(theta.Select((t, i) => t - h * u[i]).ToArray()));
        var du = d.Multiply(u);
        for (int p = 0; p < du.Length; p++)
            Assert.True(Math.Abs(du[p] - (plus[p] - minus[p]) / (2 * h)) <= 1e-7, $"path {p}");

        // Transposed product: ⟨DΦ·u, v⟩ = ⟨u, DΦᵀ·v⟩.
        var v = TestNetworks.GaussianInputs(1, d.Rows, 11).Data;
        double left = du.Zip(v, (a, b) => a * b).Sum(), right = d.MultiplyTransposed(v).Zip(u, (a, b) => a * b).Sum();
        Assert.True(Math.Abs(left - right) <= 1e-12 * (1 + Math.Abs(left)));
    }
}

using NetSym.Canonical;
using NetSym.Dimension;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;
using NetSym.Tests.Canonical;

namespace NetSym.Tests.Symmetries;

/// <summary>
/// The parts of an activation's group that every analysis asks (membership, normal forms, random elements,
/// steps, tangents), over groups of every shape: finite, scaling families with and without a reflection,
/// the affine maps, eˣ's translations, x³'s (a, 0, a³, 0) and the infinite dihedral groups of sin and cos.
/// </summary>
public class GroupPartsTests
{
    public static TheoryData<string> Groups() =>
        ["relu", "abs", "tanh", "sigmoid", "relu6", "identity", "softsign", "sin", "cos", "exp", "expr(x^3)", "expr(x/(1+abs(x)))", "expr(exp(x)+2)"];

    [Theory]
    [MemberData(nameof(Groups))]
    public void Member_returns_every_random_element_and_rejects_maps_outside_the_group(string spec)
    {
        var group = ActivationCatalog.Parse(spec).Symmetries;
        var random = RandomKey.FromSeed(11).Stream();
        for (int trial = 0; trial < 40; trial++)
        {
            var g = group.RandomElement(random);
            var found = group.Member(g.A, g.B, 1e-9);
            Assert.True(found is { } m && Same(m, g, 1e-9), $"{spec}: {g} not found (got {found})");
        }
        // Moving b by 0.3 leaves the group unless the family reaches every shift; doubling a, unless it reaches every scale.
        var free = group.Continuous.Count > 0 ? group.Continuous[0] : null;
        for (int trial = 0; trial < 10; trial++)
        {
            var g = group.RandomElement(random);
            if (free?.FreeShift != true) Assert.Null(group.Member(g.A, g.B + 0.3, 1e-9));
            if (free?.FreeScale != true) Assert.Null(group.Member(g.A * 2, g.B, 1e-9));
        }
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void Every_random_element_is_a_symmetry_of_rho(string spec)
    {
        var rho = ActivationCatalog.Parse(spec);
        var random = RandomKey.FromSeed(12).Stream();
        for (int trial = 0; trial < 30; trial++)
        {
            var g = rho.Symmetries.RandomElement(random);
            for (double x = -3; x <= 3; x += 0.0625)
            {
                double left = rho.Value(g.A * x + g.B), right = g.C * rho.Value(x) + g.D;
                Assert.True(Math.Abs(left - right) <= 1e-11 * (1 + Math.Abs(right)), $"{spec}: {g} fails at {x}: {left:R} vs {right:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void A_neuron_and_its_image_under_any_element_have_one_normal_form(string spec)
    {
        var group = ActivationCatalog.Parse(spec).Symmetries;
        var random = RandomKey.FromSeed(13).Stream();
        for (int trial = 0; trial < 40; trial++)
        {
            double[] w = [random.NextNormal(), random.NextNormal(), random.NextNormal()];
            double beta = 2 * random.NextNormal();
            var g = group.RandomElement(random);
            var (nw, nb) = Normal(group, w, beta);
            var (mw, mb) = Normal(group, [.. w.Select(v => g.A * v)], g.A * beta + g.B);
            for (int k = 0; k < w.Length; k++) Assert.Equal(nw[k], mw[k], 1e-10);
            Assert.Equal(nb, mb, 1e-10);
            // A normal form is its own normal form.
            var (tw, tb) = Normal(group, nw, nb);
            for (int k = 0; k < w.Length; k++) Assert.Equal(nw[k], tw[k], 1e-12);
            Assert.Equal(nb, tb, 1e-12);
        }
    }

    [Fact]
    public void Power_is_repeated_composition_both_ways()
    {
        foreach (var t in new[] { new AffineSymmetry(1, Math.PI, -1, 0), new AffineSymmetry(2, 1, 8, 3), new AffineSymmetry(-1.5, 0.25, 0.5, -1) })
            for (int n = -6; n <= 6; n++)
            {
                var expected = AffineSymmetry.Identity;
                for (int i = 0; i < Math.Abs(n); i++) expected = expected.Compose(n < 0 ? t.Inverse() : t);
                Assert.True(Same(t.Power(n), expected, 1e-12), $"{t}^{n} = {t.Power(n)}, by composition {expected}");
            }
    }

    [Fact]
    public void A_period_makes_the_discrete_part_infinite_with_one_factor_Z_per_neuron()
    {
        var net = TestNetworks.Dense("3-4-5-2", new SinActivation(), 2);
        var order = SymmetryCount.Of(net).Order;
        Assert.False(order.IsFinite);
        Assert.Equal(9, order.InfiniteCyclic);
        Assert.Equal("5!·4!·2^9·ℤ^9", order.ToString());
        Assert.Equal(double.PositiveInfinity, order.Log10);
        Assert.Equal("infinite", order.Scientific);
        Assert.Throws<InvalidOperationException>(() => order.Value);
        var generic = SymmetryCount.Of(LayeredArchitecture.Parse("3-4-5-2"), new CosActivation()).Order;
        Assert.Equal(order.ToString(), generic.ToString());
        Assert.True(SymmetryCount.Of(TestNetworks.Dense("3-4-2", new TanhActivation(), 2)).Order.IsFinite);
    }

    [Theory]
    [InlineData("exp", 1)]
    [InlineData("expr(x^3)", 1)]
    [InlineData("expr(exp(x)+2)", 1)]
    public void A_planted_element_of_a_new_family_is_recovered_with_its_map(string spec, int dimension)
    {
        var rho = ActivationCatalog.Parse(spec);
        Assert.Equal(dimension, rho.Symmetries.ContinuousDimension);
        foreach (int seed in new[] { 4, 9 })
        {
            var a = Shrunk(TestNetworks.Dense("3-4-2", rho, seed));
            var planted = SymmetryGroup.Of(a).RandomElement(RandomKey.FromSeed(seed).Split("planted").Stream());
            var b = planted.Apply(a);
            var x = TestNetworks.GaussianInputs(32, 3, 5);
            CanonicalTestCases.AssertSameFunction(a, b, x, 1e-10);
            var result = Equivalence.Compare(a, b, LinearAlgebraBackends.Default, new EquivalenceOptions { WitnessBudget = 256, Seed = 1 });
            Assert.Equal(EquivalenceVerdict.Equivalent, result.Verdict);
            CanonicalTestCases.AssertSameParameters(a, result.Map!.Apply(b), 1e-10);
            // One weight moved by 10⁻³ of its layer's scale is a different function, and the witness shows it.
            var moved = CanonicalTestCases.Perturb(b, 1, 1e-3 * (1 + b.Layers[0].Weights.ToArray().Max(Math.Abs)));
            var different = Equivalence.Compare(a, moved, LinearAlgebraBackends.Default, new EquivalenceOptions { WitnessBudget = 256, Seed = 1 });
            Assert.Equal(EquivalenceVerdict.Different, different.Verdict);
        }
    }

    [Fact]
    public void Exp_networks_lose_one_dimension_per_neuron_and_reach_that_bound()
    {
        var net = Shrunk(TestNetworks.Dense("2-4-1", new ExpActivation(), 3));
        Assert.Equal(net.ParameterCount - 4, FunctionalDimension.Bound(net));
        var result = FunctionalDimension.Compute(net, TestNetworks.GaussianInputs(80, 2, 6), LinearAlgebraBackends.Default,
            new FunctionalDimensionOptions { Method = RankMethod.Float });
        Assert.Equal(FunctionalDimension.Bound(net), result.Rank);
        // The translations are in the normal form: every hidden bias is moved to 0.
        var canonical = Canonicalizer.Canonicalize(net).Network;
        Assert.All(canonical.Layers[0].Bias.ToArray(), b => Assert.Equal(0, b));
    }

    // Weights scaled down so that eˣ and x³ stay moderate through the layers.
    private static Network Shrunk(Network net) => net.WithParameters([.. net.GetParameters().Select(v => 0.5 * v)]);

    private static (double[] W, double B) Normal(AffineSymmetryGroup group, double[] w, double beta)
    {
        var s = group.Normalizer(w, beta);
        return ([.. w.Select(v => s.A * v)], s.A * beta + s.B);
    }

    private static bool Same(AffineSymmetry x, AffineSymmetry y, double tolerance) =>
        Close(x.A, y.A, tolerance) && Close(x.B, y.B, tolerance) && Close(x.C, y.C, tolerance) && Close(x.D, y.D, tolerance);

    private static bool Close(double x, double y, double tolerance) => Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));
}

using NetSym.Canonical;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;

namespace NetSym.Tests.Canonical;

public class FiberTests
{
    public static TheoryData<string> TheoremActivations() => ["tanh", "sigmoid"];

    private static readonly string[] Architectures = ["2-3-1", "3-4-3-2", "2-3-3-3-1"];

    private static double MaxDifference(Network a, Network b, int seed)
    {
        var x = TestNetworks.GaussianInputs(64, a.InputSize, seed);
        var ya = Forward.Evaluate(a, x, LinearAlgebraBackends.Default);
        var yb = Forward.Evaluate(b, x, LinearAlgebraBackends.Default);
        double worst = 0;
        for (int i = 0; i < ya.Rows; i++)
            for (int j = 0; j < ya.Columns; j++) worst = Math.Max(worst, Math.Abs(ya[i, j] - yb[i, j]));
        return worst;
    }

    private static int[] Widths(Network n) => [.. n.Layers.Take(n.Layers.Count - 1).Select(l => l.OutputSize)];

    [Theory]
    [MemberData(nameof(TheoremActivations))]
    public void A_generic_tanh_type_network_has_a_complete_fiber_whose_size_is_the_group_order(string spec)
    {
        var rho = ActivationCatalog.Parse(spec);
        foreach (var (arch, seed) in Architectures.Select((a, i) => (a, 40 + i)))
        {
            var network = TestNetworks.Dense(arch, rho, seed);
            var fiber = Fiber.Describe(network);
            Assert.True(fiber.Complete, string.Join("; ", fiber.Conditions.Where(c => !c.Holds).Select(c => c.Detail)));
            // ∏ n_l!·2^{n_l}: permutations and the one reflection of tanh and of the sigmoid, per unit.
            var widths = Widths(network);
            System.Numerics.BigInteger expected = 1;
            foreach (int n in widths)
                for (int k = 1; k <= n; k++) expected *= 2 * k;
            Assert.Equal(expected, fiber.OrbitSize!.Value);
        }
    }

    [Theory]
    [MemberData(nameof(TheoremActivations))]
    public void Every_member_of_the_orbit_has_the_same_fiber_representative(string spec)
    {
        var rho = ActivationCatalog.Parse(spec);
        var random = RandomKey.FromSeed(7).Stream();
        var network = TestNetworks.Dense("3-4-3-1", rho, 5);
        var fiber = Fiber.Describe(network);
        var group = SymmetryGroup.Of(network);
        for (int t = 0; t < 10; t++)
        {
            var copy = group.RandomElement(random).Apply(network);
            Assert.True(MaxDifference(network, copy, t) <= 1e-12);
            CanonicalTestCases.AssertSameParameters(fiber.Canonical.Network, Fiber.Describe(copy).Canonical.Network, 1e-9);
        }
    }

    public static TheoryData<string, DegenerateAdditionKind> Additions()
    {
        var data = new TheoryData<string, DegenerateAdditionKind>();
        foreach (var spec in new[] { "tanh", "sigmoid" })
            foreach (var kind in Enum.GetValues<DegenerateAdditionKind>())
                data.Add(spec, kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(Additions))]
    public void A_degenerate_addition_keeps_the_function_and_reduces_back_to_the_same_representative(string spec, DegenerateAdditionKind kind)
    {
        var rho = ActivationCatalog.Parse(spec);
        var network = TestNetworks.Dense("3-4-3-2", rho, 11);
        var fiber = Fiber.Describe(network);
        var random = RandomKey.FromSeed(13).Stream();
        // The first hidden layer already reads the input, so the zero-weight edge goes to the second.
        foreach (int layer in kind == DegenerateAdditionKind.ZeroWeightEdge ? [1] : new[] { 0, 1 })
        {
            var larger = DegenerateAddition.Apply(network, kind, layer, random);
            Assert.True(larger.ParameterCount > network.ParameterCount);
            Assert.True(MaxDifference(network, larger, layer) <= 1e-12, $"{kind} at layer {layer} changed the function");
            var enlarged = Fiber.Describe(larger);
            if (kind == DegenerateAdditionKind.ZeroWeightEdge)
            {
                // Another architecture: its reduced network keeps the zero block, and is otherwise the original.
                Assert.Equal([0, 1], larger.Layers[layer].Sources);
                Assert.Equal(network.HiddenNeuronCount, enlarged.Reduction.Network.HiddenNeuronCount);
                continue;
            }
            Assert.True(enlarged.Reduction.Steps.Count > 0);
            Assert.Equal(Widths(network), Widths(enlarged.Reduction.Network));
            CanonicalTestCases.AssertSameParameters(fiber.Canonical.Network, enlarged.Canonical.Network, 1e-9);
        }
    }

    [Fact]
    public void A_relu_network_is_outside_the_theorem_and_says_why()
    {
        var fiber = Fiber.Describe(TestNetworks.Dense("3-4-3-1", new ReluActivation(), 3));
        Assert.False(fiber.Complete);
        Assert.Null(fiber.OrbitSize);
        var failed = Assert.Single(fiber.Conditions, c => !c.Holds);
        Assert.Equal("tanh_type", failed.Name);
        Assert.Contains("hidden symmetries", failed.Detail);
    }

    [Fact]
    public void A_network_whose_layer_reduces_away_is_not_covered()
    {
        var network = TestNetworks.Dense("2-3-2-1", new TanhActivation(), 9);
        // Every weight out of the second hidden layer is zero: the function is constant, the layer reduces to a placeholder.
        var last = network.Layers[2];
        network = network.WithLayer(2, last.With(new double[last.Weights.Length], last.Bias));
        var fiber = Fiber.Describe(network);
        Assert.False(fiber.Complete);
        Assert.Contains(fiber.Conditions, c => c.Name == "no_empty_layer" && !c.Holds);
    }

    [Theory]
    [MemberData(nameof(TheoremActivations))]
    public void Equiv_is_a_complete_decision_for_tanh_type_networks(string spec)
    {
        var rho = ActivationCatalog.Parse(spec);
        var options = new EquivalenceOptions { WitnessBudget = 2048, Seed = 3 };
        var a = TestNetworks.Dense("3-4-3-1", rho, 21);
        var random = RandomKey.FromSeed(2).Stream();

        var copy = DegenerateAddition.Apply(SymmetryGroup.Of(a).RandomElement(random).Apply(a), DegenerateAdditionKind.SplitUnit, 0, random);
        var same = Equivalence.Compare(a, copy, LinearAlgebraBackends.Default, options);
        Assert.Equal(EquivalenceVerdict.Equivalent, same.Verdict);
        Assert.True(same.DecidedByTheorem);

        // One weight moved by 1e-6: different, and the witness is confirmed by evaluating both networks there.
        var theta = a.GetParameters();
        theta[5] += 1e-6;
        var b = a.WithParameters(theta);
        var different = Equivalence.Compare(a, b, LinearAlgebraBackends.Default, options);
        Assert.Equal(EquivalenceVerdict.Different, different.Verdict);
        Assert.True(different.DecidedByTheorem);
        var search = different.Search!;
        Assert.True(search.Found);
        var x = new Matrix(1, a.InputSize, [.. search.Input]);
        double gap = Math.Abs(Forward.Evaluate(a, x, LinearAlgebraBackends.Default)[0, 0] - Forward.Evaluate(b, x, LinearAlgebraBackends.Default)[0, 0]);
        Assert.True(gap > search.Threshold, $"at the witness the outputs differ by {gap}, threshold {search.Threshold}");
    }

    [Fact]
    public void Equiv_of_relu_networks_names_the_gap_in_the_theorem()
    {
        var a = TestNetworks.Dense("3-4-1", new ReluActivation(), 21);
        var result = Equivalence.Compare(a, a, LinearAlgebraBackends.Default);
        Assert.False(result.DecidedByTheorem);
        Assert.Contains(result.TheoremGaps, g => g.StartsWith("A: ", StringComparison.Ordinal) && g.Contains("relu", StringComparison.Ordinal));
    }
}

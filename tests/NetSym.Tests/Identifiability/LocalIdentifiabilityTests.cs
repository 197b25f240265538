using NetSym.Dimension;
using NetSym.Identifiability;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;

namespace NetSym.Tests.Identifiability;

public class LocalIdentifiabilityTests
{
    private static Network Generic(string architecture, int seed) => TestNetworks.Dense(architecture, new ReluActivation(), seed);

    private static Network WithHiddenRow(Network network, int layer, int neuron, double[] weights, double bias)
    {
        var l = network.Layers[layer];
        var w = l.Weights.ToArray();
        var b = l.Bias.ToArray();
        weights.CopyTo(w.AsSpan(neuron * l.InputSize));
        b[neuron] = bias;
        return network.WithLayer(layer, l.With(w, b));
    }

    [Theory]
    [InlineData("relu", "3-4-3-1")]
    [InlineData("relu", "2-3-3-2")]
    [InlineData("leaky_relu(0.25)", "2-3-3-2")]
    [InlineData("abs", "3-5-2")]
    public void R_gamma_is_the_batch_functional_dimension_and_C_S_says_it_reaches_the_bound(string spec, string architecture)
    {
        for (int seed = 0; seed < 4; seed++)
        {
            var network = TestNetworks.Dense(architecture, ActivationCatalog.Parse(spec), seed);
            foreach (int n in new[] { 3, 12, 60 })
            {
                var x = TestNetworks.GaussianInputs(n, network.InputSize, 10 * seed + n);
                foreach (var method in new[] { RankMethod.Exact, RankMethod.Float })
                {
                    var result = LocalIdentifiability.Check(network, x, LinearAlgebraBackends.Default, new IdentifiabilityOptions { Method = method, Seed = seed });
                    var fd = FunctionalDimension.Compute(network, x, LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Method = method, Seed = seed });
                    Assert.Equal(fd.Rank, result.RGamma);
                    Assert.Equal(fd.Bound, result.Bound); // P − #hidden for these activations
                    Assert.Equal(fd.Rank == fd.Bound, result.Condition(IdentifiabilityConditionKind.Sufficient).Holds);
                    // rank Γ ≤ rank A (Γ = A·DΦ·E), both within their bounds.
                    Assert.InRange(result.RGamma!.Value, 0, Math.Min(result.Bound, n * network.OutputSize));
                    Assert.InRange(result.RA!.Value, result.RGamma.Value, result.RAUpperBound!.Value);
                }
            }
        }
    }

    [Fact]
    public void A_generic_network_on_a_large_gaussian_sample_is_identifiable()
    {
        var network = Generic("4-6-4-2", 0);
        var result = LocalIdentifiability.Check(network, TestNetworks.GaussianInputs(400, 4, 5), LinearAlgebraBackends.Default);
        Assert.Equal(IdentifiabilityVerdict.Identifiable, result.Verdict);
        Assert.Equal(IdentifiabilityConditionKind.Sufficient, result.DecidedBy);
        Assert.True(result.Certified);
        Assert.Equal(result.Bound, result.RGamma);
        Assert.All(result.Conditions.Where(c => c.Kind != IdentifiabilityConditionKind.SampleDeterminesPhi && c.Kind != IdentifiabilityConditionKind.StockGribonvalSufficient),
            c => Assert.True(c.Holds, $"{c.Kind}: {c.Detail}"));
    }

    [Fact]
    public void A_neuron_never_active_on_X_is_the_witness_of_non_identifiability()
    {
        var network = WithHiddenRow(Generic("4-6-4-2", 0), 0, 2, [0.5, -0.25, 0.125, 0.5], -100);
        var result = LocalIdentifiability.Check(network, TestNetworks.GaussianInputs(400, 4, 5), LinearAlgebraBackends.Default);
        Assert.Equal(IdentifiabilityVerdict.NotIdentifiable, result.Verdict);
        Assert.Equal(IdentifiabilityConditionKind.NeuronsActive, result.DecidedBy);
        Assert.Contains("neuron (0,2) is never active", result.Witness);
        Assert.True(result.Certified);
        Assert.False(result.Condition(IdentifiabilityConditionKind.Sufficient).Holds);
        Assert.True(result.RGamma <= result.Bound - 5); // its four incoming weights and bias are invisible on X
    }

    [Fact]
    public void Too_few_points_fail_C_N_with_a_certified_rank_deficit()
    {
        var network = Generic("4-6-4-2", 5); // a seed whose 20 points leave every neuron active somewhere and every row independent
        var result = LocalIdentifiability.Check(network, TestNetworks.GaussianInputs(20, 4, 6), LinearAlgebraBackends.Default);
        Assert.Equal(IdentifiabilityVerdict.NotIdentifiable, result.Verdict);
        Assert.Equal(IdentifiabilityConditionKind.Necessary, result.DecidedBy);
        Assert.Equal(40, result.RGamma); // every one of the 20 × 2 rows is independent …
        Assert.Equal(40, result.RA);     // … and A has no more rows
        Assert.True(result.Certified);
        Assert.Contains("R_Γ = R_A = 40 < bound 58", result.Witness);
    }

    [Fact]
    public void Twin_neurons_are_not_identifiable_from_any_sample()
    {
        var generic = Generic("4-6-4-2", 0);
        var source = generic.Layers[0];
        double[] twice = [.. Enumerable.Range(0, 4).Select(k => 2 * source.Weight(1, k))];
        var network = WithHiddenRow(generic, 0, 4, twice, 2 * source.Bias[1]);
        var result = LocalIdentifiability.Check(network, TestNetworks.GaussianInputs(400, 4, 5), LinearAlgebraBackends.Default);
        Assert.Equal(IdentifiabilityVerdict.NotIdentifiable, result.Verdict);
        Assert.Equal(IdentifiabilityConditionKind.NoRedundantNeurons, result.DecidedBy);
        Assert.Contains("layer 0, neuron 4", result.Witness);
        Assert.Contains("merged into neuron 1", result.Witness);
        Assert.False(result.Condition(IdentifiabilityConditionKind.Sufficient).Holds);
    }

    [Fact]
    public void A_random_2_2_2_1_network_can_be_undetermined_with_R_gamma_10_R_A_11_bound_11()
    {
        // Found by a seed search: C_N holds, C_S fails, so neither theorem decides.
        var network = RandomNetworks.Create(Architecture.Parse("2-2-2-1"), new ReluActivation(), Initialization.Gaussian, RandomKey.FromSeed(0));
        var x = RandomNetworks.GaussianInputs(30, 2, RandomKey.FromSeed(1000));
        var result = LocalIdentifiability.Check(network, x, LinearAlgebraBackends.Default);
        Assert.Equal((10, 11, 11), (result.RGamma, result.RA, result.Bound));
        Assert.Equal(IdentifiabilityVerdict.Undetermined, result.Verdict);
        Assert.Equal(IdentifiabilityConditionKind.Necessary, result.DecidedBy);
        Assert.True(result.Condition(IdentifiabilityConditionKind.Necessary).Holds);
        Assert.False(result.Condition(IdentifiabilityConditionKind.Sufficient).Holds);
        Assert.Contains("neither theorem decides", result.Witness);
    }

    [Fact]
    public void A_degenerate_neuron_is_outside_both_theorems()
    {
        var network = WithHiddenRow(Generic("4-6-4-2", 0), 0, 3, [0, 0, 0, 0], 0);
        var result = LocalIdentifiability.Check(network, TestNetworks.GaussianInputs(100, 4, 5), LinearAlgebraBackends.Default);
        Assert.Equal(IdentifiabilityVerdict.Undetermined, result.Verdict);
        Assert.Equal(IdentifiabilityConditionKind.NonzeroNeurons, result.DecidedBy);
        Assert.Contains("neuron (0,3): incoming weights and bias all zero", result.Witness);
        Assert.Null(result.RGamma);
        Assert.Null(result.Condition(IdentifiabilityConditionKind.Sufficient).Holds);
    }

    [Fact]
    public void Boundary_samples_leave_it_undetermined_unless_the_other_samples_prove_it()
    {
        var network = Network.Sequential(1, [([1.0], [0.0], new ReluActivation()), ([1.0], [0.0], new IdentityActivation())]);
        var onKink = LocalIdentifiability.Check(network, new Matrix(3, 1, [0.0, 1.0, 2.0]), LinearAlgebraBackends.Default);
        Assert.Equal(IdentifiabilityVerdict.Undetermined, onKink.Verdict);
        Assert.Equal(IdentifiabilityConditionKind.NoBoundarySamples, onKink.DecidedBy);
        Assert.Equal([0], onKink.BoundarySamples);
        Assert.Contains("sample 0", onKink.Witness);

        // {−1, 1, 2} alone proves C_S, and identifiability from a subset of X implies it from X.
        var proven = LocalIdentifiability.Check(network, new Matrix(4, 1, [-1.0, 0.0, 1.0, 2.0]), LinearAlgebraBackends.Default);
        Assert.Equal(IdentifiabilityVerdict.Identifiable, proven.Verdict);
        Assert.Equal([1], proven.BoundarySamples);
        Assert.False(proven.Condition(IdentifiabilityConditionKind.NoBoundarySamples).Holds);
        Assert.Contains("off the boundary", proven.Witness);
    }

    [Fact]
    public void Verdict_and_ranks_are_invariant_under_the_networks_symmetries()
    {
        var random = new Random(3);
        foreach (var (network, n) in new[] { (Generic("4-6-4-2", 0), 400), (Generic("4-6-4-2", 4), 400), (Generic("4-6-4-2", 0), 12), (Generic("2-4-4-1", 9), 40) })
        {
            var x = TestNetworks.GaussianInputs(n, network.InputSize, 7);
            var hidden = network.Layers.Take(network.Layers.Count - 1).Select(l => l.OutputSize).ToList();
            // Powers of two keep the rescaled parameters exact, so the activation pattern is the same.
            var element = new GroupElement(
                [.. hidden.Select(w => Enumerable.Range(0, w).Select(_ => { double s = Math.ScaleB(1, random.Next(-3, 4)); return new AffineSymmetry(s, 0, s, 0); }).ToArray())],
                [.. hidden.Select(w => Enumerable.Range(0, w).OrderBy(_ => random.Next()).ToArray())]);
            var before = LocalIdentifiability.Check(network, x, LinearAlgebraBackends.Default);
            var after = LocalIdentifiability.Check(element.Apply(network), x, LinearAlgebraBackends.Default);
            Assert.Equal(before.Verdict, after.Verdict);
            Assert.Equal((before.RGamma, before.RA, before.RAUpperBound), (after.RGamma, after.RA, after.RAUpperBound));
            Assert.Equal(before.Conditions.Select(c => (c.Kind, c.Holds)), after.Conditions.Select(c => (c.Kind, c.Holds)));
        }
    }

    [Fact]
    public void Stock_and_Gribonval_sufficient_condition_implies_C_S()
    {
        int sufficient = 0;
        foreach (var architecture in new[] { "3-8-2", "5-6-4-3", "2-3-2-1" })
            for (int seed = 0; seed < 5; seed++)
            {
                var network = Generic(architecture, seed);
                var result = LocalIdentifiability.Check(network, TestNetworks.GaussianInputs(300, network.InputSize, seed), LinearAlgebraBackends.Default);
                var sg = result.Condition(IdentifiabilityConditionKind.StockGribonvalSufficient).Holds;
                var cs = result.Condition(IdentifiabilityConditionKind.Sufficient).Holds;
                if (sg == true)
                {
                    sufficient++;
                    Assert.True(cs);
                    Assert.Equal(result.PathsPerOutput.Sum(p => (int)p), result.RA); // A is injective on the paths
                }
                // C_S forces DΦ·E to full rank: rank(A·DΦ·E) ≤ rank(DΦ·E) ≤ bound.
                if (cs == true) Assert.True(result.Condition(IdentifiabilityConditionKind.PhiLocallyInjective).Holds);
            }
        Assert.True(sufficient >= 4, $"only {sufficient} networks satisfied Stock & Gribonval's condition");
    }

    [Fact]
    public void Masked_networks_materialise_alpha_and_still_agree_with_the_functional_dimension()
    {
        var network = TestNetworks.SkipMasked(new ReluActivation(), 5);
        var x = TestNetworks.GaussianInputs(40, 3, 6);
        var result = LocalIdentifiability.Check(network, x, LinearAlgebraBackends.Default);
        Assert.Equal(FunctionalDimension.Compute(network, x, LinearAlgebraBackends.Default).Rank, result.RGamma);
        Assert.Contains("materialised", result.AlphaMethod);
        Assert.NotNull(result.RA);
        var limited = LocalIdentifiability.Check(network, x, LinearAlgebraBackends.Default, new IdentifiabilityOptions { MaxPaths = 100 });
        Assert.Null(limited.RA);
        Assert.Null(limited.Condition(IdentifiabilityConditionKind.Necessary).Holds);
        var tooLarge = limited.Condition(IdentifiabilityConditionKind.Necessary).TooLarge;
        Assert.Equal(OversizeKind.AlphaMasked, tooLarge!.Kind);
        Assert.Equal(100, tooLarge.Limit);
        Assert.Equal(tooLarge, limited.AlphaTooLarge);
        Assert.True(tooLarge.Size > tooLarge.Limit);
    }

    [Fact]
    public void Activations_that_are_not_positively_homogeneous_are_refused_by_name()
    {
        var network = TestNetworks.Dense("2-3-1", new TanhActivation(), 1);
        var e = Assert.Throws<ArgumentException>(() => LocalIdentifiability.Check(network, TestNetworks.GaussianInputs(5, 2, 1), LinearAlgebraBackends.Default));
        Assert.Contains("'tanh'", e.Message);
        Assert.Contains("relu, leaky_relu(α), abs or identity", e.Message);
        var wide = Assert.Throws<ArgumentException>(() => LocalIdentifiability.Check(Generic("2-3-1", 1), TestNetworks.GaussianInputs(5, 3, 1), LinearAlgebraBackends.Default));
        Assert.Contains("3 coordinates", wide.Message);
    }
}

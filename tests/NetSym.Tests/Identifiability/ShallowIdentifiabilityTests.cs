using NetSym.Identifiability;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Identifiability;

public class ShallowIdentifiabilityTests
{
    /// <summary>f(x) = Σ_i v_i·relu(w_i·x + b_i) + c with one output; rows of <paramref name="w"/> are the w_i.</summary>
    private static Network Shallow(double[][] w, double[] b, double[] v, double c) =>
        Network.Sequential(w[0].Length,
        [
            ([.. w.SelectMany(r => r)], b, new ReluActivation()),
            (v, [c], new IdentityActivation()),
        ]);

    /// <summary>The network with the neurons of S flipped to (−w, −b, v) and Σ_S v_i·b_i added to the output bias.</summary>
    private static Network Flipped(Network network, IReadOnlyList<int> subset)
    {
        var hidden = network.Layers[0];
        var output = network.Layers[1];
        var w = hidden.Weights.ToArray();
        var b = hidden.Bias.ToArray();
        var c = output.Bias.ToArray();
        foreach (int i in subset)
        {
            for (int k = 0; k < hidden.InputSize; k++) w[i * hidden.InputSize + k] *= -1;
            for (int o = 0; o < c.Length; o++) c[o] += output.Weight(o, i) * b[i];
            b[i] *= -1;
        }
        return network.WithLayer(0, hidden.With(w, b)).WithLayer(1, output.With(output.Weights, c));
    }

    private static Matrix Uniform(Box box, int n, int seed)
    {
        var random = new Random(seed);
        var x = new Matrix(n, box.Dimension);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < box.Dimension; k++) x[i, k] = box.Lower[k] + (box.Upper[k] - box.Lower[k]) * random.NextDouble();
        return x;
    }

    [Fact]
    public void Distinct_hyperplanes_through_the_box_without_a_cancelling_subset_are_identifiable()
    {
        // v_i·w_iᵀ = (1, 0), (0, 2), (−1, −1): dependent (kernel (1, 1/2, 1)) but no 0/1 combination cancels.
        var network = Shallow([[1, 0], [0, 1], [1, 1]], [0, 0, -0.5], [1, 2, -1], 0.5);
        var result = ShallowIdentifiability.Check(network, LinearAlgebraBackends.Default, 0, Box.Uniform(2, -1, 1));
        Assert.True(result.Applicable);
        Assert.Equal(IdentifiabilityVerdict.Identifiable, result.Verdict);
        Assert.Equal(IdentifiabilityConditionKind.ShallowNoCancellingSubset, result.DecidedBy);
        Assert.Contains("all 2^1 − 1 combinations checked", result.Witness);
        Assert.All(result.Hyperplanes, h => Assert.True(h.MeetsDomain));
        Assert.Equal(-2.5, result.Hyperplanes[2].Low); // x1 + x2 − 0.5 over [−1, 1]²
        Assert.Equal(1.5, result.Hyperplanes[2].High);
    }

    [Fact]
    public void A_cancelling_subset_gives_a_different_network_with_the_same_function()
    {
        // v_i·w_i = 1, 2, 3, −3, 5, 7 on distinct hyperplanes x = −b_i / w_i inside [−1, 1]: {2, 3} and {0, 1, 3} cancel.
        var network = Shallow([[1], [1], [1], [1], [1], [1]], [0.5, 0.3, 0.1, -0.1, -0.3, -0.5], [1, 2, 3, -3, 5, 7], 0.25);
        var box = Box.Uniform(1, -1, 1);
        var result = ShallowIdentifiability.Check(network, LinearAlgebraBackends.Default, 0, box);
        Assert.Equal(IdentifiabilityVerdict.NotIdentifiable, result.Verdict);
        Assert.Equal(IdentifiabilityConditionKind.ShallowNoCancellingSubset, result.DecidedBy);
        var subset = result.CancellingSubset!;
        Assert.Equal(0, subset.Sum(i => network.Layers[1].Weight(0, i) * network.Layers[0].Weight(i, 0)));
        var x = Uniform(Box.Uniform(1, -50, 50), 200, 1); // the flip is a global identity, not only on the box
        var before = Forward.Evaluate(network, x, LinearAlgebraBackends.Default);
        var after = Forward.Evaluate(Flipped(network, subset), x, LinearAlgebraBackends.Default);
        for (int i = 0; i < x.Rows; i++) Assert.Equal(before[i, 0], after[i, 0], 1e-12);
        Assert.NotEqual(network.GetParameters(), Flipped(network, subset).GetParameters());
    }

    [Fact]
    public void A_hyperplane_that_misses_the_box_makes_the_neuron_dead_or_affine_there()
    {
        var network = Shallow([[1, 1], [1, -1], [0.5, 0]], [-5, 0, 4], [1, 1, 1], 0);
        var small = ShallowIdentifiability.Check(network, LinearAlgebraBackends.Default, 0, Box.Uniform(2, -1, 1));
        Assert.Equal(IdentifiabilityVerdict.NotIdentifiable, small.Verdict);
        Assert.Equal(IdentifiabilityConditionKind.ShallowHyperplanesMeetDomain, small.DecidedBy);
        Assert.Contains("2 hyperplane(s) miss", small.Witness);
        Assert.Equal("never active on the domain (w·x + b ≤ 0)", small.Hyperplanes[0].Side);
        Assert.Equal("crosses the domain", small.Hyperplanes[1].Side);
        Assert.Equal("always active on the domain (w·x + b ≥ 0): affine there", small.Hyperplanes[2].Side);
        Assert.Equal((-7.0, -3.0), (small.Hyperplanes[0].Low, small.Hyperplanes[0].High));

        // On a box that every hyperplane crosses the same network is identifiable; on R^n too.
        Assert.Equal(IdentifiabilityVerdict.Identifiable, ShallowIdentifiability.Check(network, LinearAlgebraBackends.Default, 0, Box.Uniform(2, -10, 10)).Verdict);
        Assert.Equal(IdentifiabilityVerdict.Identifiable, ShallowIdentifiability.Check(network, LinearAlgebraBackends.Default, 0).Verdict);

        // A hyperplane that only touches the closed box misses its interior.
        var touching = ShallowIdentifiability.Check(Shallow([[1, 0]], [-1], [1], 0), LinearAlgebraBackends.Default, 0, Box.Uniform(2, -1, 1));
        Assert.False(touching.Hyperplanes[0].MeetsDomain);
    }

    [Fact]
    public void Shared_hyperplanes_are_twins_or_opposite()
    {
        var twins = ShallowIdentifiability.Check(Shallow([[1, 2], [0.5, 1], [1, -1]], [0.25, 0.125, 0], [1, 1, 1], 0), LinearAlgebraBackends.Default, 0);
        Assert.Equal(IdentifiabilityVerdict.NotIdentifiable, twins.Verdict);
        Assert.Equal(IdentifiabilityConditionKind.ShallowDistinctHyperplanes, twins.DecidedBy);
        Assert.Contains("neurons 0 and 1 are twins", twins.Witness);
        Assert.Equal((0, true), (twins.Hyperplanes[1].SharedWith, twins.Hyperplanes[1].SameOrientation));

        var opposite = ShallowIdentifiability.Check(Shallow([[1, 2], [-3, -6], [1, -1]], [0.25, -0.75, 0], [1, 1, 1], 0), LinearAlgebraBackends.Default, 0);
        Assert.Equal(IdentifiabilityVerdict.Undetermined, opposite.Verdict);
        Assert.Contains("opposite orientations", opposite.Witness);
        Assert.Equal(false, opposite.Hyperplanes[1].SameOrientation);
    }

    /// <summary>Outputs of both networks on 200 uniform points of the box agree to 1e-12.</summary>
    private static void AssertSameFunction(Network a, Network b, Box box)
    {
        var x = Uniform(box, 200, 3);
        var fa = Forward.Evaluate(a, x, LinearAlgebraBackends.Default);
        var fb = Forward.Evaluate(b, x, LinearAlgebraBackends.Default);
        for (int i = 0; i < x.Rows; i++) Assert.Equal(fa[i, 0], fb[i, 0], 1e-12);
    }

    [Fact]
    public void Opposite_pairs_with_zero_jump_slide_along_their_normal()
    {
        // relu(z) − relu(−z) = z: the pair is linear, so shifting its hyperplane by t and the output bias by −t is invisible.
        var pair = Shallow([[1, 2], [-1, -2], [1, -1]], [0, 0, 0.5], [1, -1, 1], 0);
        var slid = Shallow([[1, 2], [-1, -2], [1, -1]], [0.75, -0.75, 0.5], [1, -1, 1], -0.75);
        AssertSameFunction(pair, slid, Box.Uniform(2, -2, 2));
        Assert.Equal(IdentifiabilityVerdict.Undetermined, ShallowIdentifiability.Check(pair, LinearAlgebraBackends.Default, 0).Verdict);
    }

    [Fact]
    public void Two_opposite_pairs_trade_their_linear_parts_for_a_third_hyperplane()
    {
        // |x1| + |x2| = 2relu(x1) + 2relu(x2) + relu(−x1−x2) − relu(x1+x2): same architecture, all neurons non-zero,
        // hyperplanes through the box, yet not a permutation or positive rescaling of the first.
        var pairs = Shallow([[1, 0], [-1, 0], [0, 1], [0, -1]], [0, 0, 0, 0], [1, 1, 1, 1], 0);
        var traded = Shallow([[1, 0], [0, 1], [-1, -1], [1, 1]], [0, 0, 0, 0], [2, 2, 1, -1], 0);
        AssertSameFunction(pairs, traded, Box.Uniform(2, -2, 2));
        Assert.Equal(IdentifiabilityVerdict.Undetermined, ShallowIdentifiability.Check(pairs, LinearAlgebraBackends.Default, 0).Verdict);
    }

    [Fact]
    public void A_single_opposite_pair_with_a_jump_can_be_identifiable()
    {
        // relu(x) + relu(−x) = |x| on R: slopes −1 and 1 fix both outgoing weights, and one neuron cannot make both
        // slopes, so condition 3 is not necessary for opposite orientations and the verdict is undetermined, not not_identifiable.
        var abs = Shallow([[1], [-1]], [0, 0], [1, 1], 0);
        var x = Uniform(Box.Uniform(1, -2, 2), 50, 4);
        var f = Forward.Evaluate(abs, x, LinearAlgebraBackends.Default);
        for (int i = 0; i < x.Rows; i++) Assert.Equal(Math.Abs(x[i, 0]), f[i, 0], 1e-12);
        var result = ShallowIdentifiability.Check(abs, LinearAlgebraBackends.Default, 0);
        Assert.Equal(IdentifiabilityVerdict.Undetermined, result.Verdict);
        Assert.Contains("opposite orientations", result.Witness);
    }

    [Fact]
    public void Degenerate_neurons_are_not_identifiable()
    {
        var deadOutput = ShallowIdentifiability.Check(Shallow([[1, 2], [1, -1]], [0, 0], [0, 1], 0), LinearAlgebraBackends.Default, 0);
        Assert.Equal(IdentifiabilityVerdict.NotIdentifiable, deadOutput.Verdict);
        Assert.Contains("neuron 0 has all outgoing weights 0", deadOutput.Witness);
        var constant = ShallowIdentifiability.Check(Shallow([[0, 0], [1, -1]], [0.5, 0], [1, 1], 0), LinearAlgebraBackends.Default, 0);
        Assert.Contains("neuron 0 has w = 0", constant.Witness);
    }

    [Theory]
    [InlineData("deep")]
    [InlineData("tanh")]
    [InlineData("relu output")]
    [InlineData("flat box")]
    public void Other_shapes_are_not_applicable_with_the_reason(string kind)
    {
        var relu = TestNetworks.Dense("2-3-1", new ReluActivation(), 1);
        var (network, box, expected) = kind switch
        {
            "deep" => (TestNetworks.Dense("2-3-3-1", new ReluActivation(), 1), (Box?)null, "one hidden layer"),
            "tanh" => (TestNetworks.Dense("2-3-1", new TanhActivation(), 1), null, "tanh"),
            "relu output" => (relu.WithLayer(1, relu.Layers[1].With(new ReluActivation())), null, "identity output"),
            _ => (relu, new Box([0, -1], [0, 1]), "no interior"),
        };
        var result = ShallowIdentifiability.Check(network, LinearAlgebraBackends.Default, 0, box);
        Assert.False(result.Applicable);
        Assert.Contains(expected, result.Reason);
        Assert.Equal(IdentifiabilityVerdict.Undetermined, result.Verdict);
    }

    [Fact]
    public void Random_networks_agree_with_brute_force_over_corners_and_subsets()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 40; trial++)
        {
            int d = random.Next(1, 4), m = random.Next(1, 7);
            var network = RandomNetworks.Create(Architecture.Parse($"{d}-{m}-1"), new ReluActivation(), Initialization.Gaussian, RandomKey.FromSeed(trial));
            double lo = -random.NextDouble() * 2, hi = random.NextDouble() * 2;
            var box = Box.Uniform(d, lo, hi);
            var result = ShallowIdentifiability.Check(network, LinearAlgebraBackends.Default, 0, box);
            var hidden = network.Layers[0];
            for (int i = 0; i < m; i++)
            {
                // w·x + b is affine: its extremes over the box are at corners.
                var corners = Enumerable.Range(0, 1 << d).Select(mask =>
                    hidden.Bias[i] + Enumerable.Range(0, d).Sum(k => hidden.Weight(i, k) * ((mask >> k & 1) == 1 ? hi : lo))).ToList();
                Assert.Equal(corners.Min() < 0 && corners.Max() > 0, result.Hyperplanes[i].MeetsDomain);
            }
            if (result.Verdict == IdentifiabilityVerdict.Identifiable)
                for (int mask = 1; mask < 1 << m; mask++)
                {
                    var members = Enumerable.Range(0, m).Where(i => (mask >> i & 1) == 1).ToList();
                    Assert.Contains(Enumerable.Range(0, d), k => members.Sum(i => network.Layers[1].Weight(0, i) * hidden.Weight(i, k)) != 0);
                }
            Assert.Equal(result.Conditions.Take(3).All(c => c.Holds == true), result.Verdict == IdentifiabilityVerdict.Identifiable);
        }
    }
}

using NetSym.Canonical;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Networks.Regions;
using NetSym.Randomness;

namespace NetSym.Tests.Canonical;

/// <summary>
/// Issue 10's equivalence cases: a first-layer neuron dead on N(0, I) hides a 1e-6 change of its weight
/// from a search at unit scale, and the search at larger scales finds it; a difference only beyond
/// x = 10^5 is out of any sample's reach and the region comparison finds it (the same function written
/// two ways is in EquivalenceTests). With two inputs the regions are clipped, so nets of a few hundred
/// neurons are decided: a permuted, rescaled copy and a linear term written as one or two cancelling pairs
/// are the same function, and a millionth change to one weight is found. Every witness is checked by
/// evaluating both networks there.
/// </summary>
public class RegionEquivalenceTests
{
    private static readonly LinearAlgebraBackend Backend = LinearAlgebraBackends.Default;

    // A 2-2-2-2-1 ReLU net whose first neuron wakes only where x1 + x2 > 30: on N(0, I) it is dead, and
    // the layers after it see nothing of its weights.
    private static Network FarAwake(double w00 = 1.0) => Network.Sequential(2, [
        ([w00, 1.0, 1.0, -0.5], [-30.0, 0.2], new ReluActivation()),
        ([1.0, 0.5, -0.3, 1.0], [0.1, 0.3], new ReluActivation()),
        ([0.7, -0.2, 0.4, 0.9], [0.05, 0.1], new ReluActivation()),
        ([1.0, 1.0], [0.0], new IdentityActivation())]);

    [Fact]
    public void A_millionth_change_to_a_weight_of_a_neuron_dead_near_the_origin_is_found_with_a_witness()
    {
        var a = FarAwake();
        var b = FarAwake(1.0 + 1e-6);
        var result = Equivalence.Compare(a, b, Backend, new EquivalenceOptions { WitnessBudget = 100_000 });
        Assert.Equal(EquivalenceVerdict.Different, result.Verdict);
        var search = result.Search!;
        Assert.True(search.Found);
        AssertDifferAt(a, b, search.Input, search.Difference);
        Assert.True(search.Input[0] + search.Input[1] > 30);
    }

    [Fact]
    public void A_difference_beyond_every_samples_reach_is_found_by_the_regions()
    {
        // Neuron 0 wakes only where x1 > 10^5; B's output weight on it differs.
        static Network Far(double v) => Network.Sequential(2, [
            ([1.0, 0.0, 0.3, 1.0], [-1e5, 0.5], new ReluActivation()),
            ([v, 1.0], [0.0], new IdentityActivation())]);
        Network a = Far(1.0), b = Far(1.5);
        var result = Equivalence.Compare(a, b, Backend, new EquivalenceOptions { WitnessBudget = 2000 });
        Assert.Equal(EquivalenceVerdict.Different, result.Verdict);
        Assert.False(result.Search!.Found);
        var witness = result.Regions!.Witness!;
        Assert.True(witness.Input[0] > 1e5);
        AssertDifferAt(a, b, witness.Input, witness.Difference);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Region_comparison_agrees_with_a_permuted_copy_and_separates_a_different_net(int seed)
    {
        var a = RandomNetworks.Create(Architecture.Parse("2-4-3-1"), new ReluActivation(), Initialization.HeBias, RandomKey.FromSeed(seed));
        var other = RandomNetworks.Create(Architecture.Parse("2-4-3-1"), new ReluActivation(), Initialization.HeBias, RandomKey.FromSeed(seed + 100));
        AssertSameThenDifferent(a, Permute(a), other);
    }

    [Fact]
    public void A_two_input_net_of_100_neurons_and_a_permuted_rescaled_copy_are_the_same_function_and_a_millionth_change_is_found()
    {
        var a = RandomNetworks.Create(Architecture.Parse("2-100-1"), new ReluActivation(), Initialization.HeBias, RandomKey.FromSeed(21));
        var copy = PermuteAndScale(a, RandomKey.FromSeed(22));
        Assert.True(RegionComparison.Applies(a, copy));
        var same = AssertSameThenDifferent(a, copy, WithOutputWeight(copy, 17, copy.Layers[1].Weight(0, 17) + 1e-6));
        Assert.Equal(RegionCellMethod.Clipping, same.Regions.Method);
        // 100 lines in general position cut the plane into 1 + 100 + 100·99/2 regions, and the copy's lines are the same lines.
        Assert.Equal(1 + 100 + 100 * 99 / 2, same.Regions.Regions.Count);
    }

    [Fact]
    public void A_linear_term_written_as_one_cancelling_pair_or_as_two_is_the_same_function_by_regions()
    {
        // relu(z) − relu(−z) = z: A adds z = z₁ + z₂ through one such pair, B adds z₁ and z₂ through two, on a
        // permuted, rescaled copy of the same 2-80-1 net. Their kinks differ (z = 0 against z₁ = 0 and z₂ = 0):
        // no symmetry relates them, and only the regions tell.
        var core = RandomNetworks.Create(Architecture.Parse("2-80-1"), new ReluActivation(), Initialization.HeBias, RandomKey.FromSeed(31));
        double[] u1 = [0.7, -1.3], u2 = [0.4, 2.1];
        double c1 = 0.3, c2 = -1.1;
        var a = WithCancellingPairs(core, [([u1[0] + u2[0], u1[1] + u2[1]], c1 + c2)]);
        var b = WithCancellingPairs(PermuteAndScale(core, RandomKey.FromSeed(32)), [(u1, c1), (u2, c2)]);
        int last = b.Layers[1].InputSize - 1;
        AssertSameThenDifferent(a, b, WithOutputWeight(b, last, b.Layers[1].Weight(0, last) * (1 + 1e-6)));
    }

    [Fact]
    public void The_caps_are_larger_for_one_or_two_inputs()
    {
        Assert.True(RegionComparison.ParameterCap(2) > RegionComparison.ParameterCap(3));
        Assert.True(RegionComparison.RegionCap(1) > RegionComparison.RegionCap(3));
        var wide = RandomNetworks.Create(Architecture.Parse("2-200-1"), new ReluActivation(), Initialization.HeBias, RandomKey.FromSeed(1));
        var wide3 = RandomNetworks.Create(Architecture.Parse("3-100-1"), new ReluActivation(), Initialization.HeBias, RandomKey.FromSeed(1));
        Assert.True(RegionComparison.Applies(wide, wide));
        Assert.False(RegionComparison.Applies(wide3, wide3));
    }

    [Fact]
    public void Smooth_networks_are_not_compared_by_regions()
    {
        var a = RandomNetworks.Create(Architecture.Parse("2-3-1"), new TanhActivation(), Initialization.HeBias, RandomKey.FromSeed(1));
        Assert.False(RegionComparison.Applies(a, a));
        Assert.Throws<ArgumentException>(() => RegionComparison.Run(a, a, 1e-9, null, Backend));
    }

    // The regions find A and `same` the same function, and A and `other` different at a witness that evaluation confirms.
    private static RegionComparisonResult AssertSameThenDifferent(Network a, Network same, Network other)
    {
        var agree = RegionComparison.Run(a, same, 1e-9, null, Backend);
        Assert.True(agree.SameFunction);
        var differ = RegionComparison.Run(a, other, 1e-9, null, Backend);
        Assert.False(differ.SameFunction);
        AssertDifferAt(a, other, differ.Witness!.Input, differ.Witness.Difference);
        return agree;
    }

    // Both networks evaluated at x, independently of the comparison: the reported difference is theirs and not zero.
    private static void AssertDifferAt(Network a, Network b, double[] x, double reported)
    {
        var input = new Matrix(1, x.Length, (double[])x.Clone());
        var ya = Forward.Evaluate(a, input, Backend);
        var yb = Forward.Evaluate(b, input, Backend);
        double difference = Enumerable.Range(0, a.OutputSize).Max(o => Math.Abs(ya[0, o] - yb[0, o]));
        Assert.True(difference > 0);
        Assert.Equal(difference, reported, 1e-12 * (1 + difference));
    }

    // A one-hidden-layer net with its hidden neurons in a random order, each scaled by a random c in [1/2, 2] (its output weight by 1/c).
    private static Network PermuteAndScale(Network net, RandomKey key)
    {
        var random = key.Stream();
        var l0 = net.Layers[0];
        var l1 = net.Layers[1];
        int n = l0.OutputSize, d = l0.InputSize;
        var order = Enumerable.Range(0, n).OrderBy(_ => random.NextDouble()).ToArray();
        var w0 = new double[n * d];
        var b0 = new double[n];
        var w1 = new double[n];
        for (int j = 0; j < n; j++)
        {
            double c = 0.5 + 1.5 * random.NextDouble();
            for (int i = 0; i < d; i++) w0[j * d + i] = c * l0.Weight(order[j], i);
            b0[j] = c * l0.Bias[order[j]];
            w1[j] = l1.Weight(0, order[j]) / c;
        }
        return new Network(d, [l0.With(w0, b0), l1.With(w1, l1.Bias)]);
    }

    // A one-hidden-layer, one-output net plus, for each (u, c), the neurons relu(u·x + c) and relu(−u·x − c) with output weights 1 and −1: u·x + c added.
    private static Network WithCancellingPairs(Network net, (double[] U, double C)[] terms)
    {
        var l0 = net.Layers[0];
        var l1 = net.Layers[1];
        int n = l0.OutputSize, d = l0.InputSize, m = n + 2 * terms.Length;
        var w0 = new List<double>(Enumerable.Range(0, n * d).Select(k => l0.Weight(k / d, k % d)));
        var b0 = new List<double>(l0.Bias.ToArray());
        var w1 = new List<double>(Enumerable.Range(0, n).Select(j => l1.Weight(0, j)));
        foreach (var (u, c) in terms)
        {
            w0.AddRange(u); b0.Add(c); w1.Add(1);
            w0.AddRange(u.Select(v => -v)); b0.Add(-c); w1.Add(-1);
        }
        return new Network(d, [new Layer(d, m, [.. w0], [.. b0], l0.Activation, [0]), new Layer(m, 1, [.. w1], l1.Bias, l1.Activation, [1])]);
    }

    // The net with output weight j (of a one-output last layer) set to v.
    private static Network WithOutputWeight(Network net, int j, double v)
    {
        var last = net.Layers[^1];
        var w = Enumerable.Range(0, last.InputSize).Select(k => k == j ? v : last.Weight(0, k)).ToArray();
        return new Network(net.InputSize, [.. net.Layers.SkipLast(1), last.With(w, last.Bias)]);
    }

    // The first hidden layer's neurons reversed: the same function by a permutation.
    private static Network Permute(Network net)
    {
        var l0 = net.Layers[0];
        var l1 = net.Layers[1];
        int n = l0.OutputSize, d = l0.InputSize;
        var w0 = new double[n * d];
        var b0 = new double[n];
        var w1 = new double[l1.OutputSize * n];
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < d; i++) w0[j * d + i] = l0.Weight(n - 1 - j, i);
            b0[j] = l0.Bias[n - 1 - j];
            for (int r = 0; r < l1.OutputSize; r++) w1[r * n + j] = l1.Weight(r, n - 1 - j);
        }
        return new Network(net.InputSize, [l0.With(w0, b0), l1.With(w1, l1.Bias), .. net.Layers.Skip(2)]);
    }
}

using NetSym.Canonical;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Canonical;

/// <summary>
/// Issue 10's equivalence cases: a first-layer neuron dead on N(0, I) hides a 1e-6 change of its weight
/// from a search at unit scale, and the search at larger scales finds it; a difference only beyond
/// x = 10^5 is out of any sample's reach and the region comparison finds it (the same function written
/// two ways is in EquivalenceTests). Every witness is checked by evaluating both networks there.
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
        var permuted = Permute(a);
        var same = RegionComparison.Run(a, permuted, 1e-9, null, Backend);
        Assert.True(same.SameFunction);

        var other = RandomNetworks.Create(Architecture.Parse("2-4-3-1"), new ReluActivation(), Initialization.HeBias, RandomKey.FromSeed(seed + 100));
        var different = RegionComparison.Run(a, other, 1e-9, null, Backend);
        Assert.False(different.SameFunction);
        AssertDifferAt(a, other, different.Witness!.Input, different.Witness.Difference);
    }

    [Fact]
    public void Smooth_networks_are_not_compared_by_regions()
    {
        var a = RandomNetworks.Create(Architecture.Parse("2-3-1"), new TanhActivation(), Initialization.HeBias, RandomKey.FromSeed(1));
        Assert.False(RegionComparison.Applies(a, a));
        Assert.Throws<ArgumentException>(() => RegionComparison.Run(a, a, 1e-9, null, Backend));
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

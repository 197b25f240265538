using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Networks.Regions;
using NetSym.Randomness;

namespace NetSym.Tests.Networks.Regions;

/// <summary>
/// Region enumeration against independent counts: k lines in general position cut the plane into
/// 1 + k + k(k−1)/2 regions; a 1-d net with m distinct kinks has m + 1; every pattern a dense grid meets
/// is among those enumerated; each region's affine map agrees with the forward pass inside it.
/// </summary>
public class LinearRegionsTests
{
    private static readonly LinearAlgebraBackend Backend = LinearAlgebraBackends.Default;

    [Fact]
    public void A_one_dimensional_net_with_three_kinks_has_four_regions()
    {
        var net = Network.Sequential(1, [
            ([1.0, -2.0, 0.5], [1.0, 3.0, -4.0], new ReluActivation()),
            ([1.0, 1.0, 1.0], [0.0], new IdentityActivation())]);
        var result = LinearRegions.Enumerate([net], 100, Backend);
        Assert.True(result.Complete);
        Assert.Equal(4, result.Regions.Count);
        AssertPiecesMatchForward(net, result);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(6, 3)]
    public void Lines_in_general_position_give_one_plus_k_plus_k_choose_two_regions(int k, int seed)
    {
        var random = RandomKey.FromSeed(seed).Stream();
        var weights = Enumerable.Range(0, 2 * k).Select(_ => random.NextNormal()).ToArray();
        var biases = Enumerable.Range(0, k).Select(_ => random.NextNormal()).ToArray();
        var net = Network.Sequential(2, [
            (weights, biases, new ReluActivation()),
            (Enumerable.Repeat(1.0, k).ToArray(), [0.0], new IdentityActivation())]);
        var result = LinearRegions.Enumerate([net], 1000, Backend);
        Assert.True(result.Complete);
        Assert.Equal(1 + k + k * (k - 1) / 2, result.Regions.Count);
        AssertPiecesMatchForward(net, result);
    }

    [Fact]
    public void Every_pattern_a_dense_grid_meets_in_a_deep_net_is_enumerated()
    {
        var net = RandomNetworks.Create(Architecture.Parse("2-4-4-3-1"), new ReluActivation(), Initialization.HeBias, RandomKey.FromSeed(5));
        var result = LinearRegions.Enumerate([net], 5000, Backend);
        Assert.True(result.Complete);
        var keys = result.Regions.Select(r => string.Join(",", r.Patterns[0])).ToHashSet();
        Assert.Equal(result.Regions.Count, keys.Count);
        int met = 0;
        for (double u = -6; u <= 6; u += 0.05)
            for (double v = -6; v <= 6; v += 0.05)
                if (PatternAt(net, [u, v]) is { } p)
                {
                    Assert.Contains(string.Join(",", p), keys);
                    met++;
                }
        Assert.True(met > 10000);
        AssertPiecesMatchForward(net, result);
    }

    [Fact]
    public void The_refinement_of_a_net_with_itself_has_its_regions_and_with_another_at_least_as_many()
    {
        var a = RandomNetworks.Create(Architecture.Parse("2-3-3-1"), new ReluActivation(), Initialization.HeBias, RandomKey.FromSeed(8));
        var b = RandomNetworks.Create(Architecture.Parse("2-3-3-1"), new ReluActivation(), Initialization.HeBias, RandomKey.FromSeed(9));
        int alone = LinearRegions.Enumerate([a], 5000, Backend).Regions.Count;
        Assert.Equal(alone, LinearRegions.Enumerate([a, a], 5000, Backend).Regions.Count);
        var both = LinearRegions.Enumerate([a, b], 5000, Backend);
        Assert.True(both.Regions.Count >= Math.Max(alone, LinearRegions.Enumerate([b], 5000, Backend).Regions.Count));
        foreach (var region in both.Regions)
            foreach (var x in region.InteriorPoints())
            {
                Assert.Equal(string.Join(",", region.Patterns[0]), string.Join(",", PatternAt(a, x)!));
                Assert.Equal(string.Join(",", region.Patterns[1]), string.Join(",", PatternAt(b, x)!));
            }
    }

    [Fact]
    public void The_cap_stops_the_walk_and_says_so()
    {
        var net = RandomNetworks.Create(Architecture.Parse("2-8-1"), new ReluActivation(), Initialization.HeBias, RandomKey.FromSeed(2));
        var result = LinearRegions.Enumerate([net], 5, Backend);
        Assert.False(result.Complete);
        Assert.Equal(5, result.Regions.Count);
    }

    // The certified pattern at x, layer by layer, or null on a breakpoint (what the enumeration reads).
    private static int[]? PatternAt(Network net, double[] x)
    {
        var pattern = ActivationPattern.Certify(net, new Matrix(1, x.Length, x), Backend);
        if (pattern.SamplesOnKinks.Count > 0) return null;
        return [.. Enumerable.Range(0, pattern.LayerWidths.Count).SelectMany(l => Enumerable.Range(0, pattern.LayerWidths[l]).Select(j => pattern.Piece(0, l, j)))];
    }

    private static void AssertPiecesMatchForward(Network net, LinearRegionEnumeration result)
    {
        foreach (var region in result.Regions)
        {
            var points = region.InteriorPoints();
            var x = new Matrix(points.Length, net.InputSize, [.. points.SelectMany(p => p)]);
            var y = Forward.Evaluate(net, x, Backend);
            for (int i = 0; i < points.Length; i++)
            {
                var piece = region.Outputs[0].Apply(points[i]);
                for (int o = 0; o < net.OutputSize; o++)
                    Assert.Equal(y[i, o], piece[o], 1e-9 * (1 + Math.Abs(y[i, o])));
            }
        }
    }
}

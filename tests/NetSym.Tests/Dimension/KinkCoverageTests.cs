using NetSym.Dimension;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Dimension;

/// <summary>
/// The kink sampler's coverage report: planted neurons whose kinks lie within the lines' reach are
/// reached, one whose kink lies far beyond every line and one whose pre-activation is constant are never
/// found, and the three lists partition the neurons that bend.
/// </summary>
public class KinkCoverageTests
{
    // Hidden neuron 0: kink at x = 1000 (reachable); 1: kink at x = 10^9 (beyond every line, which
    // spans at most a few times 10^4); 2: zero incoming weight, so its pre-activation never changes.
    private static Network Planted() => Network.Sequential(1, [
        ([1.0, 1.0, 0.0], [-1000.0, -1e9, 1.0], new ReluActivation()),
        ([2.0, 3.0, -1.0], [0.5], new IdentityActivation())]);

    [Fact]
    public void Reachable_kinks_are_reached_and_unreachable_ones_are_named()
    {
        var coverage = InputSampler.Kinks(Planted()).Coverage(64, 3);
        Assert.Equal(3, coverage.Neurons);
        Assert.Equal([new Neuron(0, 0)], coverage.Reached);
        Assert.Empty(coverage.CrossedOnly);
        Assert.Equal([new Neuron(0, 1), new Neuron(0, 2)], coverage.NeverFound);
    }

    [Fact]
    public void Coverage_partitions_the_bending_neurons_and_grows_with_the_batch()
    {
        var network = RandomNetworks.Create(Architecture.Parse("3-6-5-4-1"), new ReluActivation(), Initialization.HeBias, RandomKey.FromSeed(11));
        var sampler = InputSampler.Kinks(network);
        var small = sampler.Coverage(4, 5);
        var large = sampler.Coverage(256, 5);
        foreach (var c in new[] { small, large })
        {
            var all = c.Reached.Concat(c.CrossedOnly).Concat(c.NeverFound).ToList();
            Assert.Equal(15, c.Neurons);
            Assert.Equal(c.Neurons, all.Count);
            Assert.Equal(all.Count, all.Distinct().Count());
        }
        // The first rows are the same lines (prefix property), so what 4 rows reach 256 rows reach too.
        Assert.Superset(small.Reached.ToHashSet(), large.Reached.ToHashSet());
        Assert.True(large.Reached.Count > small.Reached.Count);
    }

    [Fact]
    public void Coverage_is_refused_for_other_distributions() =>
        Assert.Throws<InvalidOperationException>(() => InputSampler.Gaussian(2).Coverage(4, 1));
}

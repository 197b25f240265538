using NetSym.Dimension;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Dimension;

/// <summary>
/// The functional dimension over all inputs by region enumeration: the far-kink net is full; a 1-1-1-1
/// ReLU net is full exactly when its second layer's weight is negative and its bias positive (issue 10's
/// characterisation, checked on random networks); no batch ever exceeds the all-inputs rank.
/// </summary>
public class AllInputsDimensionTests
{
    private static readonly LinearAlgebraBackend Backend = LinearAlgebraBackends.Default;
    private static readonly FunctionalDimensionOptions Options = new() { Seed = 1 };

    [Fact]
    public void The_far_kink_net_is_full_over_all_inputs()
    {
        var net = Network.Sequential(1, [([1.0], [-1000.0], new ReluActivation()), ([2.0], [0.5], new IdentityActivation())]);
        var result = AllInputsDimension.Compute(net, Backend, Options)!;
        Assert.Equal(2, result.Regions.Regions.Count);
        Assert.Equal(3, result.Result.Rank);
        Assert.True(result.CertifiedFull);
    }

    [Fact]
    public void A_1_1_1_1_relu_net_is_full_exactly_when_the_second_weight_is_negative_and_its_bias_positive()
    {
        int full = 0;
        for (int seed = 0; seed < 40; seed++)
        {
            var net = RandomNetworks.Create(Architecture.Parse("1-1-1-1"), new ReluActivation(), Initialization.Gaussian, RandomKey.FromSeed(seed));
            var result = AllInputsDimension.Compute(net, Backend, Options)!;
            bool predicted = net.Layers[1].Weight(0, 0) < 0 && net.Layers[1].Bias[0] > 0;
            Assert.Equal(predicted, result.CertifiedFull);
            if (predicted) full++;
        }
        Assert.InRange(full, 3, 20);
    }

    [Theory]
    [InlineData("2-3-3-1", 4)]
    [InlineData("2-4-2-2", 6)]
    [InlineData("3-3-3-1", 7)]
    public void No_batch_exceeds_the_all_inputs_rank(string architecture, int seed)
    {
        var net = RandomNetworks.Create(Architecture.Parse(architecture), new ReluActivation(), Initialization.HeBias, RandomKey.FromSeed(seed));
        var all = AllInputsDimension.Compute(net, Backend, Options)!;
        Assert.InRange(all.Result.Rank, 0, all.Result.Bound);
        foreach (var sampler in new[] { InputSampler.Gaussian(net.InputSize), InputSampler.Kinks(net) })
        {
            var batch = FunctionalDimension.Compute(net, sampler.Draw(400, seed), Backend, Options with { Method = RankMethod.Exact });
            Assert.True(batch.Rank <= all.Result.Rank, $"{sampler.Distribution}: {batch.Rank} > {all.Result.Rank}");
        }
    }

    [Fact]
    public void Networks_too_large_or_smooth_are_refused()
    {
        var big = RandomNetworks.Create(Architecture.Parse("10-10-10-1"), new ReluActivation(), Initialization.HeBias, RandomKey.FromSeed(1));
        var smooth = RandomNetworks.Create(Architecture.Parse("2-2-1"), new TanhActivation(), Initialization.HeBias, RandomKey.FromSeed(1));
        Assert.False(AllInputsDimension.Applies(big));
        Assert.False(AllInputsDimension.Applies(smooth));
        Assert.Throws<ArgumentException>(() => AllInputsDimension.Compute(big, Backend, Options));
    }
}

using NetSym.Cli.Plots;
using NetSym.Dimension;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Cli;

/// <summary>
/// What fdim's figure stands for: a grown batch on a piecewise-linear net looks beside its kinks by
/// default, says it estimates the dimension over all inputs, reports the kinks it reached, and for a small
/// net the all-inputs rank from the linear regions; given points are called a batch dimension; smooth or
/// large nets say why there is no all-inputs figure.
/// </summary>
public sealed class FdimScopeTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static Network KinkAtAThousand() => Network.Sequential(1, [
        ([1.0], [-1000.0], new ReluActivation()),
        ([2.0], [0.5], new IdentityActivation())]);

    [Fact]
    public void A_grown_batch_finds_the_far_kink_by_default_and_the_regions_certify_it()
    {
        string path = _cli.WriteModel(KinkAtAThousand());
        var grown = CliHarness.Run("fdim", path, "--grow", "--json").Json();
        Assert.Equal(3, grown.GetProperty("full_functional_dimension").GetInt32());
        Assert.Equal("estimate_over_all_inputs", grown.GetProperty("figure").GetString());
        Assert.Equal(1, grown.GetProperty("kinks_reached").GetInt32());
        Assert.Equal(3, grown.GetProperty("all_inputs").GetInt32());
        Assert.True(grown.GetProperty("all_inputs_certified").GetBoolean());
        Assert.Equal(2, grown.GetProperty("linear_regions").GetInt32());

        // The Gaussian batch that was the default misses the kink; the regions still give the truth.
        var gaussian = CliHarness.Run("fdim", path, "--grow", "--dist", "gaussian", "--json").Json();
        Assert.Equal(1, gaussian.GetProperty("full_functional_dimension").GetInt32());
        Assert.Equal(3, gaussian.GetProperty("all_inputs").GetInt32());
        Assert.False(gaussian.TryGetProperty("kinks_reached", out _));
    }

    [Fact]
    public void Given_points_are_a_batch_dimension()
    {
        string model = _cli.WriteModel(KinkAtAThousand());
        string points = _cli.WriteText("x.csv", "0\n1\n2\n");
        var json = CliHarness.Run("fdim", model, "--inputs", points, "--json").Json();
        Assert.Equal("batch_on_given_points", json.GetProperty("figure").GetString());
        Assert.Equal(1, json.GetProperty("rank").GetInt32());
    }

    [Fact]
    public void Smooth_and_large_networks_say_why_there_is_no_all_inputs_figure()
    {
        var tanh = RandomNetworks.Create(Architecture.Parse("2-3-1"), new TanhActivation(), Initialization.HeBias, RandomKey.FromSeed(1));
        var large = RandomNetworks.Create(Architecture.Parse("8-12-8-1"), new ReluActivation(), Initialization.HeBias, RandomKey.FromSeed(1));
        var smooth = CliHarness.Run("fdim", _cli.WriteModel(tanh, "tanh.json"), "--json").Json();
        Assert.StartsWith("not computed: region enumeration needs piecewise-linear", smooth.GetProperty("all_inputs").GetString());
        var big = CliHarness.Run("fdim", _cli.WriteModel(large, "large.json"), "--json").Json();
        Assert.StartsWith("not computed: 221 parameters", big.GetProperty("all_inputs").GetString());
    }

    [Fact]
    public void The_growth_figure_carries_the_kinks_reached_at_each_batch()
    {
        var network = RandomNetworks.Create(Architecture.Parse("2-4-4-1"), new ReluActivation(), Initialization.HeBias, RandomKey.FromSeed(3));
        var sampler = InputSampler.Kinks(network);
        var growth = FunctionalDimension.Grow(network, n => sampler.Draw(n, 4), new GrowthOptions(4, 64, 8), LinearAlgebraBackends.Default,
            new FunctionalDimensionOptions { Seed = 4 });
        var data = GrowthPlotData.Of(growth, sampler.Describe(4), 4).WithKinks(sampler, 4);
        var series = Assert.Single(data.Extra);
        Assert.Equal(growth.Curve.Select(s => s.Points), series.Points);
        Assert.Equal(growth.Curve.Select(s => sampler.Coverage(s.Points, 4).Reached.Count), series.Values);
        Assert.Empty(GrowthPlotData.Of(growth, "", 4).WithKinks(InputSampler.Gaussian(2), 4).Extra);
    }
}

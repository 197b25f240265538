using NetSym.Dimension;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Dimension;

public class GrowthTests
{
    private static string Facts(DeficitCause c) => $"{c.Kind} {c.Layer} [{string.Join(",", c.Neurons)}] [{string.Join(",", c.Parameters)}] {c.ActiveInputs} {c.Column} {c.Source} {c.Reduction}";

    private static Func<int, Matrix> Gaussian(int dimension, int seed) => n => InputSampler.Gaussian(dimension).Draw(n, seed);

    [Theory]
    [InlineData("3-5-4-2", 5)]
    [InlineData("3-5-4-2", 16)]
    [InlineData("2-4-4-4-1", 3)]
    [InlineData("4-6-3", 9)]
    public void The_curve_doubles_never_falls_and_stops_for_a_stated_reason(string architecture, int seed)
    {
        var network = TestNetworks.Dense(architecture, new ReluActivation(), seed);
        var grown = FunctionalDimension.Grow(network, Gaussian(network.InputSize, seed), new GrowthOptions(4, 4096), LinearAlgebraBackends.Default,
            new FunctionalDimensionOptions { Seed = seed });
        var curve = grown.Curve;
        for (int s = 1; s < curve.Count; s++)
        {
            Assert.True(curve[s].Rank >= curve[s - 1].Rank, "a larger batch has every row of the smaller one");
            Assert.Equal(2 * curve[s - 1].Points, curve[s].Points);
        }
        Assert.All(curve, s => Assert.InRange(s.Rank, 0, Math.Min(s.Rows, grown.Final.Bound)));
        switch (grown.Stop)
        {
            case GrowthStop.ReachedBound: Assert.Equal(grown.Final.Bound, curve[^1].Rank); break;
            case GrowthStop.Plateau:
                Assert.Equal(curve[^2].Rank, curve[^1].Rank);
                if (curve.Count > 2) Assert.True(curve[^2].Rank > curve[^3].Rank, "it stops at the first stall");
                break;
            default: Assert.Equal(4096, curve[^1].Points); break;
        }
        Assert.Equal(curve[^1].Rank, grown.FullFunctionalDimension);
        Assert.Equal(curve[^1].Points, grown.Final.Points);
    }

    [Theory]
    [InlineData(5, 0)]
    [InlineData(16, 0)]
    [InlineData(7, 1)]
    public void Growing_with_a_kept_kernel_gives_what_one_batch_of_the_final_size_gives(int seed, int plant)
    {
        // The kernel is kept from the first batch with rows ≥ bound and updated by products: the final
        // rank and kernel directions must be exactly those of a fresh elimination of the final batch.
        var network = TestNetworks.Dense("3-5-4-2", new ReluActivation(), seed);
        if (plant == 1) network = PlantedNetworks.WithTwin(network, 0, 0, 2, 4.0);
        var options = new FunctionalDimensionOptions { Seed = seed };
        var grown = FunctionalDimension.Grow(network, Gaussian(3, seed), new GrowthOptions(30, 960), LinearAlgebraBackends.Default, options);
        Assert.True(grown.Curve.Count >= 2);
        var direct = FunctionalDimension.Compute(network, InputSampler.Gaussian(3).Draw(grown.Final.Points, seed), LinearAlgebraBackends.Default, options);
        Assert.Equal(direct.Rank, grown.Final.Rank);
        Assert.Equal(direct.Primes, grown.Final.Primes);
        Assert.Equal(direct.Causes.Select(Facts), grown.Final.Causes.Select(Facts));
        Assert.Equal(direct.Kernel.Directions.Count, grown.Final.Kernel.Directions.Count);
        for (int d = 0; d < direct.Kernel.Directions.Count; d++)
        {
            Assert.Equal(direct.Kernel.Directions[d].Parameters, grown.Final.Kernel.Directions[d].Parameters);
            Assert.Equal(direct.Kernel.Directions[d].Residues, grown.Final.Kernel.Directions[d].Residues);
        }
    }

    [Fact]
    public void Float_growth_matches_exact_growth_on_a_generic_network()
    {
        var network = TestNetworks.Dense("2-4-4-1", new ReluActivation(), 4);
        var exact = FunctionalDimension.Grow(network, Gaussian(2, 1), new GrowthOptions(8, 1024), LinearAlgebraBackends.Default);
        var numeric = FunctionalDimension.Grow(network, Gaussian(2, 1), new GrowthOptions(8, 1024), LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Method = RankMethod.Float });
        Assert.Equal(exact.Curve, numeric.Curve);
        Assert.Equal(exact.Stop, numeric.Stop);
    }

    [Fact]
    public void Growth_over_a_fixed_set_of_inputs_stops_when_they_run_out()
    {
        var network = TestNetworks.Dense("3-5-4-2", new ReluActivation(), 5);
        var inputs = InputSampler.Gaussian(3).Draw(20, 1);
        var grown = FunctionalDimension.Grow(network, n => Prefix(inputs, n), new GrowthOptions(8, 1000), LinearAlgebraBackends.Default);
        Assert.Equal([8, 16, 20], grown.Curve.Select(s => s.Points));
        Assert.Equal(GrowthStop.MaxPoints, grown.Stop);
        Assert.True(grown.Final.BatchTooSmall); // 40 rows < bound 45
        Assert.Contains(grown.Final.Causes, c => c.Kind == DeficitCauseKind.BatchTooSmall);
        Assert.True(grown.Final.Deficit > 0);
    }

    [Fact]
    public void Bad_growth_options_are_refused()
    {
        var network = TestNetworks.Dense("2-3-1", new ReluActivation(), 1);
        Assert.Throws<ArgumentException>(() => FunctionalDimension.Grow(network, Gaussian(2, 1), new GrowthOptions(0, 10), LinearAlgebraBackends.Default));
        Assert.Throws<ArgumentException>(() => FunctionalDimension.Grow(network, Gaussian(2, 1), new GrowthOptions(10, 5), LinearAlgebraBackends.Default));
        Assert.Throws<ArgumentException>(() => FunctionalDimension.Grow(network, Gaussian(2, 1), new GrowthOptions(10, 50, 0), LinearAlgebraBackends.Default));
    }

    [Fact]
    public void More_patience_waits_out_a_stall()
    {
        // relu_4_8_6_2's rank stalls at 91 from 864 to 1728 PyTorch points and rises to 93 after; with
        // patience 2 growth only stops after two doublings without a rise.
        var network = TestNetworks.Dense("3-5-4-2", new ReluActivation(), 16);
        var one = FunctionalDimension.Grow(network, Gaussian(3, 16), new GrowthOptions(8, 1 << 14), LinearAlgebraBackends.Default);
        var two = FunctionalDimension.Grow(network, Gaussian(3, 16), new GrowthOptions(8, 1 << 14, Patience: 2), LinearAlgebraBackends.Default);
        Assert.True(two.Curve.Count > one.Curve.Count);
        Assert.Equal(one.Curve, two.Curve.Take(one.Curve.Count));
        if (two.Stop == GrowthStop.Plateau) Assert.Equal(two.Curve[^3].Rank, two.Curve[^1].Rank);
        Assert.True(two.FullFunctionalDimension >= one.FullFunctionalDimension);
    }

    private static Matrix Prefix(Matrix inputs, int n)
    {
        int rows = Math.Min(n, inputs.Rows);
        return new Matrix(rows, inputs.Columns, inputs.Data[..(rows * inputs.Columns)]);
    }
}

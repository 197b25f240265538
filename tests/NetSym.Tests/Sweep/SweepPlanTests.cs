using CsCheck;
using NetSym.Dimension;
using NetSym.Networks;
using NetSym.Sweep;

namespace NetSym.Tests.Sweep;

public class SweepPlanTests
{
    [Fact]
    public void A_trial_s_seeds_depend_on_its_coordinates_and_the_master_seed_alone()
    {
        var small = SweepTestPlans.Small(seed: 11, trials: 2);
        var large = new SweepPlan([4, 2, 1], [8, 3, 2], [5, 2, 1], 10, new TanhActivation(), Initialization.Gaussian,
            new SweepBatchSize(7, false), SweepInputDistribution.Uniform, RankMethod.Float, 11);
        foreach (var trial in small.Trials()) Assert.Equal(small.SeedsOf(trial), large.SeedsOf(trial));
        var other = SweepTestPlans.Small(seed: 12, trials: 2);
        Assert.All(small.Trials(), t => Assert.NotEqual(small.SeedsOf(t), other.SeedsOf(t)));
        // Distinct coordinates give distinct streams.
        var seeds = large.Trials().Select(large.SeedsOf).ToList();
        Assert.Equal(seeds.Count, seeds.Select(s => s.Network).Distinct().Count());
        Assert.Equal(seeds.Count, seeds.Select(s => s.Inputs).Distinct().Count());
    }

    [Fact]
    public void Shards_partition_the_trials_and_balance_them()
    {
        var plan = SweepTestPlans.Small(trials: 5);
        var all = plan.Trials().ToList();
        Assert.Equal(plan.TrialCount, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
        for (int n = 1; n <= 7; n++)
        {
            var shards = Enumerable.Range(0, n).Select(i => plan.Trials(new SweepShard(i, n)).ToList()).ToList();
            Assert.Equal(all, shards.SelectMany(s => s).OrderBy(plan.Ordinal));
            Assert.InRange(shards.Max(s => s.Count) - shards.Min(s => s.Count), 0, 1);
        }
        Assert.Equal(Enumerable.Range(0, all.Count).Select(i => (long)i), all.Select(plan.Ordinal));
    }

    [Fact]
    public void The_canonical_text_reads_back_to_an_equal_plan()
    {
        var activations = new Activation[] { new ReluActivation(), new LeakyReluActivation(0.25), new TanhActivation(), new AbsActivation() };
        var inits = Enum.GetValues<Initialization>();
        var distributions = Enum.GetValues<SweepInputDistribution>();
        Gen.Select(Gen.Int[1, 20].Array[1, 4], Gen.Int[1, 50], Gen.Int[0, 3], Gen.Int[0, inits.Length - 1], Gen.Int[1, 30], Gen.Bool, Gen.Int,
                Gen.Int[0, distributions.Length - 1])
            .Sample((values, trials, a, init, points, perBound, seed, d) =>
            {
                var distinct = values.Distinct().ToArray();
                // Kink inputs exist only for piecewise-linear activations: a smooth one keeps Gaussian inputs.
                var distribution = distributions[d] == SweepInputDistribution.Kinks && !activations[a].IsPiecewiseLinear
                    ? SweepInputDistribution.Gaussian : distributions[d];
                var plan = new SweepPlan(distinct, [.. distinct.Reverse()], distinct, trials, activations[a], inits[init],
                    new SweepBatchSize(points, perBound), distribution, null, seed);
                var back = SweepPlan.Parse(plan.ToString());
                Assert.Equal(plan, back);
                // The batch is part of the plan: its points and input strategy are recorded and read back.
                Assert.Equal(plan.Points, back.Points);
                Assert.Equal(distribution, back.Distribution);
                Assert.Equal(inits[init], back.Initialization);
                Assert.Equal(plan.ToString(), back.ToString());
                Assert.Equal(activations[a].IsPiecewiseLinear ? RankMethod.Exact : RankMethod.Float, back.Method);
            });
    }

    [Theory]
    [InlineData("1..8", new[] { 1, 2, 3, 4, 5, 6, 7, 8 })]
    [InlineData("1,2,4", new[] { 1, 2, 4 })]
    [InlineData(" 3 , 1..2 ,9", new[] { 3, 1, 2, 9 })]
    public void Grid_lists_take_values_and_ranges(string text, int[] expected) =>
        Assert.Equal(expected, SweepPlan.ParseIntegerList(text, "depths"));

    [Theory]
    [InlineData("")]
    [InlineData("0,1")]
    [InlineData("4..2")]
    [InlineData("1,x")]
    [InlineData("-1")]
    public void Bad_grid_lists_are_refused(string text) =>
        Assert.Throws<ArgumentException>(() => SweepPlan.ParseIntegerList(text, "depths"));

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("3/4", 3, 4)]
    public void Shards_parse(string text, int index, int count) => Assert.Equal(new SweepShard(index, count), SweepShard.Parse(text));

    [Theory]
    [InlineData("4/4")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("-1/3")]
    [InlineData("1/0")]
    [InlineData("1/2/3")]
    public void Malformed_shards_are_refused(string text) => Assert.Throws<ArgumentException>(() => SweepShard.Parse(text));

    [Fact]
    public void Plans_refuse_repeats_non_positive_values_and_exact_for_smooth_activations()
    {
        Assert.Throws<ArgumentException>(() => new SweepPlan([1, 1], [2], [1], 1, new ReluActivation(), Initialization.PyTorch, SweepBatchSize.Default, SweepInputDistribution.Gaussian, null, 0));
        Assert.Throws<ArgumentException>(() => new SweepPlan([1], [0], [1], 1, new ReluActivation(), Initialization.PyTorch, SweepBatchSize.Default, SweepInputDistribution.Gaussian, null, 0));
        Assert.Throws<ArgumentException>(() => new SweepPlan([1], [2], [1], 0, new ReluActivation(), Initialization.PyTorch, SweepBatchSize.Default, SweepInputDistribution.Gaussian, null, 0));
        var e = Assert.Throws<ExactRankUnavailableException>(() => new SweepPlan([1], [2], [1], 1, new TanhActivation(), Initialization.PyTorch, SweepBatchSize.Default, SweepInputDistribution.Gaussian, RankMethod.Exact, 0));
        Assert.Equal("tanh", e.ActivationSpec);
    }

    [Theory]
    [InlineData("4x", 10, 1, 40)]
    [InlineData("3x", 10, 4, 8)]
    [InlineData("25", 1000, 1, 25)]
    public void Batch_sizes_are_fixed_or_a_multiple_of_the_bound(string text, int bound, int outputs, int points)
    {
        var size = SweepBatchSize.Parse(text);
        Assert.Equal(points, size.PointsFor(bound, outputs));
        Assert.Equal(text, size.ToString());
        Assert.Throws<ArgumentException>(() => SweepBatchSize.Parse("0x"));
        Assert.Throws<ArgumentException>(() => SweepBatchSize.Parse("x"));
    }
}

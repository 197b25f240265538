using NetSym.Sweep;

namespace NetSym.Tests.Sweep;

public class SweepSummaryTests
{
    [Fact]
    public void Groups_count_trials_and_full_ones_and_factor_groups_pool_the_configurations()
    {
        var plan = SweepTestPlans.Small(trials: 4);
        var results = SweepTestPlans.RunAll(plan);
        var summary = SweepSummary.Of(plan, results);
        Assert.Equal(results.Count, summary.Trials);
        Assert.Equal(plan.ConfigurationCount, summary.Configurations.Count);
        foreach (var g in summary.Configurations)
        {
            var mine = results.Where(r => r.Trial.Configuration == (g.InputDimension!.Value, g.Width!.Value, g.Depth!.Value)).ToList();
            Assert.Equal(mine.Count, g.Trials);
            Assert.Equal(mine.Count(r => r.Rank == r.Bound), g.Full);
            Assert.Equal(mine.Average(r => (double)(r.Bound - r.Rank)), g.MeanDeficit, 1e-12);
            Assert.Equal(WilsonInterval.Of(g.Full, g.Trials), g.Interval);
            // The relative deficit's mean and 95% half-width, computed two-pass here (the summary sums squares).
            var relative = mine.Select(r => (double)(r.Bound - r.Rank) / r.Bound).ToList();
            double mean = relative.Average();
            Assert.Equal(mean, g.MeanRelativeDeficit, 1e-12);
            double sd = Math.Sqrt(relative.Sum(x => (x - mean) * (x - mean)) / (relative.Count - 1));
            Assert.Equal(WilsonInterval.Z95 * sd / Math.Sqrt(relative.Count), g.RelativeDeficitHalfWidth, 1e-9);
        }
        foreach (var factor in Enum.GetValues<SweepFactor>())
        {
            var groups = summary.By(factor);
            Assert.Equal(plan.ValuesOf(factor), groups.Select(g => g.InputDimension ?? g.Width ?? g.Depth!.Value));
            foreach (var g in groups)
            {
                int value = g.InputDimension ?? g.Width ?? g.Depth!.Value;
                var pooled = summary.Configurations.Where(c => factor switch
                {
                    SweepFactor.InputDimension => c.InputDimension == value,
                    SweepFactor.Width => c.Width == value,
                    _ => c.Depth == value,
                }).ToList();
                Assert.Equal(pooled.Sum(c => c.Trials), g.Trials);
                Assert.Equal(pooled.Sum(c => c.Full), g.Full);
            }
        }
    }

    [Fact]
    public void A_partial_run_summarises_only_what_it_has_and_foreign_or_repeated_trials_are_refused()
    {
        var plan = SweepTestPlans.Small();
        var results = SweepTestPlans.RunAll(plan, new SweepShard(0, 5));
        var summary = SweepSummary.Of(plan, results);
        Assert.Equal(results.Count, summary.Configurations.Sum(g => g.Trials));
        Assert.All(summary.Configurations, g => Assert.True(g.Trials > 0));
        Assert.Throws<ArgumentException>(() => SweepSummary.Of(plan, [results[0], results[0]]));
        Assert.Throws<ArgumentException>(() => SweepSummary.Of(SweepTestPlans.Small(trials: 1), SweepTestPlans.RunAll(plan)));
    }
}

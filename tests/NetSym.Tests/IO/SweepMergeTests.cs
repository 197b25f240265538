using NetSym.IO;
using NetSym.Sweep;
using NetSym.Tests.Sweep;

namespace NetSym.Tests.IO;

public class SweepMergeTests
{
    private static SweepResultsFileContent File(string path, SweepPlan plan, IEnumerable<SweepResult> results) =>
        new(path, plan, [.. results.Select((r, i) => new SweepResultsLine(i + 4, r))]);

    [Fact]
    public void Merging_the_shards_gives_the_unsharded_run_in_canonical_order()
    {
        var plan = SweepTestPlans.Small();
        var shards = Enumerable.Range(0, 3).Select(i => File($"s{i}.csv", plan, SweepTestPlans.RunAll(plan, new SweepShard(i, 3)))).ToList();
        var merged = SweepMerge.Merge(shards);
        Assert.Equal(plan, merged.Plan);
        Assert.Equal(0, merged.Duplicates);
        Assert.Equal(SweepTestPlans.Outcomes(plan, SweepTestPlans.RunAll(plan)), merged.Results.Select(r => r with { Seconds = 0 }));
        Assert.Equal(Enumerable.Range(0, merged.Results.Count).Select(i => (long)i), merged.Results.Select(r => plan.Ordinal(r.Trial)));
    }

    [Fact]
    public void A_trial_found_twice_with_the_same_outcome_is_kept_once()
    {
        var plan = SweepTestPlans.Small();
        var all = SweepTestPlans.RunAll(plan);
        var again = all.Take(4).Select(r => r with { Seconds = r.Seconds + 1 });
        var merged = SweepMerge.Merge([File("a.csv", plan, all), File("b.csv", plan, again)]);
        Assert.Equal(4, merged.Duplicates);
        Assert.Equal(all.Count, merged.Results.Count);
    }

    [Fact]
    public void Conflicting_outcomes_and_other_plans_are_refused_naming_both_files()
    {
        var plan = SweepTestPlans.Small();
        var all = SweepTestPlans.RunAll(plan);
        var conflicting = all[2] with { Rank = all[2].Rank - 1 };
        var e = Assert.Throws<ModelFileException>(() => SweepMerge.Merge([File("a.csv", plan, all), File("b.csv", plan, [all[0], conflicting])]));
        Assert.Equal("b.csv", e.Path);
        Assert.StartsWith("line 5: ", e.Problem);
        Assert.Contains("a.csv line 6", e.Problem);

        var other = SweepTestPlans.Small(trials: 4);
        e = Assert.Throws<ModelFileException>(() => SweepMerge.Merge([File("a.csv", plan, all), File("c.csv", other, [])]));
        Assert.Equal("c.csv", e.Path);
        Assert.Contains("trials: 4 here, 3 there", e.Problem);
        Assert.Throws<ArgumentException>(() => SweepMerge.Merge([]));
    }
}

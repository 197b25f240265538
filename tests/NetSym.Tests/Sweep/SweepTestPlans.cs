using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Sweep;

namespace NetSym.Tests.Sweep;

/// <summary>Small sweep plans that run in a fraction of a second.</summary>
internal static class SweepTestPlans
{
    public static SweepPlan Small(int seed = 3, int trials = 3, string points = "2x", IReadOnlyList<int>? depths = null) => new(
        [1, 2], [2, 3], depths ?? [1, 2], trials, new ReluActivation(), Initialization.PyTorch,
        SweepBatchSize.Parse(points), SweepInputDistribution.Gaussian, null, seed);

    /// <summary>Every trial of the plan's shard, run in canonical order.</summary>
    public static List<SweepResult> RunAll(SweepPlan plan, SweepShard? shard = null)
    {
        var results = new List<SweepResult>();
        SweepRunner.Run(plan, plan.Trials(shard ?? SweepShard.All), results.Add, LinearAlgebraBackends.Default);
        return results;
    }

    /// <summary>The results without their times, in canonical order: what must be reproducible.</summary>
    public static List<SweepResult> Outcomes(SweepPlan plan, IEnumerable<SweepResult> results) =>
        [.. results.Select(r => r with { Seconds = 0 }).OrderBy(r => plan.Ordinal(r.Trial))];
}

using System.Diagnostics;
using System.Runtime.ExceptionServices;
using NetSym.Dimension;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Sweep;

/// <summary>Runs the trials of a <see cref="SweepPlan"/>.</summary>
public static class SweepRunner
{
    /// <summary>
    /// One trial: the network n0 – w × d – 1 drawn by the plan's initialisation from the key
    /// <c>RandomKey.FromSeed(seeds.Network).Split("network")</c> (as <c>netsym random --seed</c> draws it),
    /// a batch of <see cref="SweepPlan.Points"/> inputs from <c>RandomKey.FromSeed(seeds.Inputs).Split("inputs")</c>,
    /// and <see cref="FunctionalDimension.Compute"/> on them.
    /// </summary>
    public static SweepResult Run(SweepPlan plan, SweepTrial trial, LinearAlgebraBackend backend)
    {
        var clock = Stopwatch.StartNew();
        var seeds = plan.SeedsOf(trial);
        var network = NetworkOf(plan, trial);
        // The kink sampler draws from the same key, RandomKey.FromSeed(seeds.Inputs).Split("inputs").
        var inputs = plan.Distribution == SweepInputDistribution.Kinks
            ? InputSampler.Kinks(network).Draw(PointsOf(plan, network), seeds.Inputs)
            : Inputs(plan.Distribution, PointsOf(plan, network), trial.InputDimension, RandomKey.FromSeed(seeds.Inputs).Split(RandomPurpose.Inputs));
        var result = FunctionalDimension.Compute(network, inputs, backend, new FunctionalDimensionOptions { Method = plan.Method, Seed = seeds.Primes });
        return new SweepResult(trial, seeds, network.ParameterCount, result.Bound, result.Points, result.Rank, result.Method,
            result.PointsOnBreakpoint, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Checks, before any trial runs, that every configuration's batch fits (its Jacobian within
    /// <see cref="FunctionalDimension.MaxJacobianEntries"/>), so that a plan that cannot finish fails
    /// at once rather than after its first trials. Builds one network per configuration.
    /// </summary>
    /// <exception cref="ArgumentException">A configuration whose batch does not fit, named with its (n0, w, d).</exception>
    public static void CheckFits(SweepPlan plan)
    {
        foreach (int n0 in plan.InputDimensions)
            foreach (int w in plan.Widths)
                foreach (int d in plan.Depths)
                {
                    var network = NetworkOf(plan, new SweepTrial(n0, w, d, 0));
                    try
                    {
                        FunctionalDimension.CheckBatchSize(network, PointsOf(plan, network));
                    }
                    catch (ArgumentException e)
                    {
                        throw new ArgumentException($"configuration n0={n0} w={w} d={d} ({network.Architecture}): {e.Message}", e);
                    }
                }
    }

    private static Network NetworkOf(SweepPlan plan, SweepTrial trial) =>
        RandomNetworks.Create(trial.Architecture, plan.Activation, plan.Initialization, RandomKey.FromSeed(plan.SeedsOf(trial).Network).Split(RandomPurpose.Network));

    private static int PointsOf(SweepPlan plan, Network network) => plan.Points.PointsFor(FunctionalDimension.Bound(network), network.OutputSize);

    /// <summary>
    /// The peak memory of <see cref="Run(SweepPlan, IEnumerable{SweepTrial}, Action{SweepResult}, LinearAlgebraBackend, int)"/>:
    /// <paramref name="parallelism"/> trials of the plan's largest network at once, each as
    /// <see cref="FunctionalDimension.EstimateMemory(Network, int, FunctionalDimensionOptions?)"/> on its batch
    /// (sized by P, which is at least the bound, so never too small).
    /// </summary>
    public static MemoryEstimate EstimateMemory(SweepPlan plan, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var largest = plan.InputDimensions
            .SelectMany(n0 => plan.Widths.SelectMany(w => plan.Depths.Select(d => new SweepTrial(n0, w, d, 0).Architecture)))
            .Select(a => FunctionalDimension.EstimateMemory(a.ParameterCount, a.InputSize, 1, plan.Points.PointsFor((int)Math.Min(a.ParameterCount, int.MaxValue), 1), plan.Method))
            .MaxBy(e => e.Bytes)!;
        return new MemoryEstimate([.. Enumerable.Range(0, parallelism).SelectMany(job => largest.Terms.Select(t => parallelism == 1 ? t : t with { Name = $"{t.Name} (job {job + 1} of {parallelism})" }))]);
    }

    /// <summary>
    /// Runs <paramref name="trials"/> on up to <paramref name="parallelism"/> threads and calls
    /// <paramref name="finished"/> with each result as soon as it is ready, one call at a time (so
    /// it may write a file without locking), in whatever order the trials finish.
    /// </summary>
    /// <remarks>A failure stops the run and is rethrown as it was (the first one, if several threads failed); results already reported stand.</remarks>
    public static void Run(SweepPlan plan, IEnumerable<SweepTrial> trials, Action<SweepResult> finished,
        LinearAlgebraBackend backend, int parallelism = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        if (parallelism == 1)
        {
            foreach (var trial in trials) finished(Run(plan, trial, backend));
            return;
        }
        var gate = new Lock();
        try
        {
            Parallel.ForEach(trials, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, trial =>
            {
                var result = Run(plan, trial, backend);
                lock (gate) finished(result);
            });
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
        }
    }

    /// <summary>rows × columns inputs, row i from the stream of <c>key.Split(i)</c> (<see cref="RandomNetworks.Inputs"/>).</summary>
    /// <exception cref="ArgumentException">For <see cref="SweepInputDistribution.Kinks"/>, which needs the network (<see cref="InputSampler.Kinks"/>).</exception>
    public static Matrix Inputs(SweepInputDistribution distribution, int rows, int columns, RandomKey key) =>
        distribution == SweepInputDistribution.Kinks
            ? throw new ArgumentException("kink inputs depend on the network: draw them with InputSampler.Kinks")
            : distribution == SweepInputDistribution.Gaussian
            ? RandomNetworks.GaussianInputs(rows, columns, key)
            : RandomNetworks.Inputs(rows, columns, key, (random, _) => 2 * random.NextDouble() - 1);
}

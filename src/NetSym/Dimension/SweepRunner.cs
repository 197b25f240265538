using System.Diagnostics;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Dimension;

/// <summary>Runs the trials of a <see cref="SweepPlan"/>.</summary>
public static class SweepRunner
{
    /// <summary>
    /// One trial: the network n0 – w × d – 1 drawn by the plan's initialisation from
    /// <c>new Random(seeds.Network)</c>, a batch of <see cref="SweepPlan.Points"/> inputs from
    /// <c>new Random(seeds.Inputs)</c>, and <see cref="FunctionalDimension.Compute"/> on them.
    /// </summary>
    public static SweepResult Run(SweepPlan plan, SweepTrial trial, LinearAlgebraBackend? backend = null)
    {
        var clock = Stopwatch.StartNew();
        var seeds = plan.SeedsOf(trial);
        var network = RandomNetworks.Create(trial.Architecture, plan.Activation, plan.Initialization, new Random(seeds.Network));
        int bound = FunctionalDimension.Bound(network);
        var inputs = Inputs(plan.Distribution, plan.Points.PointsFor(bound, network.OutputSize), trial.InputDimension, new Random(seeds.Inputs));
        var result = FunctionalDimension.Compute(network, inputs, new FunctionalDimensionOptions { Method = plan.Method, Seed = seeds.Primes }, backend);
        return new SweepResult(trial, seeds, network.ParameterCount, result.Bound, result.Points, result.Rank, result.Method,
            result.DroppedInputs.Count, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Runs <paramref name="trials"/> on up to <paramref name="parallelism"/> threads and calls
    /// <paramref name="finished"/> with each result as soon as it is ready, one call at a time (so
    /// it may write a file without locking), in whatever order the trials finish.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired; results already reported stand.</exception>
    public static void Run(SweepPlan plan, IEnumerable<SweepTrial> trials, Action<SweepResult> finished, int parallelism = 1,
        LinearAlgebraBackend? backend = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var gate = new Lock();
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellation };
        Parallel.ForEach(trials, options, trial =>
        {
            var result = Run(plan, trial, backend);
            lock (gate) finished(result);
        });
    }

    /// <summary>rows × columns inputs, drawn row by row.</summary>
    public static Matrix Inputs(SweepInputDistribution distribution, int rows, int columns, Random random)
    {
        if (distribution == SweepInputDistribution.Gaussian) return RandomNetworks.GaussianInputs(rows, columns, random);
        var inputs = new Matrix(rows, columns);
        for (int k = 0; k < inputs.Data.Length; k++) inputs.Data[k] = 2 * random.NextDouble() - 1;
        return inputs;
    }
}

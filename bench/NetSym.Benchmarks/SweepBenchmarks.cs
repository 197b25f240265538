using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Sweep;

namespace NetSym.Benchmarks;

/// <summary>
/// Sweep throughput at widths ≤ 16: every trial of a small grid — input dimensions 1, 2, 4 ×
/// depths 1–4 × 8 networks, at one width per case — drawn, evaluated and ranked exactly with the
/// default batch (4 × bound Gaussian points), one trial at a time as <c>netsym sweep</c> runs them
/// by default. Reported per network (OperationsPerInvoke) and as networks per second.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[Config(typeof(Columns))]
public class SweepBenchmarks
{
    private const int Networks = 3 * 4 * 8;
    private SweepPlan _plan = null!;
    private SweepTrial[] _trials = [];

    /// <summary>The hidden width w.</summary>
    [Params(2, 4, 8, 16)]
    public int Width { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _plan = new SweepPlan([1, 2, 4], [Width], [1, 2, 3, 4], 8, new ReluActivation(), Initialization.PyTorch,
            SweepBatchSize.Default, SweepInputDistribution.Gaussian, null, 0);
        _trials = [.. _plan.Trials()];
    }

    [Benchmark(OperationsPerInvoke = Networks, Description = "sweep trial (n0 1,2,4 × d 1..4, exact, 4x bound points)")]
    public int Trials()
    {
        int full = 0;
        foreach (var trial in _trials)
            if (SweepRunner.Run(_plan, trial, LinearAlgebraBackends.Default).Full) full++;
        return full;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(new NetworksPerSecondColumn());
    }

    // The mean is per network (OperationsPerInvoke), in nanoseconds.
    private sealed class NetworksPerSecondColumn : IColumn
    {
        public string Id => nameof(NetworksPerSecondColumn);
        public string ColumnName => "networks/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "random networks drawn and ranked per second: 10⁹ / mean nanoseconds per network";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics is { } statistics
                ? (1e9 / statistics.Mean).ToString("F1", CultureInfo.InvariantCulture)
                : "-";
    }
}

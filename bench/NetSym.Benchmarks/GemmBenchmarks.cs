using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NetSym.LinearAlgebra;

namespace NetSym.Benchmarks;

/// <summary>
/// Square dgemm C ← A·B (n×n doubles, row-major, β = 0) on each engine, reported in GFLOP/s
/// (2n³ flops over the mean time). Few iterations: the reference BLAS needs seconds at n = 2048.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[Config(typeof(Columns))]
public class GemmBenchmarks
{
    private LinearAlgebraBackend _engine = null!;
    private double[] _a = [], _b = [], _c = [];

    /// <summary>The engine.</summary>
    [ParamsAllValues]
    public LinearAlgebraKind Engine { get; set; }

    /// <summary>The matrix size n.</summary>
    [Params(256, 1024, 2048)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = LinearAlgebraBackends.Create(Engine);
        var random = new Random(N);
        _a = [.. Enumerable.Range(0, N * N).Select(_ => random.NextDouble() - 0.5)];
        _b = [.. Enumerable.Range(0, N * N).Select(_ => random.NextDouble() - 0.5)];
        _c = new double[N * N];
    }

    [Benchmark]
    public void Dgemm() => _engine.Gemm(false, false, N, N, N, 1, _a, N, _b, N, 0, _c, N);

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(new GflopsColumn());
    }

    // 2n³ flops per mean nanosecond is GFLOP/s.
    private sealed class GflopsColumn : IColumn
    {
        public string Id => nameof(GflopsColumn);
        public string ColumnName => "GFLOP/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "10⁹ floating-point operations per second: 2n³ over the mean time";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (summary[benchmarkCase]?.ResultStatistics is not { } statistics) return "-";
            double n = Convert.ToDouble(benchmarkCase.Parameters[nameof(N)], CultureInfo.InvariantCulture);
            return (2 * n * n * n / statistics.Mean).ToString("F1", CultureInfo.InvariantCulture);
        }
    }
}

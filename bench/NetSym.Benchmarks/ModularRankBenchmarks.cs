using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Benchmarks;

/// <summary>
/// Exact rank over F_p (blocked elimination on dgemm) of random residue matrices with a planted
/// rank deficit, against two floating-point baselines on the same backend in the same run: a
/// dgemm of the same outer size and depth min(m, n), and the pivoted QR (dgeqp3) a float rank
/// would take. The reference size, 20,000 × 25,720, is too large for repeated
/// iterations: <see cref="TimeReferenceWorkload"/> times it once.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 3)]
public class ModularRankBenchmarks
{
    private PrimeField _field = null!;
    private double[] _residues = null!;
    private double[] _a = null!, _b = null!, _c = null!;

    /// <summary>Rows × columns of the matrix.</summary>
    [Params("4000x5000", "8000x8000")]
    public string Size { get; set; } = "4000x5000";

    private int Rows => int.Parse(Size.Split('x')[0]);
    private int Columns => int.Parse(Size.Split('x')[1]);

    [GlobalSetup]
    public void Setup()
    {
        _field = PrimeField.Random(RandomKey.FromSeed(1).Stream());
        _residues = PlantedDeficit(_field, Rows, Columns, Rows / 100, seed: 2);
        int depth = Math.Min(Rows, Columns);
        _a = RandomFloats(Rows * depth, 3);
        _b = RandomFloats(depth * Columns, 4);
        _c = new double[Rows * Columns];
    }

    [Benchmark(Description = "exact rank mod p (ModularRank)")]
    public int ExactRank() => ModularRank.Compute(_field, _residues, Rows, Columns, LinearAlgebraBackends.Default).Rank;

    [Benchmark(Description = "kernel basis mod p (ModularKernel)")]
    public int KernelBasis() => ModularKernel.Compute(_field, _residues, Rows, Columns, LinearAlgebraBackends.Default).Basis.Rows;

    [Benchmark(Baseline = true, Description = "float dgemm m×n×min(m,n)")]
    public double FloatGemm()
    {
        int depth = Math.Min(Rows, Columns);
        LinearAlgebraBackends.Default.Gemm(false, false, Rows, Columns, depth, 1, _a, depth, _b, Columns, 0, _c, Columns);
        return _c[0];
    }

    [Benchmark(Description = "float pivoted QR (dgeqp3)")]
    public double FloatPivotedQr() => LinearAlgebraBackends.Default.QrWithPivoting(_residues, Rows, Columns).RDiagonal[0];

    /// <summary>
    /// Random residues mod p with <paramref name="deficit"/> rows replaced by sums of two others:
    /// rank m − deficit (for m ≤ n, almost surely), the dependent rows scattered.
    /// </summary>
    public static double[] PlantedDeficit(PrimeField field, int m, int n, int deficit, int seed)
    {
        var a = GC.AllocateUninitializedArray<double>(checked(m * n));
        Parallel.For(0, m, i =>
        {
            var random = new Random(seed * 1_000_003 + i);
            var row = a.AsSpan(i * n, n);
            for (int j = 0; j < n; j++) row[j] = random.NextInt64(field.P);
        });
        var choose = new Random(seed);
        var targets = Enumerable.Range(0, m).OrderBy(_ => choose.Next()).Take(deficit).ToHashSet();
        var sources = Enumerable.Range(0, m).Where(i => !targets.Contains(i)).ToArray();
        foreach (int target in targets)
        {
            int s1 = sources[choose.Next(sources.Length)], s2 = sources[choose.Next(sources.Length)];
            for (int j = 0; j < n; j++) a[target * n + j] = (a[s1 * n + j] + a[s2 * n + j]) % field.P;
        }
        return a;
    }

    private static double[] RandomFloats(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() - 0.5)];
    }

    /// <summary>
    /// The reference size, timed once with a stopwatch: the exact rank of a 20,000 × 25,720
    /// residue matrix of rank 19,910 (in place: one 4 GB copy), and a 8,000³ dgemm on the same
    /// backend for the floating-point rate of this machine at the time.
    /// </summary>
    public static void TimeReferenceWorkload(TextWriter output, int m = 20_000, int n = 25_720, int deficit = 90)
    {
        var field = PrimeField.Random(RandomKey.FromSeed(1).Stream());
        var backend = LinearAlgebraBackends.Default;
        output.WriteLine($"backend: {backend.Description}; p = {field.P}; {m} × {n}, {deficit} dependent rows");
        var a = PlantedDeficit(field, m, n, deficit, seed: 2);
        var clock = Stopwatch.StartNew();
        var result = ModularRank.ComputeInPlace(field, a, m, n, backend);
        double seconds = clock.Elapsed.TotalSeconds;
        double r = result.Rank;
        double flops = 2 * ((double)m * n * r - (double)(m + n) * r * r / 2 + r * r * r / 3);
        output.WriteLine($"exact rank mod p: {result.Rank} in {seconds:F1} s ({flops / seconds / 1e9:F1} GFLOP/s of elimination)");

        const int size = 8000;
        double[] x = RandomFloats(size * size, 5), y = RandomFloats(size * size, 6), z = new double[size * size];
        backend.Gemm(false, false, 1000, 1000, 1000, 1, x, size, y, size, 0, z, size); // warm up the library's threads
        clock.Restart();
        backend.Gemm(false, false, size, size, size, 1, x, size, y, size, 0, z, size);
        double gemm = clock.Elapsed.TotalSeconds;
        output.WriteLine($"float dgemm {size}³: {gemm:F1} s ({2.0 * size * size * size / gemm / 1e9:F1} GFLOP/s)");
    }
}

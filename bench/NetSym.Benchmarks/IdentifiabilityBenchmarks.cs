using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NetSym.Dimension;
using NetSym.Identifiability;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Benchmarks;

/// <summary>
/// The identifiability check of 784-30-30-30-10 (ReLU, PyTorch's initialisation; P = 25,720, bound 25,630,
/// 21 million paths per output) on N standard normal points, against the batch functional dimension on the
/// same points in the same run. Both build the certified modular Jacobian and rank it; the check adds the
/// rank of α through its N×N Gram matrix, the pattern bound on R_A and the structural checks. At N = 2,000 the
/// Jacobian is 20,000 × 25,720 (4 GB), so each side runs once: <see cref="TimeReferenceWorkload"/> times it
/// with a stopwatch.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 2)]
public class IdentifiabilityBenchmarks
{
    private Network _network = null!;
    private Matrix _inputs = null!;

    /// <summary>Number of sample points.</summary>
    [Params(200)]
    public int Points { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _network = Network();
        _inputs = NetworkWorkloads.GaussianInputs(Points, 784, 1);
    }

    /// <summary>The network of the speed line.</summary>
    public static Network Network() =>
        RandomNetworks.Create(Architecture.Parse("784-30-30-30-10"), new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(0));

    [Benchmark(Baseline = true, Description = "functional dimension (exact)")]
    public FunctionalDimensionResult Dimension() => FunctionalDimension.Compute(_network, _inputs, LinearAlgebraBackends.Default);

    [Benchmark(Description = "identifiability check (exact)")]
    public IdentifiabilityResult Identifiability() => LocalIdentifiability.Check(_network, _inputs, LinearAlgebraBackends.Default);

    /// <summary>
    /// The reference size, timed once each with a stopwatch on the same inputs, the functional
    /// dimension first: its rank, the check's verdict and ranks, and the ratio of the two times.
    /// </summary>
    public static void TimeReferenceWorkload(TextWriter output, int points = 2000)
    {
        var network = Network();
        var inputs = NetworkWorkloads.GaussianInputs(points, 784, 1);
        output.WriteLine($"backend: {LinearAlgebraBackends.Default.Description}; 784-30-30-30-10, {points} points");
        var clock = Stopwatch.StartNew();
        var fd = FunctionalDimension.Compute(network, inputs, LinearAlgebraBackends.Default);
        double dimension = clock.Elapsed.TotalSeconds;
        output.WriteLine($"functional dimension: rank {fd.Rank} of bound {fd.Bound} in {dimension:F1} s");
        clock.Restart();
        var check = LocalIdentifiability.Check(network, inputs, LinearAlgebraBackends.Default);
        double identifiability = clock.Elapsed.TotalSeconds;
        output.WriteLine($"identifiability: {check.Verdict} by {check.DecidedBy} (R_Γ = {check.RGamma}, R_A = {check.RA}, bound {check.Bound}; {check.AlphaMethod}) in {identifiability:F1} s");
        output.WriteLine($"ratio identifiability / functional dimension: {identifiability / dimension:F2}");
    }
}

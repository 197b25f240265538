using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NetSym.Canonical;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;

namespace NetSym.Benchmarks;

/// <summary>
/// Aligning two 784-1024-1024-1024-10 ReLU networks (2.9M parameters): a planted pair (B = h·A for a random group
/// element h) and an unrelated pair (same architecture, independent weights). Baseline: a forward pass of 1,000 inputs
/// through the same network, so the figures read as ratios; one 1024 × 1024 linear assignment alone for scale.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 5)]
public class AlignmentBenchmarks
{
    private Network _a = null!;
    private Network _planted = null!;
    private Network _unrelated = null!;
    private Matrix _inputs = null!;
    private double[] _cost = null!;

    [GlobalSetup]
    public void Setup()
    {
        var architecture = Architecture.Parse("784-1024-1024-1024-10");
        _a = RandomNetworks.Create(architecture, new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(0));
        _planted = SymmetryGroup.Of(_a).RandomElement(RandomKey.FromSeed(1).Stream()).Apply(_a);
        _unrelated = RandomNetworks.Create(architecture, new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(2));
        _inputs = NetworkWorkloads.GaussianInputs(1000, 784, 3);
        var r = new Random(4);
        _cost = [.. Enumerable.Range(0, 1024 * 1024).Select(_ => r.NextDouble())];
    }

    [Benchmark(Baseline = true, Description = "forward 784-1024-1024-1024-10, N=1000")]
    public Matrix Forward() => NetSym.Networks.Forward.Evaluate(_a, _inputs, LinearAlgebraBackends.Default);

    [Benchmark(Description = "linear assignment 1024×1024, uniform costs")]
    public AssignmentSolution Assignment() => LinearAssignment.Solve(_cost, 1024, 1024);

    [Benchmark(Description = "align planted pair 784-1024-1024-1024-10")]
    public AlignmentResult AlignPlanted() => Aligner.Align(_a, _planted, LinearAlgebraBackends.Default);

    [Benchmark(Description = "align unrelated pair 784-1024-1024-1024-10")]
    public AlignmentResult AlignUnrelated() => Aligner.Align(_a, _unrelated, LinearAlgebraBackends.Default);
}

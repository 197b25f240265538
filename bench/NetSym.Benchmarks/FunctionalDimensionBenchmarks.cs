using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NetSym.Dimension;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Benchmarks;

/// <summary>
/// Exact functional dimension of the reference workload (Bona-Pellissier et al.): a
/// 784-30-30-30-10 ReLU network with PyTorch's default initialisation (25,720 parameters) on 2,000
/// Gaussian inputs, J of 20,000 × 25,720 — certified activation pattern, Jacobian mod p, rank mod p.
/// bench/fdim_pytorch_baseline.py speed times jacobian(vectorize=True) + matrix_rank on the same
/// workload. A run takes minutes and 4 GB: one launch, no warm-up, two measured iterations.
/// </summary>
/// <remarks><c>dotnet run -c Release --project bench/NetSym.Benchmarks -- --filter '*FunctionalDimension*'</c></remarks>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 2)]
public class FunctionalDimensionBenchmarks
{
    private Network _network = null!;
    private Matrix _inputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _network = RandomNetworks.Create(Architecture.Parse("784-30-30-30-10"), new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(0));
        _inputs = RandomNetworks.GaussianInputs(2000, 784, RandomKey.FromSeed(2));
    }

    [Benchmark(Description = "exact functional dimension 784-30-30-30-10, N=2000 (J 20,000 × 25,720)")]
    public int ExactRank784() => FunctionalDimension.Compute(_network, _inputs, LinearAlgebraBackends.Default).Rank;
}

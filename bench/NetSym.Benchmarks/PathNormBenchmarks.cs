using BenchmarkDotNet.Attributes;
using NetSym.Embedding;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Benchmarks;

/// <summary>
/// L^q path norms of 784-1024-1024-1024-10 (ReLU; 2.9 million parameters, 8.4·10^11 paths per output) against
/// a plain forward pass of 1 and of 32 inputs in the same run: the norm is one fused pass over |θ|^q.
/// </summary>
[MemoryDiagnoser]
public class PathNormBenchmarks
{
    private Network _network = null!;
    private Matrix _one = null!, _batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        _network = RandomNetworks.Create(Architecture.Parse("784-1024-1024-1024-10"), new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(0));
        _one = NetworkWorkloads.GaussianInputs(1, 784, 1);
        _batch = NetworkWorkloads.GaussianInputs(32, 784, 2);
    }

    [Benchmark(Baseline = true, Description = "forward, N=1")]
    public Matrix ForwardOne() => Forward.Evaluate(_network, _one, LinearAlgebraBackends.Default);

    [Benchmark(Description = "forward, N=32")]
    public Matrix ForwardBatch() => Forward.Evaluate(_network, _batch, LinearAlgebraBackends.Default);

    [Benchmark(Description = "path norm q=1")]
    public PathNorm L1() => PathNorms.Compute(_network, 1);

    [Benchmark(Description = "path norm q=2")]
    public PathNorm L2() => PathNorms.Compute(_network, 2);

    [Benchmark(Description = "path norm q=0 (non-zero paths)")]
    public PathNorm L0() => PathNorms.Compute(_network, 0);

    [Benchmark(Description = "path norm q=∞")]
    public PathNorm LInfinity() => PathNorms.Compute(_network, double.PositiveInfinity);

    [Benchmark(Description = "path norm q=0.5 (general q)")]
    public PathNorm LHalf() => PathNorms.Compute(_network, 0.5);
}

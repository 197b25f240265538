using BenchmarkDotNet.Attributes;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Benchmarks;

/// <summary>Forward pass of 784-256-256-10 (ReLU) on 10,000 inputs; bench/pytorch_baseline.py times PyTorch on the same.</summary>
[MemoryDiagnoser]
public class ForwardBenchmarks
{
    private Network _network = null!;
    private Matrix _inputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _network = NetworkWorkloads.Mlp784();
        _inputs = NetworkWorkloads.GaussianInputs(10_000, 784, 1);
    }

    [Benchmark(Description = "forward 784-256-256-10, N=10000")]
    public Matrix Forward784() => Forward.Evaluate(_network, _inputs, LinearAlgebraBackends.Default);
}

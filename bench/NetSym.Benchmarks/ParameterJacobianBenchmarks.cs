using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Benchmarks;

/// <summary>
/// Full parameter Jacobian of 784-256-256-10 (ReLU) on 100 inputs: 1,000 × 269,322 doubles (2.2 GB).
/// bench/pytorch_baseline.py times functorch's vmap(jacrev) on the same.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 8)]
public class ParameterJacobianBenchmarks
{
    private Network _network = null!;
    private Matrix _inputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _network = NetworkWorkloads.Mlp784();
        _inputs = NetworkWorkloads.GaussianInputs(100, 784, 2);
    }

    [Benchmark(Description = "parameter Jacobian 784-256-256-10, N=100")]
    public Matrix Jacobian784() => ParameterJacobian.Compute(_network, _inputs, LinearAlgebraBackends.Default);
}

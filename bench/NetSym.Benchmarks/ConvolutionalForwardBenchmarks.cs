using BenchmarkDotNet.Attributes;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Benchmarks;

/// <summary>
/// Forward pass of the CIFAR ResNet-20 on 1,000 3×32×32 images (issue 12's target: within 1.5× of
/// PyTorch's CPU time); bench/cnn_pytorch_baseline.py times PyTorch on the same network in float32 and float64.
/// </summary>
[MemoryDiagnoser]
public class ConvolutionalForwardBenchmarks
{
    private Network _network = null!;
    private Matrix _images = null!;

    [GlobalSetup]
    public void Setup()
    {
        _network = NetworkWorkloads.ResNet20();
        _images = NetworkWorkloads.GaussianInputs(1_000, 3 * 32 * 32, 1);
    }

    [Benchmark(Description = "forward ResNet-20, 1,000 images 3×32×32")]
    public Matrix ForwardResNet20() => Forward.Evaluate(_network, _images, LinearAlgebraBackends.Default);
}

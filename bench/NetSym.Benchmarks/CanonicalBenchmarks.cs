using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NetSym.Canonical;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;

namespace NetSym.Benchmarks;

/// <summary>
/// Canonical form, fingerprint and equivalence of a 784-1024-1024-1024-10 ReLU network (2,913,290
/// parameters), against the baseline of one forward pass of 1,000 inputs through the same network
/// (whose time depends on the BLAS backend) and, as a backend-free reference, one copy of its parameters.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, warmupCount: 2, iterationCount: 10)]
public class CanonicalBenchmarks
{
    private Network _network = null!;
    private Network _symmetricCopy = null!;
    private Matrix _inputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _network = RandomNetworks.Create(Architecture.Parse("784-1024-1024-1024-10"), new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(0));
        _symmetricCopy = SymmetryGroup.Of(_network).RandomElement(RandomKey.FromSeed(1).Stream()).Apply(_network);
        _inputs = NetworkWorkloads.GaussianInputs(1000, 784, 3);
    }

    [Benchmark(Baseline = true, Description = "forward 784-1024³-10, N=1000")]
    public Matrix Forward1000() => Forward.Evaluate(_network, _inputs, LinearAlgebraBackends.Default);

    /// <summary>A memory-bound reference that does not depend on the BLAS backend: one pass over the parameters.</summary>
    [Benchmark(Description = "parameter vector copy 784-1024³-10")]
    public double[] CopyParameters() => _network.GetParameters();

    [Benchmark(Description = "canonicalize 784-1024³-10")]
    public CanonicalForm Canonicalize() => Canonicalizer.Canonicalize(_network);

    [Benchmark(Description = "canonicalize + fingerprint 784-1024³-10")]
    public Fingerprint CanonicalizeAndFingerprint() => Fingerprint.Of(_network);

    [Benchmark(Description = "equiv 784-1024³-10 vs symmetric copy")]
    public EquivalenceResult CompareWithSymmetricCopy() => Equivalence.Compare(_network, _symmetricCopy, LinearAlgebraBackends.Default);
}

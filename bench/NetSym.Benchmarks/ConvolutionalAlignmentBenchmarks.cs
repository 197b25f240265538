using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NetSym.Canonical;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;

namespace NetSym.Benchmarks;

/// <summary>
/// Aligning two CIFAR ResNet-20s (272k parameters, 13 channel classes) over their permutation spec: 100 planted pairs
/// (B = h·A for random spec elements h: channel permutations and positive scalings; the benchmark throws unless all
/// 100 come back exact) and one independent pair (two PyTorch-style initialisations; target under 10 s).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 3)]
public class ConvolutionalAlignmentBenchmarks
{
    private Network _a = null!;
    private Network[] _planted = null!;
    private Network _independent = null!;

    [GlobalSetup]
    public void Setup()
    {
        _a = NetworkWorkloads.ResNet20();
        var spec = PermutationSpec.Derive(_a);
        _planted = [.. Enumerable.Range(0, 100).Select(seed => spec.Apply(_a, spec.RandomElement(RandomKey.FromSeed(seed).Stream())))];
        _independent = NetworkWorkloads.ResNet20(seed: 21);
    }

    [Benchmark(Description = "align 100 planted ResNet-20 pairs (all exact)")]
    public int AlignPlanted()
    {
        int exact = _planted.Count(b => Aligner.Align(_a, b, LinearAlgebraBackends.Default).Exact);
        return exact == _planted.Length ? exact : throw new InvalidOperationException($"only {exact} of {_planted.Length} planted pairs recovered");
    }

    [Benchmark(Description = "align two independent ResNet-20 initialisations")]
    public AlignmentResult AlignIndependent() => Aligner.Align(_a, _independent, LinearAlgebraBackends.Default);
}

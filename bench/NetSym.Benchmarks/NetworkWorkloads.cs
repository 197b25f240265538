using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Benchmarks;

/// <summary>The workloads that bench/pytorch_baseline.py runs too, built the same way in every benchmark.</summary>
internal static class NetworkWorkloads
{
    /// <summary>The reference MLP, 784-256-256-10 with ReLU, PyTorch's default initialisation.</summary>
    public static Network Mlp784() =>
        RandomNetworks.Create(Architecture.Parse("784-256-256-10"), new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(0));

    /// <summary>N standard normal inputs of dimension d.</summary>
    public static Matrix GaussianInputs(int n, int d, int seed) => RandomNetworks.GaussianInputs(n, d, RandomKey.FromSeed(seed));
}

using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Extraction;

/// <summary>Random ReLU networks for the oracle tests.</summary>
internal static class OracleTestData
{
    public static Network Relu(string architecture, long seed) =>
        RandomNetworks.Create(Architecture.Parse(architecture), new ReluActivation(), Initialization.Gaussian, RandomKey.FromSeed(seed));
}

using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Extraction;

/// <summary>Random ReLU networks for the oracle tests.</summary>
internal static class OracleTestData
{
    public static Network Relu(string architecture, long seed) =>
        RandomNetworks.Create(Architecture.Parse(architecture), new ReluActivation(), Initialization.Gaussian, RandomKey.FromSeed(seed));

    /// <summary>rows × columns standard normal entries from <paramref name="random"/> (the extraction tests draw from their own streams).</summary>
    public static Matrix Normal(RandomStream random, int rows, int columns)
    {
        var m = new Matrix(rows, columns);
        for (int k = 0; k < m.Data.Length; k++) m.Data[k] = random.NextNormal();
        return m;
    }
}

using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Cli;

/// <summary>Random network inputs x_i ~ N(0, I_d), reproducible from a seed.</summary>
internal static class GaussianInputs
{
    /// <summary>How the inputs are drawn, for reports.</summary>
    public static string Describe(int seed) => $"x ~ N(0, I) by Box–Muller on System.Random({seed}), drawn row by row";

    /// <summary>A rows × columns matrix of independent standard normal draws, filled row by row from one seeded generator.</summary>
    public static Matrix Draw(int rows, int columns, int seed) => RandomNetworks.GaussianInputs(rows, columns, new Random(seed));
}

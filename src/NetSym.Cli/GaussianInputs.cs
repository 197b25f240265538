using NetSym.Dimension;
using NetSym.LinearAlgebra;

namespace NetSym.Cli;

/// <summary>Random network inputs x_i ~ N(0, I_d), reproducible from a seed: <see cref="InputSampler.Gaussian"/>'s draws.</summary>
internal static class GaussianInputs
{
    /// <summary>How the inputs are drawn, for reports.</summary>
    public static string Describe(int seed) => InputSampler.Gaussian(1).Describe(seed);

    /// <summary>A rows × columns matrix of independent standard normal draws, row i from the key FromSeed(seed)/inputs/i.</summary>
    public static Matrix Draw(int rows, int columns, int seed) => InputSampler.Gaussian(columns).Draw(rows, seed);
}

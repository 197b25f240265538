using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Extraction;

/// <summary>
/// Ground-truth deep ReLU networks for the extraction tests: weights N(0,1)/√fan_in and "balanced"
/// biases, each hidden unit's bias minus the median of its pre-activation over standard normal inputs,
/// so that no unit is dead or always on where the inputs are drawn; output biases 0.1·N(0,1).
/// </summary>
internal static class DeepTruth
{
    private const int MedianSamples = 201;

    public static Network Create(string architecture, long seed)
    {
        int[] sizes = [.. architecture.Split('-').Select(int.Parse)];
        var random = RandomKey.FromSeed(seed).Split("deep truth").Stream();
        var h = OracleTestData.Normal(random, MedianSamples, sizes[0]);
        var layers = new List<(double[], double[], Activation)>();
        for (int l = 1; l < sizes.Length; l++)
        {
            int fanIn = sizes[l - 1], units = sizes[l];
            bool output = l == sizes.Length - 1;
            var w = new double[units * fanIn];
            for (int k = 0; k < w.Length; k++) w[k] = random.NextNormal() / Math.Sqrt(fanIn);
            var b = new double[units];
            var next = new Matrix(MedianSamples, units);
            for (int j = 0; j < units; j++)
            {
                var pre = new double[MedianSamples];
                for (int s = 0; s < MedianSamples; s++)
                    for (int i = 0; i < fanIn; i++) pre[s] += w[j * fanIn + i] * h[s, i];
                b[j] = output ? 0.1 * random.NextNormal() : -pre.Order().ElementAt(MedianSamples / 2);
                for (int s = 0; s < MedianSamples; s++) next[s, j] = Math.Max(0, pre[s] + b[j]);
            }
            h = next;
            layers.Add((w, b, output ? new IdentityActivation() : new ReluActivation()));
        }
        return Network.Sequential(sizes[0], layers);
    }
}

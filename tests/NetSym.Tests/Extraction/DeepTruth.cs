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

    /// <summary>Samples of a unit's pre-activation from which <see cref="Modified"/> sets its active fraction.</summary>
    private const int ShiftSamples = 4001;

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

    /// <summary>
    /// <paramref name="network"/> with unit <paramref name="unit"/> of hidden layer <paramref name="layer"/>
    /// (from 1) shifted so that it is active at about <paramref name="active"/> of standard normal inputs
    /// (null: left where it is), and its weights into the next layer multiplied by <paramref name="outgoing"/>.
    /// </summary>
    public static Network Modified(Network network, int layer, int unit, double? active, double outgoing = 1)
    {
        var random = RandomKey.FromSeed(layer * 1000 + unit).Split("modified truth").Stream();
        var h = OracleTestData.Normal(random, ShiftSamples, network.InputSize);
        var layers = new List<(double[] Weights, double[] Bias, Activation Activation)>();
        foreach (var l in network.Layers) layers.Add((l.Weights.ToArray(), l.Bias.ToArray(), l.Activation));
        for (int l = 0; l < layer; l++)
        {
            var (w, b, _) = layers[l];
            int fanIn = h.Columns, units = b.Length;
            var next = new Matrix(ShiftSamples, units);
            for (int s = 0; s < ShiftSamples; s++)
                for (int j = 0; j < units; j++)
                {
                    double z = b[j];
                    for (int i = 0; i < fanIn; i++) z += w[j * fanIn + i] * h[s, i];
                    next[s, j] = z;
                }
            if (l == layer - 1 && active is { } fraction)
            {
                // The bias that leaves the wanted fraction of the samples' pre-activations above zero.
                var sorted = Enumerable.Range(0, ShiftSamples).Select(s => next[s, unit]).Order().ToArray();
                double shift = -sorted[(int)Math.Round((1 - fraction) * (ShiftSamples - 1))];
                b[unit] += shift;
                for (int s = 0; s < ShiftSamples; s++) next[s, unit] += shift;
            }
            for (int k = 0; k < next.Data.Length; k++) next.Data[k] = Math.Max(0, next.Data[k]);
            h = next;
        }
        var (outWeights, _, _) = layers[layer];
        int width = layers[layer - 1].Bias.Length;
        for (int k = 0; k < outWeights.Length / width; k++) outWeights[k * width + unit] *= outgoing;
        return Network.Sequential(network.InputSize, layers);
    }

    /// <summary>
    /// <paramref name="network"/> with unit 0 of hidden layer 2 active only in a thin cone: weights
    /// <paramref name="weight"/>·|w| + 0.1 on layer-1 units 0 and 1 and −|w| − 0.1 on the others, bias 0,
    /// so that it is active where those two dominate (at 1 % to 11 % of the inputs, near the origin and far
    /// out alike, in 10-10-8-1) and its surface still crosses every layer-1 unit's.
    /// </summary>
    /// <remarks>With <paramref name="inverted"/> the unit's weights are negated: it is on except in that cone.</remarks>
    public static Network ThinCone(Network network, double weight, bool inverted = false)
    {
        var layers = new List<(double[] Weights, double[] Bias, Activation Activation)>();
        foreach (var l in network.Layers) layers.Add((l.Weights.ToArray(), l.Bias.ToArray(), l.Activation));
        var (w, b, _) = layers[1];
        for (int k = 0; k < layers[0].Bias.Length; k++) w[k] = (inverted ? -1 : 1) * (k < 2 ? weight * Math.Abs(w[k]) + 0.1 : -Math.Abs(w[k]) - 0.1);
        b[0] = 0;
        return Network.Sequential(network.InputSize, layers);
    }
}

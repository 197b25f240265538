using NetSym.Networks;

namespace NetSym.Tests.Dimension;

/// <summary>Generic ReLU networks with one planted degeneracy each, for tests of the deficit's causes.</summary>
internal static class PlantedNetworks
{
    /// <summary>
    /// A 3-5-4-2 ReLU network with Gaussian weights: no hidden symmetry on enough Gaussian points (checked by the tests).
    /// The default seed is one whose network has full rank on the tests' 60-point batch and whose planted
    /// degeneracies each show only their own deficit there (most seeds leave some neuron rarely active on so few points).
    /// </summary>
    public static Network Generic(int seed = 489) => TestNetworks.Dense("3-5-4-2", new ReluActivation(), seed);

    /// <summary>Layer <paramref name="layer"/>'s neuron <paramref name="neuron"/> gets bias <paramref name="bias"/>.</summary>
    public static Network WithBias(Network network, int layer, int neuron, double bias)
    {
        var l = network.Layers[layer];
        var b = l.Bias.ToArray();
        b[neuron] = bias;
        return network.WithLayer(layer, l.With(l.Weights, b));
    }

    /// <summary>Neuron <paramref name="twin"/> of layer <paramref name="layer"/> gets <paramref name="scale"/> × neuron <paramref name="original"/>'s incoming weights and bias.</summary>
    public static Network WithTwin(Network network, int layer, int original, int twin, double scale)
    {
        var l = network.Layers[layer];
        var w = l.Weights.ToArray();
        var b = l.Bias.ToArray();
        for (int k = 0; k < l.InputSize; k++) w[twin * l.InputSize + k] = scale * w[original * l.InputSize + k];
        b[twin] = scale * b[original];
        return network.WithLayer(layer, l.With(w, b));
    }

    /// <summary>Every weight by which layer <paramref name="layer"/> + 1 reads neuron <paramref name="neuron"/> of layer <paramref name="layer"/> becomes 0.</summary>
    public static Network WithZeroOutgoing(Network network, int layer, int neuron)
    {
        var next = network.Layers[layer + 1];
        var w = next.Weights.ToArray();
        for (int r = 0; r < next.OutputSize; r++) w[r * next.InputSize + neuron] = 0;
        return network.WithLayer(layer + 1, next.With(w, next.Bias));
    }
}

using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Canonical;

/// <summary>
/// Builds a larger network that computes the same function, by one <see cref="DegenerateAdditionKind"/>:
/// the constructive side of "every network realising f", so that a test (or a user) can hold a member
/// of the fiber that is not in the reduced network's orbit.
/// </summary>
public static class DegenerateAddition
{
    /// <summary>
    /// Applies <paramref name="kind"/> to hidden layer <paramref name="layer"/> with random weights from
    /// <paramref name="random"/> (standard normal; a symmetry of ρ drawn from its group where one is used, without
    /// powers of a period: the period is rounded to a double, so a shifted copy would not be an exact twin).
    /// </summary>
    /// <exception cref="ArgumentException">The layer is not a hidden layer, or (for <see cref="DegenerateAdditionKind.ZeroWeightEdge"/>) it already reads the network input.</exception>
    public static Network Apply(Network network, DegenerateAdditionKind kind, int layer, RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(random);
        if (layer < 0 || layer >= network.Layers.Count - 1)
            throw new ArgumentException($"layer {layer} is not a hidden layer of a network with {network.Layers.Count} layers", nameof(layer));
        var rho = network.Layers[layer].Activation;
        int fanIn = network.Layers[layer].InputSize;
        switch (kind)
        {
            case DegenerateAdditionKind.DeadUnit:
                return Append(network, layer, Normals(random, fanIn), random.NextNormal(), (_, _) => 0, (_, _) => 0);
            case DegenerateAdditionKind.ConstantUnit:
            {
                double beta = random.NextNormal();
                var u = OutgoingDraws(network, layer, random);
                double value = rho.Value(beta);
                return Append(network, layer, new double[fanIn], beta, (c, r) => u[c][r], (c, r) => -u[c][r] * value);
            }
            case DegenerateAdditionKind.SplitUnit:
            {
                int j = random.NextInt32(network.Layers[layer].OutputSize);
                var s = rho.Symmetries.RandomElement(random, steps: false);
                var (w, beta) = Incoming(network, layer, j);
                var u = OutgoingDraws(network, layer, random);
                // y' = ρ(a·z + b) = c·y + d: the copy carries u′·y′ = c·u′·y + u′·d, which the original gives back.
                var split = Append(network, layer, [.. w.Select(x => s.A * x)], s.A * beta + s.B, (c, r) => u[c][r], (c, r) => -u[c][r] * s.D);
                return AddToOutgoing(split, layer, j, (c, r) => -s.C * u[c][r]);
            }
            case DegenerateAdditionKind.CancellingPair:
            {
                var w = Normals(random, fanIn);
                double beta = random.NextNormal();
                var s = rho.Symmetries.RandomElement(random, steps: false);
                var u = OutgoingDraws(network, layer, random);
                // u₁·ρ(z) + u₂·ρ(a·z + b) = (u₁ + c·u₂)·ρ(z) + u₂·d: u₁ = −c·u₂ and the bias takes −u₂·d.
                var first = Append(network, layer, w, beta, (c, r) => -s.C * u[c][r], (_, _) => 0);
                return Append(first, layer, [.. w.Select(x => s.A * x)], s.A * beta + s.B, (c, r) => u[c][r], (c, r) => -u[c][r] * s.D);
            }
            case DegenerateAdditionKind.ZeroWeightEdge:
                return ReadInputWithZeros(network, layer);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown degenerate addition");
        }
    }

    private static double[] Normals(RandomStream random, int n)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.NextNormal();
        return v;
    }

    // One weight per consumer row reading the layer, drawn consumer by consumer.
    private static Dictionary<int, double[]> OutgoingDraws(Network network, int layer, RandomStream random) =>
        network.Graph.Readers(layer + 1).ToDictionary(r => r.Layer, r => Normals(random, network.Layers[r.Layer].OutputSize));

    private static (double[] Weights, double Bias) Incoming(Network network, int layer, int neuron)
    {
        var l = network.Layers[layer];
        return (l.Weights.Slice(neuron * l.InputSize, l.InputSize).ToArray(), l.Bias[neuron]);
    }

    // Appends one neuron to the end of the layer: its row, and in every consumer a column at the end of the
    // layer's block, with outgoing(consumer, row) as weight and biasShift(consumer, row) added to the bias.
    private static Network Append(Network network, int layer, double[] incoming, double bias,
        Func<int, int, double> outgoing, Func<int, int, double> biasShift)
    {
        var layers = network.Layers.ToArray();
        var own = layers[layer];
        int width = own.OutputSize;
        layers[layer] = new Layer(own.InputSize, width + 1, [.. own.Weights, .. incoming], [.. own.Bias, bias], own.Activation, own.Sources,
            own.IsDense ? default : [.. own.Mask, .. Enumerable.Repeat(true, own.InputSize)]);
        foreach (var (consumer, offset) in network.Graph.Readers(layer + 1))
        {
            var c = network.Layers[consumer];
            int insertAt = offset + width, cin = c.InputSize;
            var weights = new double[(cin + 1) * c.OutputSize];
            var mask = c.IsDense ? null : new bool[weights.Length];
            var biases = c.Bias.ToArray();
            for (int r = 0; r < c.OutputSize; r++)
            {
                for (int k = 0, t = 0; k <= cin; k++)
                {
                    int at = r * (cin + 1) + k;
                    if (k == insertAt)
                    {
                        weights[at] = outgoing(consumer, r);
                        if (mask is not null) mask[at] = true;
                        continue;
                    }
                    weights[at] = c.Weights[r * cin + t];
                    if (mask is not null) mask[at] = c.Mask[r * cin + t];
                    t++;
                }
                biases[r] += biasShift(consumer, r);
            }
            layers[consumer] = new Layer(cin + 1, c.OutputSize, weights, biases, c.Activation, c.Sources, mask);
        }
        return new Network(network.InputSize, layers);
    }

    private static Network AddToOutgoing(Network network, int layer, int neuron, Func<int, int, double> delta)
    {
        var result = network;
        foreach (var (consumer, offset) in network.Graph.Readers(layer + 1))
        {
            var c = result.Layers[consumer];
            var weights = c.Weights.ToArray();
            for (int r = 0; r < c.OutputSize; r++) weights[r * c.InputSize + offset + neuron] += delta(consumer, r);
            result = result.WithLayer(consumer, c.With(weights, c.Bias));
        }
        return result;
    }

    // The layer also reads the network input, through a zero block: node 0 comes first among the sources.
    private static Network ReadInputWithZeros(Network network, int layer)
    {
        var own = network.Layers[layer];
        if (own.Sources.Contains(0))
            throw new ArgumentException($"layer {layer} already reads the network input", nameof(layer));
        int d = network.InputSize, cin = own.InputSize + d;
        var weights = new double[own.OutputSize * cin];
        var mask = own.IsDense ? null : new bool[weights.Length];
        for (int r = 0; r < own.OutputSize; r++)
            for (int k = 0; k < own.InputSize; k++)
            {
                weights[r * cin + d + k] = own.Weights[r * own.InputSize + k];
                if (mask is not null) mask[r * cin + d + k] = own.Mask[r * own.InputSize + k];
            }
        if (mask is not null)
            for (int r = 0; r < own.OutputSize; r++)
                for (int k = 0; k < d; k++) mask[r * cin + k] = true;
        var layers = network.Layers.ToArray();
        layers[layer] = new Layer(cin, own.OutputSize, weights, own.Bias, own.Activation, [0, .. own.Sources], mask);
        return new Network(network.InputSize, layers);
    }
}

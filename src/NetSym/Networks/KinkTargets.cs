using System.Numerics.Tensors;
using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Networks;

/// <summary>
/// Which neuron's breakpoint a <see cref="KinkPoint.Aim"/> point lies beside, and on which side, chosen so that
/// a batch shows every unit's incoming parameters: a unit (a dense neuron, or a convolution channel, whose
/// neurons share its kernel) is drawn with weight k·(1 − a + 1/<see cref="PilotSize"/>), where k = max(1,
/// parameters per unit) ÷ positions is how many inputs it takes to show them (a channel is seen at every position
/// of an input, a dense neuron once) and a is the fraction of a pilot batch on which some neuron of the unit lies
/// above its activation's lowest breakpoint (so a ReLU unit that is always active draws almost no points and one
/// that is never active draws the most); the neuron is at a uniform position of the unit, the breakpoint uniform
/// among its activation's; and the point goes above the breakpoint with probability 1 − α, α the fraction of the
/// pilot on which that neuron lies above it: each aimed point lands on the side of its kink that generic inputs
/// reach less. The pilot is <see cref="PilotSize"/> Gaussian inputs at the kink sampler's scales 10^(j mod 4).
/// </summary>
public sealed class KinkTargets
{
    /// <summary>The number of pilot inputs.</summary>
    public const int PilotSize = 256;

    // Pilot inputs per forward pass: bounds the memory of the trace, whose every layer is kept.
    private const int Chunk = 32;

    private readonly double[][] _unitWeights;
    private readonly double[][] _partnerWeights;
    private readonly double[][] _above;

    private KinkTargets(Network network, double[][] unitWeights, double[][] above)
    {
        Network = network;
        _unitWeights = unitWeights;
        _above = above;
        _partnerWeights = [.. network.Layers.Select((layer, l) => layer.Activation.Pieces!.Breakpoints.Count == 0 ? []
            : Enumerable.Range(0, layer.OutputSize).Select(n => 1 - above[l][n * layer.Activation.Pieces!.Breakpoints.Count] + 1.0 / PilotSize).ToArray())];
    }

    /// <summary>The network.</summary>
    public Network Network { get; }

    /// <summary>Measures the pilot batch drawn from <paramref name="pilot"/> (row j from its child j).</summary>
    /// <exception cref="ArgumentException">An activation is not piecewise linear, or no neuron bends.</exception>
    public static KinkTargets Measure(Network network, RandomKey pilot, LinearAlgebraBackend backend)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(backend);
        var layers = network.Layers;
        if (layers.Any(layer => layer.Activation.Pieces is null))
            throw new ArgumentException("kink targets need piecewise-linear activations");
        var breaks = layers.Select(layer => layer.Activation.Pieces!.Breakpoints).ToArray();
        var aboveCounts = layers.Select((layer, l) => new int[layer.OutputSize * breaks[l].Count]).ToArray();
        var unitCounts = layers.Select(layer => new int[layer.Units]).ToArray();
        var inputs = RandomNetworks.GaussianInputs(PilotSize, network.InputSize, pilot);
        for (int j = 0; j < PilotSize; j++) TensorPrimitives.Multiply(inputs.Row(j), Math.Pow(10, j % 4), inputs.Row(j));
        for (int start = 0; start < PilotSize; start += Chunk)
        {
            var chunk = new Matrix(Chunk, network.InputSize, inputs.Data.AsSpan(start * network.InputSize, Chunk * network.InputSize).ToArray());
            var trace = Forward.Trace(network, chunk, backend);
            for (int l = 0; l < layers.Count; l++)
            {
                if (breaks[l].Count == 0) continue;
                int positions = layers[l].OutputSize / layers[l].Units;
                for (int i = 0; i < Chunk; i++)
                {
                    var z = trace.PreActivations[l].Row(i);
                    for (int u = 0; u < layers[l].Units; u++)
                    {
                        bool above = false;
                        for (int n = u * positions; n < (u + 1) * positions; n++)
                            for (int k = 0; k < breaks[l].Count; k++)
                                if (z[n] > breaks[l][k])
                                {
                                    aboveCounts[l][n * breaks[l].Count + k]++;
                                    above |= k == 0;
                                }
                        if (above) unitCounts[l][u]++;
                    }
                }
            }
        }
        var need = layers.Select((layer, l) => breaks[l].Count == 0 ? new double[layer.Units]
            : Enumerable.Repeat(Math.Max(1, (double)layer.ParameterCount / layer.Units) / (layer.OutputSize / layer.Units), layer.Units).ToArray()).ToArray();
        var active = unitCounts.Select(counts => counts.Select(c => (double)c / PilotSize).ToArray()).ToArray();
        if (need.All(k => k.All(v => v == 0))) throw new ArgumentException("no neuron of the network bends");
        var weights = Level(need, active);
        return new(network, weights, [.. aboveCounts.Select(c => c.Select(v => (double)v / PilotSize).ToArray())]);
    }

    /// <summary>
    /// π_u = max(0, λ·k_u − a_u) with the λ at which they sum to 1: the largest λ for which every unit can expect
    /// a_u + π_u ≥ λ·k_u inputs on which it is active per row (water filling; λ is found between the sorted a_u ÷ k_u).
    /// </summary>
    private static double[][] Level(double[][] need, double[][] active)
    {
        var units = need.SelectMany((k, l) => k.Select((v, u) => (K: v, A: active[l][u]))).Where(x => x.K > 0)
            .OrderBy(x => x.A / x.K).ToArray();
        double sumK = 0, sumA = 0, level = 0;
        for (int i = 0; i < units.Length; i++)
        {
            sumK += units[i].K;
            sumA += units[i].A;
            level = (1 + sumA) / sumK;
            if (i + 1 == units.Length || level <= units[i + 1].A / units[i + 1].K) break;
        }
        return [.. need.Select((k, l) => k.Select((v, u) => Math.Max(0, level * v - active[l][u])).ToArray())];
    }

    /// <summary>
    /// A target drawn from <paramref name="random"/>: the aimed neuron, and, when a layer before its bends, a partner
    /// neuron of those earlier layers, drawn with weight 1 − α + 1/<see cref="PilotSize"/> (α its pilot fraction above
    /// its lowest breakpoint): a unit's weight from an input that is rarely nonzero shows only on inputs where both
    /// are active, which aiming at each alone would leave to chance. Each with its breakpoint (uniform among its
    /// activation's) and side (above with probability 1 − α for that breakpoint).
    /// </summary>
    public IReadOnlyList<KinkSide> Draw(RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var (l, unit) = Pick(_unitWeights, _unitWeights.Length, random);
        var layer = Network.Layers[l];
        int positions = layer.OutputSize / layer.Units;
        var target = Side(new Neuron(l, unit * positions + random.NextInt32(positions)), random);
        int before = l - 1;
        while (before >= 0 && _partnerWeights[before].Length == 0) before--;
        if (before < 0) return [target];
        var (_, p) = Pick([_partnerWeights[before]], 1, random);
        return [target, Side(new Neuron(before, p), random)];
    }

    private KinkSide Side(Neuron neuron, RandomStream random)
    {
        var breaks = Network.Layers[neuron.Layer].Activation.Pieces!.Breakpoints;
        int k = random.NextInt32(breaks.Count);
        return new(neuron, breaks[k], random.NextDouble() >= _above[neuron.Layer][neuron.Index * breaks.Count + k]);
    }

    /// <summary>An index (layer, entry) among the first <paramref name="layers"/> layers, drawn with probability proportional to its weight.</summary>
    private static (int Layer, int Index) Pick(double[][] weights, int layers, RandomStream random)
    {
        double u = random.NextDouble() * weights.Take(layers).Sum(w => w.Sum());
        (int, int) last = (-1, -1);
        for (int l = 0; l < layers; l++)
            for (int i = 0; i < weights[l].Length; i++)
            {
                if (weights[l][i] <= 0) continue;
                if (u < weights[l][i]) return (l, i);
                u -= weights[l][i];
                last = (l, i);
            }
        return last; // only rounding in the subtraction gets here
    }
}

using System.Numerics.Tensors;
using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Networks;

/// <summary>
/// Which neuron's breakpoint a <see cref="KinkPoint.Aim"/> point lies beside, and on which side, chosen so that
/// a batch shows every unit's incoming parameters and every unit off its linear piece: a unit (a dense neuron, or
/// a convolution channel, whose neurons share its kernel) is drawn by water filling (<see cref="Level"/>) on two
/// needs. It needs k = max(1, parameters per unit) ÷ positions inputs on which it is active to show its incoming
/// parameters (a channel is seen at every position of an input, a dense neuron once), against a, the fraction of a
/// pilot batch on which some neuron of the unit lies above its activation's lowest breakpoint; and 8 ÷ positions
/// inputs on which it is off, against o, the pilot fraction on which some neuron of it lies at or below that
/// breakpoint: a unit that no input of the batch turns off is affine on the batch, and its bias trades against its
/// consumers' (a kernel direction that is no symmetry: one input that turns it off rules it out). So a ReLU unit
/// that is never active draws the most points, and one that is always active draws a few, aimed below its kink.
/// The neuron is at a uniform position of the unit, the breakpoint uniform among its activation's; and the point
/// goes above the breakpoint with probability 1 − α, α the fraction of the pilot on which that neuron lies above
/// it: each aimed point lands on the side of its kink that generic inputs reach less. The pilot is
/// <see cref="PilotSize"/> Gaussian inputs at the kink sampler's scales 10^(j mod 4).
/// </summary>
public sealed class KinkTargets
{
    /// <summary>The number of pilot inputs.</summary>
    public const int PilotSize = 256;

    // Inputs on which a unit should be off: one rules out its bias trading against its consumers'; several units
    // affine on the batch together lose their mixing too, which each input that turns some of them off constrains only
    // in part. Against k (about the fan-in), it costs the rarely active units few rows.
    private const double OffInputs = 8;

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
        var offCounts = layers.Select(layer => new int[layer.Units]).ToArray();
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
                        bool above = false, off = false;
                        for (int n = u * positions; n < (u + 1) * positions; n++)
                        {
                            off |= z[n] <= breaks[l][0];
                            for (int k = 0; k < breaks[l].Count; k++)
                                if (z[n] > breaks[l][k])
                                {
                                    aboveCounts[l][n * breaks[l].Count + k]++;
                                    above |= k == 0;
                                }
                        }
                        if (above) unitCounts[l][u]++;
                        if (off) offCounts[l][u]++;
                    }
                }
            }
        }
        var need = layers.Select((layer, l) => breaks[l].Count == 0 ? new double[layer.Units]
            : Enumerable.Repeat(Math.Max(1, (double)layer.ParameterCount / layer.Units) / (layer.OutputSize / layer.Units), layer.Units).ToArray()).ToArray();
        var offNeed = layers.Select((layer, l) => breaks[l].Count == 0 ? new double[layer.Units]
            : Enumerable.Repeat(OffInputs * layer.Units / layer.OutputSize, layer.Units).ToArray()).ToArray();
        double[][] Fraction(int[][] counts) => [.. counts.Select(c => c.Select(v => (double)v / PilotSize).ToArray())];
        if (need.All(k => k.All(v => v == 0))) throw new ArgumentException("no neuron of the network bends");
        var weights = Level([(need, Fraction(unitCounts)), (offNeed, Fraction(offCounts))]);
        return new(network, weights, [.. aboveCounts.Select(c => c.Select(v => (double)v / PilotSize).ToArray())]);
    }

    /// <summary>
    /// π_u = Σ_d max(0, λ·k_du − a_du) over the needs d (active, off) with the λ at which they sum to 1: the largest λ
    /// for which every unit can expect a_du + π_du ≥ λ·k_du inputs per row that show it as need d asks (water
    /// filling; λ is found between the sorted a_du ÷ k_du).
    /// </summary>
    private static double[][] Level(IReadOnlyList<(double[][] Need, double[][] Rate)> needs)
    {
        var items = needs.SelectMany(d => d.Need.SelectMany((k, l) => k.Select((v, u) => (K: v, A: d.Rate[l][u])))).Where(x => x.K > 0)
            .OrderBy(x => x.A / x.K).ToArray();
        double sumK = 0, sumA = 0, level = 0;
        for (int i = 0; i < items.Length; i++)
        {
            sumK += items[i].K;
            sumA += items[i].A;
            level = (1 + sumA) / sumK;
            if (i + 1 == items.Length || level <= items[i + 1].A / items[i + 1].K) break;
        }
        return [.. needs[0].Need.Select((k, l) => k.Select((_, u) => needs.Sum(d => Math.Max(0, level * d.Need[l][u] - d.Rate[l][u]))).ToArray())];
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

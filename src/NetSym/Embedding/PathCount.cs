using System.Numerics;
using NetSym.Networks;

namespace NetSym.Embedding;

/// <summary>
/// The number of paths of a network's DAG ending at each output neuron — the length of each
/// output's block of Φ(θ) — counted exactly without enumerating them.
/// </summary>
/// <remarks>
/// With c(v) the number of paths ending at neuron v, c(v) = 1 (v's own bias) + #(input edges into v)
/// + Σ_{u→v} c(u): one pass over the layers. For a dense MLP n_0-n_1-…-n_L every output has
/// Σ_{l=0}^{L−1} ∏_{j=l}^{L−1} n_j + 1 paths (2-3-2-2: 21; 784-30-30-30-10: 21,195,931).
/// The count is structural: an existing edge of weight 0 still carries paths, a masked edge does not.
/// In a convolutional network every channel at every position is a neuron: a convolution's edges are
/// its kernel's taps off the padding (and each position has its channel's bias), a pooling's the taps of
/// its window (a max pool's paths go through every tap, as in <see cref="PathNorms"/>), an addition's one
/// per source.
/// </remarks>
public sealed record PathCount(IReadOnlyList<BigInteger> PerOutput)
{
    /// <summary>Number of entries of Φ: the paths of all outputs together.</summary>
    public BigInteger Total => PerOutput.Aggregate(BigInteger.Zero, (a, b) => a + b);

    /// <summary>Position of output <paramref name="output"/>'s first entry in Φ (the blocks follow each other by output).</summary>
    public BigInteger StartOf(int output) => PerOutput.Take(output).Aggregate(BigInteger.Zero, (a, b) => a + b);

    /// <summary>Counts the paths of any network (the count does not depend on the activations).</summary>
    public static PathCount Of(Network network)
    {
        var inputs = Enumerable.Repeat(BigInteger.One, network.InputSize).ToArray();
        return new PathCount(LayerKernel.Forward(network, inputs, new CountArithmetic())[^1]);
    }

    /// <summary>
    /// c per neuron as a forward arithmetic over the integers: each input coordinate starts one path,
    /// a layer starts from its biases (1 each), each source block adds c(u) over the existing edges
    /// u → v (one sum for the whole block when the layer is dense), and the activation plays no part.
    /// </summary>
    private readonly struct CountArithmetic : IForwardArithmetic<BigInteger[]>
    {
        public BigInteger[] Bias(int index, Layer layer) => Enumerable.Repeat(BigInteger.One, layer.OutputSize).ToArray();

        public void Accumulate(int index, Layer layer, BigInteger[] z, BigInteger[] source, int offset, int size)
        {
            if (layer.IsDense)
            {
                var total = source.Aggregate(BigInteger.Zero, (a, b) => a + b);
                for (int j = 0; j < z.Length; j++) z[j] += total;
                return;
            }
            for (int j = 0; j < z.Length; j++)
                for (int k = 0; k < size; k++)
                    if (layer.HasEdge(j, offset + k)) z[j] += source[k];
        }

        public BigInteger[] Activate(int index, Layer layer, BigInteger[] z, bool keepPreActivation) =>
            keepPreActivation ? (BigInteger[])z.Clone() : z;

        public BigInteger[] Convolve(int index, Layer layer, BigInteger[] source)
        {
            // Every output channel of a group reads the same window copies: 1 (its bias) + c over them.
            int positions = layer.OutputShape.Positions, width = layer.WeightColumns, groupOut = layer.Units / layer.Groups;
            var columns = new BigInteger[WindowKernels.ColumnsLength(layer)];
            var c = new BigInteger[layer.OutputSize];
            for (int g = 0; g < layer.Groups; g++)
            {
                WindowKernels.Gather<BigInteger>(layer, g, source, columns);
                for (int p = 0; p < positions; p++)
                {
                    var total = Sum(columns.AsSpan(p * width, width)) + 1;
                    for (int o = g * groupOut; o < (g + 1) * groupOut; o++) c[o * positions + p] = total;
                }
            }
            return c;
        }

        public BigInteger[] Pool(int index, Layer layer, BigInteger[] source)
        {
            // Every window of every channel at once: row p holds the windows of position p, channel after channel.
            int window = layer.Window!.WindowSize, positions = layer.OutputShape.Positions, width = layer.InputShape.Channels * window;
            var columns = new BigInteger[positions * width];
            WindowKernels.Gather<BigInteger>(layer, 0, source, columns);
            var c = new BigInteger[layer.OutputSize];
            for (int ch = 0; ch < layer.Units; ch++)
                for (int p = 0; p < positions; p++) c[ch * positions + p] = Sum(columns.AsSpan(p * width + ch * window, window));
            return c;
        }

        public BigInteger[] Sum(int index, Layer layer, BigInteger[][] sources)
        {
            var c = (BigInteger[])sources[0].Clone();
            for (int s = 1; s < sources.Length; s++)
                for (int k = 0; k < c.Length; k++) c[k] += sources[s][k];
            return c;
        }

        /// <summary>The sum of a window copy (padding holds 0).</summary>
        private static BigInteger Sum(ReadOnlySpan<BigInteger> values)
        {
            var total = BigInteger.Zero;
            foreach (var v in values) total += v;
            return total;
        }
    }
}

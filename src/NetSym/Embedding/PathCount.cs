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
    }
}

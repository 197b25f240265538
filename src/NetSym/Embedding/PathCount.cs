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
        var counts = new BigInteger[network.Layers.Count][];
        // Paths ending anywhere in node s, summed: what a dense layer reading s adds to each of its neurons.
        var nodeTotals = new BigInteger[network.Layers.Count + 1];
        nodeTotals[0] = network.InputSize;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            counts[l] = new BigInteger[layer.OutputSize];
            BigInteger denseSum = BigInteger.One;
            if (layer.IsDense)
                foreach (int s in layer.Sources) denseSum += nodeTotals[s];
            for (int j = 0; j < layer.OutputSize; j++)
                counts[l][j] = layer.IsDense ? denseSum : 1 + MaskedInflow(network, l, j, counts);
            nodeTotals[l + 1] = counts[l].Aggregate(BigInteger.Zero, (a, b) => a + b);
        }
        return new PathCount(counts[^1]);
    }

    private static BigInteger MaskedInflow(Network network, int l, int row, BigInteger[][] counts)
    {
        var layer = network.Layers[l];
        BigInteger sum = BigInteger.Zero;
        int offset = 0;
        foreach (int s in layer.Sources)
        {
            int size = network.NodeSize(s);
            for (int k = 0; k < size; k++)
                if (layer.HasEdge(row, offset + k)) sum += s == 0 ? BigInteger.One : counts[s - 1][k];
            offset += size;
        }
        return sum;
    }
}

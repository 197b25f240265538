using NetSym.Networks;
using NetSym.Symmetries;

namespace NetSym.Canonical;

/// <summary>
/// The layer-by-layer walk shared by normalisation and canonicalisation: each layer's incoming
/// weights are first brought into the frame already chosen for the layers it reads, then (for a
/// hidden layer) every neuron is normalised and the layer is put in the order a rule chooses.
/// </summary>
/// <remarks>
/// The result equals <see cref="GroupElement.Apply"/> of the returned element, operation for
/// operation, but each layer is copied once instead of the whole network once per layer: a
/// consumer's columns from hidden layer s are read through s's symmetries (u ↦ u/c, bias −= u·d/c)
/// and permutation when the consumer is reached.
/// </remarks>
internal static class LayerSweep
{
    /// <summary>
    /// Chooses the order of one hidden layer from its normalised incoming weights (row-major, one row
    /// per neuron in the current order) and biases; returns new index → current index, exchanging
    /// only neurons of the same interchangeable class.
    /// </summary>
    public delegate int[] Ordering(HiddenLayerSymmetry layer, double[] weights, double[] bias);

    /// <summary>
    /// Normalises every hidden neuron and orders every hidden layer by <paramref name="order"/>
    /// (identity when null), telling <paramref name="progress"/> of each layer.
    /// </summary>
    public static CanonicalForm Run(Network network, Ordering? order, IProgress<ProgressReport>? progress = null)
    {
        var group = SymmetryGroup.Of(network);
        int hidden = network.Layers.Count - 1;
        var affine = new AffineSymmetry[hidden][];
        var perms = new int[hidden][];
        var layers = new Layer[network.Layers.Count];
        var stages = new ProgressStages(progress, network.Layers.Count);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            stages.Begin(l < hidden ? $"layer {l + 1} of {network.Layers.Count}: {layer.OutputSize} neurons" : $"output layer {l + 1} of {network.Layers.Count}");
            int fanIn = layer.InputSize, width = layer.OutputSize;
            var w = layer.Weights.ToArray();
            var b = layer.Bias.ToArray();
            bool[]? mask = layer.IsDense ? null : layer.Mask.ToArray();

            foreach (var block in network.Graph.SourceBlocks(l))
                if (block.Node > 0) ReadThroughFrame(w, b, mask, fanIn, block.Offset, affine[block.Node - 1], perms[block.Node - 1]);

            if (l < hidden)
            {
                var symmetries = affine[l] = new AffineSymmetry[width];
                for (int j = 0; j < width; j++)
                {
                    var row = w.AsSpan(j * fanIn, fanIn);
                    var sym = NeuronNormalizer.Normalizer(layer.Activation, row, b[j]);
                    symmetries[j] = sym;
                    if (sym.IsIdentity) continue;
                    for (int k = 0; k < fanIn; k++) row[k] *= sym.A;
                    b[j] = sym.A * b[j] + sym.B;
                }
                var perm = perms[l] = order?.Invoke(group.Layers[l], w, b) ?? [.. Enumerable.Range(0, width)];
                if (!IsIdentity(perm))
                {
                    w = PermuteRows(w, perm, fanIn);
                    b = PermuteRows(b, perm, 1);
                    if (mask is not null) mask = PermuteRows(mask, perm, fanIn);
                }
            }
            layers[l] = new Layer(fanIn, width, w, b, layer.Activation, layer.Sources, mask);
        }
        stages.Complete();
        return new CanonicalForm(new Network(network.InputSize, layers), new GroupElement(affine, perms));
    }

    /// <summary>
    /// Rewrites the columns [offset, offset + n) of a consumer, which read a hidden layer whose neuron i
    /// was transformed by symmetries[i] = (a, b, c, d) (its output became c·y + d) and then moved by
    /// perm: the consumer must read u/c and absorb −u·d/c into its bias to compute the same function.
    /// </summary>
    private static void ReadThroughFrame(double[] w, double[] bias, bool[]? mask, int fanIn, int offset,
        AffineSymmetry[] symmetries, int[] perm)
    {
        int n = perm.Length, rows = bias.Length;
        bool shifts = symmetries.Any(s => s.D != 0);
        bool moves = !IsIdentity(perm);
        var segment = new double[n];
        for (int r = 0; r < rows; r++)
        {
            var cols = w.AsSpan(r * fanIn + offset, n);
            if (shifts)
                for (int i = 0; i < n; i++)
                    if (symmetries[i].D != 0) bias[r] -= cols[i] * symmetries[i].D / symmetries[i].C;
            for (int i = 0; i < n; i++) segment[i] = cols[i] / symmetries[i].C;
            if (moves) for (int k = 0; k < n; k++) cols[k] = segment[perm[k]];
            else segment.CopyTo(cols);
        }
        if (mask is not null && moves)
        {
            var bits = new bool[n];
            for (int r = 0; r < rows; r++)
            {
                var cols = mask.AsSpan(r * fanIn + offset, n);
                cols.CopyTo(bits);
                for (int k = 0; k < n; k++) cols[k] = bits[perm[k]];
            }
        }
    }

    private static T[] PermuteRows<T>(T[] matrix, int[] perm, int columns)
    {
        var result = new T[matrix.Length];
        for (int k = 0; k < perm.Length; k++) Array.Copy(matrix, perm[k] * columns, result, k * columns, columns);
        return result;
    }

    private static bool IsIdentity(int[] perm)
    {
        for (int k = 0; k < perm.Length; k++) if (perm[k] != k) return false;
        return true;
    }
}

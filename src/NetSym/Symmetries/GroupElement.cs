using NetSym.Networks;

namespace NetSym.Symmetries;

/// <summary>
/// One element of a network's symmetry group: for every hidden layer, an affine symmetry
/// (a, b, c, d) of each neuron's activation, followed by a permutation of the layer's neurons.
/// </summary>
/// <remarks>
/// On neuron j of hidden layer l with ρ(a·z + b) = c·ρ(z) + d the element sets the incoming
/// weights and bias to a·w, a·β + b, so the neuron now outputs y' = c·y + d; every consumer's
/// outgoing weight u becomes u/c and the consumer's bias absorbs −u·d/c. Then neuron
/// <c>Permutations[l][k]</c> moves to position k. The function is unchanged by construction.
/// </remarks>
public sealed class GroupElement
{
    /// <summary>An element from per-layer affine symmetries (indexed by the original neuron) and permutations (new index → original index).</summary>
    public GroupElement(IReadOnlyList<AffineSymmetry[]> affine, IReadOnlyList<int[]> permutations)
    {
        if (affine.Count != permutations.Count) throw new ArgumentException("one affine list and one permutation per hidden layer");
        for (int l = 0; l < affine.Count; l++)
        {
            if (affine[l].Length != permutations[l].Length) throw new ArgumentException($"hidden layer {l}: {affine[l].Length} symmetries but a permutation of {permutations[l].Length}");
            if (!IsPermutation(permutations[l])) throw new ArgumentException($"hidden layer {l}: [{string.Join(", ", permutations[l])}] is not a permutation");
        }
        Affine = affine;
        Permutations = permutations;
    }

    /// <summary>Per hidden layer, the affine symmetry applied to each original neuron.</summary>
    public IReadOnlyList<AffineSymmetry[]> Affine { get; }

    /// <summary>Per hidden layer, Permutations[l][k] = the original neuron placed at position k.</summary>
    public IReadOnlyList<int[]> Permutations { get; }

    /// <summary>The identity of a network with the given hidden widths.</summary>
    public static GroupElement Identity(IReadOnlyList<int> hiddenWidths) => new(
        [.. hiddenWidths.Select(n => Enumerable.Repeat(AffineSymmetry.Identity, n).ToArray())],
        [.. hiddenWidths.Select(n => Enumerable.Range(0, n).ToArray())]);

    /// <summary>Whether every symmetry is the identity and every permutation the identity permutation.</summary>
    public bool IsIdentity =>
        Affine.All(a => a.All(s => s.IsIdentity)) && Permutations.All(p => p.Select((v, i) => v == i).All(x => x));

    /// <summary>this ∘ other: apply <paramref name="other"/> first, then this.</summary>
    public GroupElement Compose(GroupElement other)
    {
        var affine = new AffineSymmetry[Affine.Count][];
        var perms = new int[Affine.Count][];
        for (int l = 0; l < Affine.Count; l++)
        {
            var pg = Permutations[l]; var ph = other.Permutations[l];
            int n = pg.Length;
            var positionAfterH = Inverse(ph);
            affine[l] = new AffineSymmetry[n];
            for (int i = 0; i < n; i++) affine[l][i] = Affine[l][positionAfterH[i]].Compose(other.Affine[l][i]);
            perms[l] = new int[n];
            for (int k = 0; k < n; k++) perms[l][k] = ph[pg[k]];
        }
        return new GroupElement(affine, perms);
    }

    /// <summary>The inverse element: g⁻¹ ∘ g = identity.</summary>
    public GroupElement Invert()
    {
        var affine = new AffineSymmetry[Affine.Count][];
        var perms = new int[Affine.Count][];
        for (int l = 0; l < Affine.Count; l++)
        {
            var p = Permutations[l];
            perms[l] = Inverse(p);
            // Position k of g·θ holds original neuron p[k], transformed by its symmetry: undo that one.
            affine[l] = new AffineSymmetry[p.Length];
            for (int k = 0; k < p.Length; k++) affine[l][k] = Affine[l][p[k]].Inverse();
        }
        return new GroupElement(affine, perms);
    }

    /// <summary>Applies the element to a network whose hidden layers have the matching widths.</summary>
    /// <exception cref="ArgumentException">Widths differ, or a permutation exchanges neurons whose connectivity differs.</exception>
    public Network Apply(Network network)
    {
        int hidden = network.Layers.Count - 1;
        if (hidden != Affine.Count) throw new ArgumentException($"the element acts on {Affine.Count} hidden layers, the network has {hidden}");
        var weights = network.Layers.Select(l => l.Weights.ToArray()).ToArray();
        var biases = network.Layers.Select(l => l.Bias.ToArray()).ToArray();
        var masks = network.Layers.Select(l => l.IsDense ? null : l.Mask.ToArray()).ToArray();

        for (int l = 0; l < hidden; l++)
        {
            var layer = network.Layers[l];
            if (Affine[l].Length != layer.OutputSize) throw new ArgumentException($"hidden layer {l} has {layer.OutputSize} neurons, the element acts on {Affine[l].Length}");
            int fanIn = layer.InputSize;
            for (int j = 0; j < layer.OutputSize; j++)
            {
                var s = Affine[l][j];
                if (s.IsIdentity) continue;
                for (int k = 0; k < fanIn; k++) weights[l][j * fanIn + k] *= s.A;
                biases[l][j] = s.A * biases[l][j] + s.B;
                foreach (var (consumer, offset) in network.Graph.Readers(l + 1))
                {
                    int cin = network.Layers[consumer].InputSize;
                    for (int r = 0; r < network.Layers[consumer].OutputSize; r++)
                    {
                        ref double u = ref weights[consumer][r * cin + offset + j];
                        biases[consumer][r] -= u * s.D / s.C;
                        u /= s.C;
                    }
                }
            }
            Permute(network, l, Permutations[l], weights, biases, masks);
        }

        var layers = network.Layers.Select((layer, i) =>
            new Layer(layer.InputSize, layer.OutputSize, weights[i], biases[i], layer.Activation, layer.Sources, masks[i]));
        return new Network(network.InputSize, layers);
    }

    private static void Permute(Network network, int l, int[] perm, double[][] weights, double[][] biases, bool[]?[] masks)
    {
        var layer = network.Layers[l];
        int fanIn = layer.InputSize, n = layer.OutputSize;
        weights[l] = PermuteRows(weights[l], perm, fanIn);
        biases[l] = [.. perm.Select(p => biases[l][p])];
        bool[]? oldMask = masks[l];
        if (oldMask is not null)
        {
            masks[l] = PermuteRows(oldMask, perm, fanIn);
            if (!masks[l]!.AsSpan().SequenceEqual(oldMask))
                throw new ArgumentException($"hidden layer {l}: the permutation exchanges neurons with different incoming connectivity");
        }
        foreach (var (consumer, offset) in network.Graph.Readers(l + 1))
        {
            int cin = network.Layers[consumer].InputSize;
            weights[consumer] = PermuteColumns(weights[consumer], perm, cin, offset);
            if (masks[consumer] is { } cm)
            {
                var permuted = PermuteColumns(cm, perm, cin, offset);
                if (!permuted.AsSpan().SequenceEqual(cm))
                    throw new ArgumentException($"hidden layer {l}: the permutation exchanges neurons with different outgoing connectivity");
            }
        }
    }

    private static T[] PermuteRows<T>(T[] matrix, int[] perm, int columns)
    {
        var result = new T[matrix.Length];
        for (int k = 0; k < perm.Length; k++) Array.Copy(matrix, perm[k] * columns, result, k * columns, columns);
        return result;
    }

    private static T[] PermuteColumns<T>(T[] matrix, int[] perm, int columns, int offset)
    {
        var result = (T[])matrix.Clone();
        int rows = matrix.Length / columns;
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < perm.Length; k++) result[r * columns + offset + k] = matrix[r * columns + offset + perm[k]];
        return result;
    }

    internal static int[] Inverse(int[] perm)
    {
        var inv = new int[perm.Length];
        for (int k = 0; k < perm.Length; k++) inv[perm[k]] = k;
        return inv;
    }

    internal static bool IsPermutation(int[] p)
    {
        var seen = new bool[p.Length];
        foreach (int v in p)
        {
            if (v < 0 || v >= p.Length || seen[v]) return false;
            seen[v] = true;
        }
        return true;
    }
}

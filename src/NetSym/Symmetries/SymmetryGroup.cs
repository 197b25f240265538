using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Symmetries;

/// <summary>
/// The symmetries of one hidden layer: the activation's affine group acting on every neuron, and the
/// classes of neurons that a permutation may exchange (all of them in a dense layer; with masks only
/// neurons with identical incoming and outgoing connectivity).
/// </summary>
public sealed record HiddenLayerSymmetry(int Layer, int Width, Activation Activation, IReadOnlyList<int[]> InterchangeableClasses);

/// <summary>
/// The symmetry group of a network architecture, derived from its activations' affine symmetries
/// (Vlačić &amp; Bölcskei 2021): per hidden layer the permutations of interchangeable neurons, and per
/// hidden neuron its activation's affine group. For tanh-type activations these are all the
/// symmetries of a generic network; a particular network may have more (see degeneracy reports).
/// </summary>
public sealed class SymmetryGroup
{
    private SymmetryGroup(IReadOnlyList<HiddenLayerSymmetry> layers) => Layers = layers;

    /// <summary>The per-hidden-layer structure.</summary>
    public IReadOnlyList<HiddenLayerSymmetry> Layers { get; }

    /// <summary>The group of a network's architecture (widths, activations, skip connections, masks).</summary>
    /// <exception cref="NotSupportedException">Convolution, pooling or addition layers: their group is <see cref="PermutationSpec"/>'s.</exception>
    public static SymmetryGroup Of(Network network)
    {
        network.RequireDenseLayers("the neuron-wise symmetry group (PermutationSpec derives a CNN's)");
        var layers = new List<HiddenLayerSymmetry>();
        for (int l = 0; l < network.Layers.Count - 1; l++)
        {
            var layer = network.Layers[l];
            layers.Add(new HiddenLayerSymmetry(l, layer.OutputSize, layer.Activation, InterchangeableClasses(network, l)));
        }
        return new SymmetryGroup(layers);
    }

    /// <summary>The order of the discrete part: ∏ |class|! · ∏ per-neuron discrete orders, exactly, times a copy of ℤ per neuron whose activation has a period or a discrete scaling.</summary>
    public GroupOrder DiscreteOrder
    {
        get
        {
            var factorials = new List<int>();
            var powers = new Dictionary<int, int>();
            int cyclic = 0;
            foreach (var l in Layers)
            {
                factorials.AddRange(l.InterchangeableClasses.Select(c => c.Length));
                int d = l.Activation.Symmetries.DiscreteOrder;
                if (d > 1) powers[d] = powers.GetValueOrDefault(d) + l.Width;
                if (l.Activation.Symmetries.HasInfiniteDiscretePart) cyclic += l.Width;
            }
            return new GroupOrder(factorials, powers) { InfiniteCyclic = cyclic };
        }
    }

    /// <summary>Dimension of the continuous part: Σ over hidden neurons of their activation's family dimension.</summary>
    public int ContinuousDimension => Layers.Sum(l => l.Width * l.Activation.Symmetries.ContinuousDimension);

    /// <summary>Hidden widths, the shape every element of this group has.</summary>
    public IReadOnlyList<int> HiddenWidths => [.. Layers.Select(l => l.Width)];

    /// <summary>
    /// A random element: a uniform permutation within each interchangeable class and a random element of
    /// each neuron's activation group. Layer by layer, neuron by neuron: <see cref="AffineSymmetryGroup.RandomElement"/>;
    /// then each interchangeable class shuffled by <see cref="RandomStream.Shuffle{T}"/>.
    /// </summary>
    public GroupElement RandomElement(RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var affine = new List<AffineSymmetry[]>();
        var perms = new List<int[]>();
        foreach (var l in Layers)
        {
            var group = l.Activation.Symmetries;
            var symmetries = new AffineSymmetry[l.Width];
            for (int j = 0; j < l.Width; j++) symmetries[j] = group.RandomElement(random);
            var perm = Enumerable.Range(0, l.Width).ToArray();
            foreach (var cls in l.InterchangeableClasses)
            {
                var shuffled = cls.ToArray();
                random.Shuffle(shuffled.AsSpan());
                for (int i = 0; i < cls.Length; i++) perm[cls[i]] = shuffled[i];
            }
            affine.Add(symmetries);
            perms.Add(perm);
        }
        return new GroupElement(affine, perms);
    }

    /// <summary>
    /// Neurons of hidden layer l that a permutation may exchange: same incoming mask row and, in every
    /// consumer, the same outgoing mask column. A dense layer is one class.
    /// </summary>
    private static IReadOnlyList<int[]> InterchangeableClasses(Network network, int l)
    {
        var layer = network.Layers[l];
        var consumers = network.Graph.Readers(l + 1).ToList();
        string Signature(int j)
        {
            var sb = new System.Text.StringBuilder();
            if (!layer.IsDense)
                for (int k = 0; k < layer.InputSize; k++) sb.Append(layer.HasEdge(j, k) ? '1' : '0');
            foreach (var (c, offset) in consumers)
            {
                var cl = network.Layers[c];
                if (cl.IsDense) continue;
                sb.Append('|');
                for (int r = 0; r < cl.OutputSize; r++) sb.Append(cl.HasEdge(r, offset + j) ? '1' : '0');
            }
            return sb.ToString();
        }
        return [.. Enumerable.Range(0, layer.OutputSize).GroupBy(Signature).Select(g => g.ToArray())];
    }
}

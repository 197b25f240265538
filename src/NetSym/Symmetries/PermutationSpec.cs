using NetSym.Networks;
using NetSym.Randomness;
using NodeKind = NetSym.Networks.LayerKind;

namespace NetSym.Symmetries;

/// <summary>
/// The channel symmetries of a convolutional or residual network (or any network of unmasked layers), derived
/// from its graph: which producers' output channels share one permutation π and one per-channel factor λ
/// (<see cref="ChannelClass"/>), which permutations each class allows, and which factors.
/// </summary>
/// <remarks>
/// <para>
/// Rules. Pooling passes its source's channels on unchanged and an addition ties all its sources into one class:
/// both must see the same π and λ (a union-find over nodes). Max-pooling commutes with permutations and positive
/// factors but not with sign flips (max(−t) = −min(t)); average and global average pooling and a convolution's
/// zero padding are linear per channel and commute with every factor. A producer with activation ρ admits λ when
/// ρ(λ·z) = λ·ρ(z), asked of ρ's affine symmetry group (<see cref="AffineSymmetryGroup.Member"/>): positive λ for
/// ReLU and leaky ReLU, λ = −1 for odd ρ such as tanh, every λ ≠ 0 for the identity; an addition's own activation
/// must admit λ too. Symmetries with offsets (the logistic sigmoid's (−1, 0, −1, 1), the identity's shifts) are
/// not used: a convolution's zero padding and average pooling over padding do not commute with an offset.
/// </para>
/// <para>
/// A grouped convolution reads input block g (of C_in/G channels) into output block g: π never moves a channel out
/// of its block on either side, so both classes' permutations are restricted to within blocks. Swapping whole blocks
/// on both sides at once is a symmetry too, counted only where it is all the freedom there is: a depthwise
/// convolution (C_in = C_out = G) ties its output's π to its input's (its factors stay its own). The network's input
/// and output channels are never permuted or scaled.
/// </para>
/// <para>
/// The group is the direct product over classes of ∏ S_block (own permutations only) and the factors, so its
/// discrete order is ∏ block! · 2^(channels with sign flips) and its continuous dimension the number of channels with
/// positive scaling. For a plain dense network this is the group <see cref="SymmetryGroup"/> gives whenever the hidden
/// activations' symmetries are scalings alone (ReLU, tanh, leaky ReLU).
/// </para>
/// </remarks>
public sealed partial class PermutationSpec
{
    // A factor admitted by an activation is checked at values that no discrete step and no finite group reaches.
    private static readonly double[] ScalingProbes = [1.7, 0.3];
    private const double Tolerance = 1e-9;

    private readonly int[] _nodeClass; // per node: its class, or −1 for fixed channels no producer carries (the input's)
    private readonly Network _network;

    private PermutationSpec(Network network, IReadOnlyList<ChannelClass> classes, int[] nodeClass)
    {
        _network = network;
        Classes = classes;
        _nodeClass = nodeClass;
    }

    /// <summary>The classes, ordered by their first producer layer.</summary>
    public IReadOnlyList<ChannelClass> Classes { get; }

    /// <summary>The class whose channels node <paramref name="node"/> carries (0 the input, k the output of layer k − 1), or −1 for the network input's fixed channels.</summary>
    public int ClassOf(int node) => _nodeClass[node];

    /// <summary>The exact order of the discrete part: ∏ over classes with their own permutation of ∏ block!, times 2 per channel with sign flips.</summary>
    public GroupOrder Order
    {
        get
        {
            int signs = Classes.Where(c => c.Factors.HasFlag(ChannelFactors.SignFlip)).Sum(c => c.Channels);
            var powers = new Dictionary<int, int>();
            if (signs > 0) powers[2] = signs;
            return new GroupOrder([.. Classes.SelectMany(c => c.PermutableBlockSizes)], powers);
        }
    }

    /// <summary>The dimension of the continuous part: one positive scaling per channel of each class that admits them.</summary>
    public int ContinuousDimension => Classes.Where(c => c.Factors.HasFlag(ChannelFactors.PositiveScaling)).Sum(c => c.Channels);

    /// <summary>Derives the spec of a network from its graph (see the remarks on <see cref="PermutationSpec"/>).</summary>
    /// <exception cref="NotSupportedException">A masked dense layer (its symmetries are <see cref="SymmetryGroup"/>'s).</exception>
    public static PermutationSpec Derive(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layers = network.Layers;
        int nodes = layers.Count + 1, output = layers.Count;
        for (int l = 0; l < layers.Count; l++)
            if (!layers[l].IsDense) throw new NotSupportedException($"permutation specs do not handle masked layers (layer {l}); the symmetry group of a masked network is derived neuron by neuron");

        // Streams: nodes that carry the same channels (pooling passes them on, additions tie their sources).
        var streams = new DisjointSets(nodes);
        for (int l = 0; l < layers.Count; l++)
            if (layers[l].Kind is NodeKind.MaxPool or NodeKind.AveragePool or NodeKind.Add)
                foreach (int s in layers[l].Sources) streams.Union(l + 1, s);
        var slotOfRoot = new Dictionary<int, int>();
        var slot = new int[nodes];
        for (int n = 0; n < nodes; n++)
        {
            int root = streams.Find(n);
            if (!slotOfRoot.TryGetValue(root, out int s)) slotOfRoot[root] = s = slotOfRoot.Count;
            slot[n] = s;
        }
        int slots = slotOfRoot.Count;
        var channels = new int[slots];
        for (int n = 0; n < nodes; n++) channels[slot[n]] = network.ShapeOf(n).Channels;
        var isFixed = new bool[slots];
        isFixed[slot[0]] = isFixed[slot[output]] = true;

        var factors = Enumerable.Repeat(ChannelFactors.NonzeroScaling, slots).ToArray();
        for (int l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            if (layer.Kind == NodeKind.MaxPool) factors[slot[layer.Sources[0]]] &= ~ChannelFactors.SignFlip;
            else if (layer.Kind != NodeKind.AveragePool) factors[slot[l + 1]] &= Admitted(layer.Activation);
        }
        for (int s = 0; s < slots; s++) if (isFixed[s]) factors[s] = ChannelFactors.None;

        // Permutations: depthwise convolutions tie their two sides; other grouped ones cut both sides into blocks.
        var ties = new DisjointSets(slots);
        for (int l = 0; l < layers.Count; l++)
            if (IsDepthwise(layers[l])) ties.Union(slot[layers[l].Sources[0]], slot[l + 1]);
        var labels = new Dictionary<int, int[]>();
        int[] LabelsOf(int s) => labels.TryGetValue(ties.Find(s), out var x) ? x : labels[ties.Find(s)] = new int[channels[s]];
        for (int l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            if (layer.Kind != NodeKind.Convolution || layer.Groups == 1 || IsDepthwise(layer)) continue;
            Refine(LabelsOf(slot[layer.Sources[0]]), layer.InputShape.Channels / layer.Groups);
            Refine(LabelsOf(slot[l + 1]), layer.Units / layer.Groups);
        }
        for (int s = 0; s < slots; s++)
            if (isFixed[s]) Refine(LabelsOf(s), 1);

        // Classes: the slots some convolution or dense layer produces, by first producer.
        var producers = new Dictionary<int, List<int>>();
        var additions = new Dictionary<int, List<int>>();
        for (int l = 0; l < layers.Count; l++)
        {
            var bucket = layers[l].Kind switch
            {
                NodeKind.Convolution or NodeKind.Dense => producers,
                NodeKind.Add => additions,
                _ => null,
            };
            if (bucket is null) continue;
            if (!bucket.TryGetValue(slot[l + 1], out var list)) bucket[slot[l + 1]] = list = [];
            list.Add(l);
        }
        var ordered = producers.Keys.OrderBy(s => producers[s][0]).ToList();
        var classOfSlot = Enumerable.Repeat(-1, slots).ToArray();
        for (int i = 0; i < ordered.Count; i++) classOfSlot[ordered[i]] = i;
        var owner = new Dictionary<int, int>();
        var classes = new List<ChannelClass>();
        for (int i = 0; i < ordered.Count; i++)
        {
            int s = ordered[i], tie = ties.Find(s);
            if (!owner.TryGetValue(tie, out int o)) owner[tie] = o = i;
            var blocks = LabelsOf(s).Select((label, c) => (label, c)).GroupBy(x => x.label).Select(g => g.Select(x => x.c).ToArray()).ToList();
            classes.Add(new ChannelClass(i, producers[s], additions.GetValueOrDefault(s) ?? [], channels[s], factors[s], o, blocks, isFixed[s]));
        }
        return new PermutationSpec(network, classes, [.. slot.Select(s => classOfSlot[s])]);
    }

    /// <summary>
    /// A random element: per class with its own permutation a uniform permutation within each block
    /// (<see cref="RandomStream.Shuffle{T}"/>; a tied class copies its owner's), then per channel a positive
    /// factor from <see cref="AffineSymmetryGroup.PositiveScalings"/> where the class admits one, times −1 with
    /// probability ½ (<see cref="RandomStream.NextInt32"/>(2)) where it admits sign flips; class by class, in order.
    /// </summary>
    public ChannelTransform RandomElement(RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var perms = new int[Classes.Count][];
        var factors = new double[Classes.Count][];
        foreach (var c in Classes)
        {
            if (c.OwnsPermutation)
            {
                var perm = perms[c.Index] = [.. Enumerable.Range(0, c.Channels)];
                foreach (var block in c.Blocks)
                {
                    var shuffled = block.ToArray();
                    random.Shuffle(shuffled.AsSpan());
                    for (int i = 0; i < block.Length; i++) perm[block[i]] = shuffled[i];
                }
            }
            else
            {
                perms[c.Index] = (int[])perms[c.PermutationOwner].Clone();
            }
            var f = factors[c.Index] = new double[c.Channels];
            for (int j = 0; j < c.Channels; j++)
            {
                f[j] = c.Factors.HasFlag(ChannelFactors.PositiveScaling) ? AffineSymmetryGroup.PositiveScalings.RandomElement(random).C : 1;
                if (c.Factors.HasFlag(ChannelFactors.SignFlip) && random.NextInt32(2) == 1) f[j] = -f[j];
            }
        }
        return new ChannelTransform(perms, factors);
    }

    /// <summary>
    /// Whether <paramref name="transform"/> is an element of this spec's group: every permutation within its class's
    /// blocks and equal to its owner's, every factor one the class admits (exactly: 1 where none is, ±1 for sign flips).
    /// </summary>
    public bool Contains(ChannelTransform transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        if (transform.Permutations.Count != Classes.Count) return false;
        foreach (var c in Classes)
        {
            var perm = transform.Permutations[c.Index];
            if (perm.Length != c.Channels) return false;
            if (!perm.AsSpan().SequenceEqual(transform.Permutations[c.PermutationOwner])) return false;
            var block = new int[c.Channels];
            for (int b = 0; b < c.Blocks.Count; b++) foreach (int j in c.Blocks[b]) block[j] = b;
            for (int k = 0; k < perm.Length; k++) if (block[perm[k]] != block[k]) return false;
            foreach (double f in transform.Factors[c.Index])
            {
                bool allowed = (f > 0 && (f == 1 || c.Factors.HasFlag(ChannelFactors.PositiveScaling)))
                    || (f < 0 && c.Factors.HasFlag(ChannelFactors.SignFlip) && (f == -1 || c.Factors.HasFlag(ChannelFactors.PositiveScaling)));
                if (!allowed) return false;
            }
        }
        return true;
    }

    /// <summary>The factors ρ admits: λ with ρ(λ·z) = λ·ρ(z) for every z, read from its affine symmetry group.</summary>
    private static ChannelFactors Admitted(Activation activation)
    {
        var group = activation.Symmetries;
        var admitted = ChannelFactors.None;
        if (ScalingProbes.All(lambda => Scales(group, lambda))) admitted |= ChannelFactors.PositiveScaling;
        if (Scales(group, -1)) admitted |= ChannelFactors.SignFlip;
        return admitted;
    }

    private static bool Scales(AffineSymmetryGroup group, double lambda) =>
        group.Member(lambda, 0, Tolerance) is { } s
        && Math.Abs(s.A - lambda) <= Tolerance && Math.Abs(s.B) <= Tolerance
        && Math.Abs(s.C - lambda) <= Tolerance && Math.Abs(s.D) <= Tolerance;

    private static bool IsDepthwise(Layer layer) =>
        layer.Kind == NodeKind.Convolution && layer.Groups > 1 && layer.Groups == layer.Units && layer.Groups == layer.InputShape.Channels;

    /// <summary>Cuts every block of <paramref name="labels"/> by consecutive runs of <paramref name="size"/> channels (the common refinement).</summary>
    private static void Refine(int[] labels, int size)
    {
        var renumber = new Dictionary<(int, int), int>();
        for (int c = 0; c < labels.Length; c++)
        {
            var key = (labels[c], c / size);
            if (!renumber.TryGetValue(key, out int label)) renumber[key] = label = renumber.Count;
            labels[c] = label;
        }
    }
}

using System.Collections.ObjectModel;

namespace NetSym.Networks;

/// <summary>
/// How a network's layers are wired: the one description of which node each column block of a
/// layer's weight matrix reads, and of which layers read each node. Node 0 is the network input,
/// node k ≥ 1 the output of layer k − 1; a layer reads the concatenation of its
/// <see cref="Layer.Sources"/>, so its W (out × in) splits into one column block per source, at the
/// offset where that source starts.
/// </summary>
/// <remarks>
/// Built and validated once per network (<see cref="Network.Graph"/>). Everything that needs a
/// column's source or a source's columns — the layer kernel, the symmetry group, reduction, paths —
/// reads it here, so a new way of wiring layers is described once.
/// </remarks>
public sealed class LayerGraph
{
    private readonly SourceBlock[][] _blocks; // per layer, in concatenation order
    private readonly ReadOnlyCollection<NodeReader>[] _readers; // per node, by increasing layer

    /// <exception cref="InvalidNetworkException">A source that does not exist, sources out of order, or sizes that do not add up to a layer's input size.</exception>
    internal LayerGraph(NodeShape inputShape, IReadOnlyList<Layer> layers)
    {
        _blocks = new SourceBlock[layers.Count][];
        var readers = new List<NodeReader>[layers.Count + 1];
        for (int node = 0; node <= layers.Count; node++) readers[node] = [];
        for (int l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            var blocks = _blocks[l] = new SourceBlock[layer.Sources.Count];
            int offset = 0, previous = -1;
            for (int i = 0; i < blocks.Length; i++)
            {
                int s = layer.Sources[i];
                if (s < 0 || s > l)
                    throw new InvalidNetworkException($"layer {l} reads node {s}, but only nodes 0..{l} (input and earlier layers) exist");
                if (s <= previous)
                    throw new InvalidNetworkException($"layer {l} sources must be strictly increasing, got [{string.Join(", ", layer.Sources)}]");
                previous = s;
                var shape = s == 0 ? inputShape : layers[s - 1].OutputShape;
                if (layer.Kind != LayerKind.Dense && !shape.Equals(layer.InputShape))
                    throw new InvalidNetworkException($"layer {l} ({layer.Kind}) expects a node of shape {layer.InputShape} but node {s} has shape {shape}");
                blocks[i] = new SourceBlock(s, offset, shape.Size);
                readers[s].Add(new NodeReader(l, offset));
                // An addition sums its sources, so each starts at column 0; the other kinds concatenate.
                if (layer.Kind != LayerKind.Add) offset += shape.Size;
            }
            if (layer.Kind == LayerKind.Add) offset = layer.InputSize;
            if (offset != layer.InputSize)
                throw new InvalidNetworkException($"layer {l} expects {layer.InputSize} inputs but its sources provide {offset}");
        }
        _readers = [.. readers.Select(r => r.AsReadOnly())];
    }

    /// <summary>Layer <paramref name="layer"/>'s column blocks, one per source node, in concatenation order.</summary>
    public ReadOnlySpan<SourceBlock> SourceBlocks(int layer) => _blocks[layer];

    /// <summary>
    /// Whether layer <paramref name="layer"/> reads only the node before it — the previous layer's output,
    /// or the input for layer 0 — as every layer of a plain MLP does.
    /// </summary>
    public bool ReadsPreviousOnly(int layer) => _blocks[layer] is [{ Node: var node }] && node == layer;

    /// <summary>
    /// The layers that read node <paramref name="node"/> (0 the input, k the output of layer k − 1), by
    /// increasing layer, each with the column where the node starts in its input.
    /// </summary>
    public IReadOnlyList<NodeReader> Readers(int node) => _readers[node];

    /// <summary>
    /// The hidden nodes (not the input) that layer <paramref name="layer"/> is the last to read: after it, a
    /// pass that wants only the output can drop them.
    /// </summary>
    public IEnumerable<int> LastReadBy(int layer) =>
        _blocks[layer].ToArray().Select(b => b.Node).Where(node => node > 0 && _readers[node][^1].Layer == layer);

    /// <summary>
    /// The hidden neuron that column <paramref name="column"/> of layer <paramref name="layer"/>'s
    /// concatenated input reads, or null when the column reads the network input.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The column does not exist.</exception>
    public Neuron? Source(int layer, int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        foreach (var block in _blocks[layer])
            if (column < block.Offset + block.Size)
                return block.Node == 0 ? null : new Neuron(block.Node - 1, column - block.Offset);
        var last = _blocks[layer][^1];
        throw new ArgumentOutOfRangeException(nameof(column), column, $"layer {layer} has {last.Offset + last.Size} input columns");
    }

    /// <summary>
    /// The column of layer <paramref name="layer"/>'s concatenated input that reads <paramref name="source"/>,
    /// or −1 when the layer does not read the source's layer. The inverse of <see cref="Source"/>.
    /// </summary>
    public int Column(int layer, Neuron source)
    {
        foreach (var block in _blocks[layer])
            if (block.Node == source.Layer + 1) return block.Offset + source.Index;
        return -1;
    }
}

using System.Collections;

namespace NetSym.Networks;

/// <summary>
/// Where every parameter of a network sits: the flat index of <see cref="Network.GetParameters"/> ⇄
/// its <see cref="ParameterLocation"/>. The order is PyTorch's <c>parameters()</c> order: layer by
/// layer; within a layer the existing weights row by row (row-major, masked edges skipped), then the
/// biases. A masked edge is not a parameter and has no index. As a list, the layout holds every
/// parameter's location in that order.
/// </summary>
/// <remarks>
/// Built once per network (<see cref="Network.Layout"/>). Index → location is a binary search over the
/// layers' offsets, then O(1); location → index is O(1). A dense layer costs only its offset; a masked
/// layer keeps its existing edges' positions in both directions.
/// </remarks>
public sealed class ParameterLayout : IReadOnlyList<ParameterLocation>
{
    private readonly Network _network;
    private readonly int[] _offsets; // L + 1 entries: layer l owns the indices [_offsets[l], _offsets[l + 1])
    private readonly int[]?[] _edges; // per masked layer: the row-major positions of its existing edges, in parameter order
    private readonly int[]?[] _edgeIndex; // per masked layer: row-major position → index among its existing edges, or −1

    internal ParameterLayout(Network network)
    {
        _network = network;
        int layers = network.Layers.Count;
        _offsets = new int[layers + 1];
        _edges = new int[]?[layers];
        _edgeIndex = new int[]?[layers];
        for (int l = 0; l < layers; l++)
        {
            var layer = network.Layers[l];
            int weights = layer.Weights.Length;
            if (!layer.IsDense)
            {
                var mask = layer.Mask;
                var index = new int[mask.Length];
                var edges = new List<int>();
                for (int flat = 0; flat < mask.Length; flat++)
                {
                    index[flat] = mask[flat] ? edges.Count : -1;
                    if (mask[flat]) edges.Add(flat);
                }
                _edges[l] = [.. edges];
                _edgeIndex[l] = index;
                weights = edges.Count;
            }
            _offsets[l + 1] = checked(_offsets[l] + weights + layer.Bias.Length);
        }
    }

    /// <summary>Number of parameters (existing edges and biases).</summary>
    public int Count => _offsets[^1];

    /// <summary>The location of parameter <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not in [0, <see cref="Count"/>).</exception>
    public ParameterLocation this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            // The layer is the last one whose offset is ≤ index; layers without parameters repeat an offset.
            int l = Array.BinarySearch(_offsets, index);
            if (l < 0) l = ~l - 1;
            while (_offsets[l + 1] <= index) l++;
            var layer = _network.Layers[l];
            int local = index - _offsets[l], weights = WeightCount(l);
            if (local >= weights) return new(l, local - weights, null);
            int flat = _edges[l] is { } edges ? edges[local] : local;
            return new(l, flat / layer.WeightColumns, flat % layer.WeightColumns);
        }
    }

    /// <summary>
    /// Index of layer <paramref name="layer"/>'s first parameter; for <paramref name="layer"/> equal to the
    /// number of layers, <see cref="Count"/>. Layer l's weights come first, then its biases.
    /// </summary>
    public int Offset(int layer) => _offsets[layer];

    /// <summary>Number of weight parameters of layer <paramref name="layer"/>: its existing edges.</summary>
    public int WeightCount(int layer) => _offsets[layer + 1] - _offsets[layer] - _network.Layers[layer].Bias.Length;

    /// <summary>The index of the weight W_l[row, column], or −1 when the edge is masked out (it is no parameter).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The layer, row or column does not exist.</exception>
    public int Weight(int layer, int row, int column)
    {
        var l = _network.Layers[layer];
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, l.Bias.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, l.WeightColumns);
        int flat = row * l.WeightColumns + column;
        if (_edgeIndex[layer] is not { } edges) return _offsets[layer] + flat;
        return edges[flat] < 0 ? -1 : _offsets[layer] + edges[flat];
    }

    /// <summary>The index of the bias b_l[row].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The layer or row does not exist.</exception>
    public int Bias(int layer, int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, _network.Layers[layer].Bias.Length);
        return _offsets[layer] + WeightCount(layer) + row;
    }

    /// <summary>The index of the parameter at <paramref name="location"/>, or −1 for a masked-out edge.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The location is outside the network.</exception>
    public int IndexOf(ParameterLocation location) => location.Column is int column
        ? Weight(location.Layer, location.Row, column)
        : Bias(location.Layer, location.Row);

    /// <summary>Every parameter's location, in index order.</summary>
    public IEnumerator<ParameterLocation> GetEnumerator()
    {
        for (int l = 0; l < _network.Layers.Count; l++)
        {
            var layer = _network.Layers[l];
            if (_edges[l] is { } edges)
                foreach (int flat in edges) yield return new(l, flat / layer.WeightColumns, flat % layer.WeightColumns);
            else
                for (int flat = 0; flat < layer.Weights.Length; flat++) yield return new(l, flat / layer.WeightColumns, flat % layer.WeightColumns);
            for (int row = 0; row < layer.Bias.Length; row++) yield return new(l, row, null);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// For a masked layer, the row-major positions in W of its existing edges, in parameter order
    /// (weight parameter e of the layer is W.flat[positions[e]]); null for a dense layer, whose weight
    /// parameters are W itself in row-major order. Shared, not copied: callers must not write to it.
    /// </summary>
    internal int[]? EdgePositions(int layer) => _edges[layer];
}

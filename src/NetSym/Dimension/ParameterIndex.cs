using NetSym.Networks;

namespace NetSym.Dimension;

/// <summary>
/// Where each weight and bias sits in <see cref="Network.GetParameters"/>, and the reverse: which
/// layer, neuron and column a parameter index belongs to. Masked edges have no index.
/// </summary>
internal sealed class ParameterIndex
{
    private readonly Network _network;
    private readonly int[] _offsets;
    private readonly int[]?[] _edgeIndex; // per masked layer: flat weight position → index among existing edges, or −1

    public ParameterIndex(Network network)
    {
        _network = network;
        _offsets = [.. network.Layers.Select((_, l) => network.ParameterOffset(l))];
        _edgeIndex = [.. network.Layers.Select(EdgeIndex)];
    }

    /// <summary>The index of W_l[row, column], or −1 for a masked edge.</summary>
    public int Weight(int layer, int row, int column)
    {
        int flat = row * _network.Layers[layer].InputSize + column;
        if (_edgeIndex[layer] is not { } edges) return _offsets[layer] + flat;
        return edges[flat] < 0 ? -1 : _offsets[layer] + edges[flat];
    }

    /// <summary>The index of b_l[row].</summary>
    public int Bias(int layer, int row)
    {
        var l = _network.Layers[layer];
        return _offsets[layer] + l.ParameterCount - l.OutputSize + row;
    }

    /// <summary>What parameter <paramref name="index"/> is: its layer, its neuron (row), and for a weight its column (−1 for a bias).</summary>
    public (int Layer, int Row, int Column) Locate(int index)
    {
        // Offsets increase strictly (every layer has a bias): the layer is the last offset ≤ index.
        int l = Array.BinarySearch(_offsets, index);
        if (l < 0) l = ~l - 1;
        var layer = _network.Layers[l];
        int local = index - _offsets[l], weights = layer.ParameterCount - layer.OutputSize;
        if (local >= weights) return (l, local - weights, -1);
        int flat = _edgeIndex[l] is { } edges ? Array.IndexOf(edges, local) : local;
        return (l, flat / layer.InputSize, flat % layer.InputSize);
    }

    /// <summary>The hidden neuron (layer, index) whose output column <paramref name="column"/> of layer <paramref name="layer"/> reads, or null for a network input.</summary>
    public (int Layer, int Neuron)? Source(int layer, int column)
    {
        foreach (int s in _network.Layers[layer].Sources)
        {
            int size = _network.NodeSize(s);
            if (column < size) return s == 0 ? null : (s - 1, column);
            column -= size;
        }
        throw new ArgumentOutOfRangeException(nameof(column));
    }

    private static int[]? EdgeIndex(Layer layer)
    {
        if (layer.IsDense) return null;
        var mask = layer.Mask;
        var index = new int[mask.Length];
        int next = 0;
        for (int k = 0; k < mask.Length; k++) index[k] = mask[k] ? next++ : -1;
        return index;
    }
}

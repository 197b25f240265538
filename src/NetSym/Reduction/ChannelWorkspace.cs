using NetSym.Networks;
using NetSym.Symmetries;
using LayerKind = NetSym.Networks.LayerKind;

namespace NetSym.Reduction;

/// <summary>
/// A mutable copy of a convolutional or residual network for <see cref="ChannelReducer"/>, channel by channel of
/// the classes of its <see cref="PermutationSpec"/>. Every layer keeps its original weight layout and channels
/// keep their original indices: a removed channel is only marked dead (its producer rows, biases and consumer
/// slices zeroed), and <see cref="ToNetwork"/> compacts.
/// </summary>
internal sealed class ChannelWorkspace
{
    private readonly Network _network;
    private readonly PermutationSpec _spec;
    private readonly double[][] _weights, _bias;
    private readonly bool[][] _alive; // per class, per original channel
    private readonly Reader[][] _readers; // per class: the convolutions and dense layers that read its channels

    /// <summary>A layer that reads a node of a class: a convolution (one kernel slice per channel) or a dense layer (a column block per channel).</summary>
    private readonly record struct Reader(int Layer, int Node, int Offset);

    public ChannelWorkspace(Network network, PermutationSpec spec)
    {
        _network = network;
        _spec = spec;
        _weights = [.. network.Layers.Select(l => l.Weights.ToArray())];
        _bias = [.. network.Layers.Select(l => l.Bias.ToArray())];
        _alive = [.. spec.Classes.Select(c => Enumerable.Repeat(true, c.Channels).ToArray())];
        var readers = spec.Classes.Select(_ => new List<Reader>()).ToArray();
        for (int node = 0; node <= network.Layers.Count; node++)
        {
            int c = spec.ClassOf(node);
            if (c < 0) continue;
            foreach (var (layer, offset) in network.Graph.Readers(node))
                if (network.Layers[layer].Kind is LayerKind.Convolution or LayerKind.Dense) readers[c].Add(new Reader(layer, node, offset));
        }
        _readers = [.. readers.Select(r => r.ToArray())];
    }

    /// <summary>The network as given.</summary>
    public Network Network => _network;

    /// <summary>The layers that read class c's channels (directly or after pooling and additions), by increasing layer.</summary>
    public IEnumerable<int> Consumers(int c) => _readers[c].Select(r => r.Layer).Distinct().Order();

    /// <summary>Original indices of class c's channels still present, ascending.</summary>
    public int[] AliveChannels(int c) => [.. Enumerable.Range(0, _alive[c].Length).Where(j => _alive[c][j])];

    public int AliveCount(int c) => _alive[c].Count(a => a);

    /// <summary>Producer layer p's kernel row (or dense row) of output channel j, as it stands.</summary>
    public double[] Row(int p, int j)
    {
        int columns = _network.Layers[p].WeightColumns;
        return _weights[p].AsSpan(j * columns, columns).ToArray();
    }

    public double Bias(int p, int j) => _bias[p][j];

    /// <summary>The largest |w| over every producer's row of channel j in class c.</summary>
    public double MaxAbsIncoming(ChannelClass c, int j) =>
        c.Producers.Max(p => Row(p, j).Select(Math.Abs).DefaultIfEmpty(0).Max());

    /// <summary>The largest |u| over the kernel slices and column blocks by which later layers read channel j of class c.</summary>
    public double MaxAbsOutgoing(int c, int j)
    {
        double max = 0;
        foreach (var (layer, row, start, length) in Slices(c, j))
            foreach (double u in _weights[layer].AsSpan(start, length)) max = Math.Max(max, Math.Abs(u));
        return max;
    }

    /// <summary>Whether j is its class's only channel and has no weight and no bias left: what a class shrinks to.</summary>
    public bool IsPlaceholder(ChannelClass c, int j) =>
        AliveCount(c.Index) == 1 && _alive[c.Index][j] && c.Producers.All(p => _bias[p][j] == 0) &&
        MaxAbsIncoming(c, j) == 0 && MaxAbsOutgoing(c.Index, j) == 0;

    /// <summary>
    /// Channel j of class c is the constant v wherever a layer reads it: every reading row adds v times the sum
    /// of its slice to its bias and drops the slice. Exact only where every read sees v at every tap (no zero
    /// padding between): the caller checks.
    /// </summary>
    public void FoldConstant(int c, int j, double value)
    {
        foreach (var (layer, row, start, length) in Slices(c, j))
        {
            var slice = _weights[layer].AsSpan(start, length);
            double sum = 0;
            foreach (double u in slice) sum += u;
            _bias[layer][row] += value * sum;
            slice.Clear();
        }
    }

    /// <summary>Channel drop of class c is factor times channel keep wherever it is read: every slice of keep adds factor times drop's.</summary>
    public void AddSlices(int c, int keep, int drop, double factor)
    {
        var keepSlices = Slices(c, keep).ToList();
        var dropSlices = Slices(c, drop).ToList();
        for (int s = 0; s < keepSlices.Count; s++)
        {
            var target = _weights[keepSlices[s].Layer].AsSpan(keepSlices[s].Start, keepSlices[s].Length);
            var source = _weights[dropSlices[s].Layer].AsSpan(dropSlices[s].Start, dropSlices[s].Length);
            for (int t = 0; t < target.Length; t++) target[t] += factor * source[t];
        }
    }

    /// <summary>Deletes channel j of class c from every producer, addition, pooling and reader.</summary>
    public void Remove(ChannelClass c, int j)
    {
        Clear(c, j);
        _alive[c.Index][j] = false;
    }

    /// <summary>Zeroes every producer row, bias and reading slice of channel j, keeping it: the class's placeholder.</summary>
    public void MakePlaceholder(ChannelClass c, int j) => Clear(c, j);

    /// <summary>The network made of the channels still present, and per layer the original indices of its output channels.</summary>
    public (Network Network, int[][] Kept) ToNetwork()
    {
        var layers = _network.Layers;
        var keptOfNode = new int[layers.Count + 1][];
        for (int n = 0; n <= layers.Count; n++)
        {
            int c = _spec.ClassOf(n);
            keptOfNode[n] = c >= 0 ? AliveChannels(c) : [.. Enumerable.Range(0, _network.ShapeOf(n).Channels)];
        }
        NodeShape ShapeOf(int node) => _network.ShapeOf(node).WithChannels(keptOfNode[node].Length);
        var built = new Layer[layers.Count];
        for (int l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            int[] rows = keptOfNode[l + 1];
            var bias = _bias[l].Length == 0 ? [] : rows.Select(r => _bias[l][r]).ToArray(); // pooling and additions have none
            built[l] = layer.Kind switch
            {
                LayerKind.Convolution => Layer.Convolution(ShapeOf(layer.Sources[0]), rows.Length, layer.Window!, layer.Groups,
                    ConvolutionKernel(l, rows, keptOfNode[layer.Sources[0]]), bias, layer.Activation, layer.Sources[0]),
                LayerKind.MaxPool or LayerKind.AveragePool => Layer.Pooling(layer.Kind, ShapeOf(layer.Sources[0]), layer.Window!, layer.Sources[0]),
                LayerKind.Add => Layer.Add(ShapeOf(l + 1), layer.Sources, layer.Activation),
                _ => DenseLayer(l, rows, bias, keptOfNode),
            };
        }
        return (new Network(_network.InputShape, built), [.. keptOfNode.Skip(1)]);
    }

    // Grouped convolutions never lose a channel on either side (the reducer skips their classes), so their kernels are copied whole.
    private double[] ConvolutionKernel(int l, int[] rows, int[] inputs)
    {
        var layer = _network.Layers[l];
        int taps = layer.Window!.WindowSize, columns = layer.WeightColumns;
        if (layer.Groups > 1) return [.. _weights[l]];
        var kernel = new double[rows.Length * inputs.Length * taps];
        int k = 0;
        foreach (int r in rows)
            foreach (int i in inputs)
            {
                _weights[l].AsSpan(r * columns + i * taps, taps).CopyTo(kernel.AsSpan(k));
                k += taps;
            }
        return kernel;
    }

    private Layer DenseLayer(int l, int[] rows, double[] bias, int[][] keptOfNode)
    {
        var layer = _network.Layers[l];
        var columns = new List<int>();
        foreach (var (node, offset, _) in _network.Graph.SourceBlocks(l))
        {
            int positions = _network.ShapeOf(node).Positions;
            foreach (int channel in keptOfNode[node])
                for (int p = 0; p < positions; p++) columns.Add(offset + channel * positions + p);
        }
        var weights = new double[rows.Length * columns.Count];
        for (int i = 0; i < rows.Length; i++)
            for (int k = 0; k < columns.Count; k++) weights[i * columns.Count + k] = _weights[l][rows[i] * layer.WeightColumns + columns[k]];
        return new Layer(columns.Count, rows.Length, weights, bias, layer.Activation, layer.Sources);
    }

    private void Clear(ChannelClass c, int j)
    {
        foreach (int p in c.Producers)
        {
            int columns = _network.Layers[p].WeightColumns;
            _weights[p].AsSpan(j * columns, columns).Clear();
            _bias[p][j] = 0;
        }
        foreach (var (layer, _, start, length) in Slices(c.Index, j)) _weights[layer].AsSpan(start, length).Clear();
    }

    /// <summary>
    /// Every place channel j of class c is read: per reading layer and row, the run of weights on it — the
    /// taps of its kernel slice in a convolution (ungrouped: the reducer skips grouped ones), its column block
    /// of positions in a dense layer. Readers come in a fixed order, so two channels' slices pair up.
    /// </summary>
    private IEnumerable<(int Layer, int Row, int Start, int Length)> Slices(int c, int j)
    {
        foreach (var (l, node, offset) in _readers[c])
        {
            var layer = _network.Layers[l];
            int columns = layer.WeightColumns;
            int length = layer.Kind == LayerKind.Convolution ? layer.Window!.WindowSize : _network.ShapeOf(node).Positions;
            int start = layer.Kind == LayerKind.Convolution ? j * length : offset + j * length;
            for (int r = 0; r < layer.Units; r++) yield return (l, r, r * columns + start, length);
        }
    }
}

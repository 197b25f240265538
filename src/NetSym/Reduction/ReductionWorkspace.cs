using System.Text;
using NetSym.Networks;

namespace NetSym.Reduction;

/// <summary>
/// A mutable copy of a network for the reducer. Neurons keep their original indices throughout: a
/// removed neuron is only marked dead (its weights zeroed), and <see cref="ToNetwork"/> compacts. Each
/// layer stores one weight block per source node, so that folding can add sources to a layer.
/// </summary>
internal sealed class ReductionWorkspace
{
    private readonly int _inputSize;
    private readonly WorkLayer[] _layers;

    public ReductionWorkspace(Network network)
    {
        _inputSize = network.InputSize;
        _layers = [.. network.Layers.Select((layer, index) => new WorkLayer(layer, network.Graph.SourceBlocks(index)))];
    }

    /// <summary>Number of layers, the output layer included.</summary>
    public int LayerCount => _layers.Length;

    public Activation Activation(int l) => _layers[l].Activation;

    public double Bias(int l, int j) => _layers[l].Bias[j];

    public int AliveCount(int l) => _layers[l].AliveCount;

    public bool IsAlive(int l, int j) => _layers[l].Alive[j];

    /// <summary>Original indices of the neurons of layer l still present, ascending.</summary>
    public int[] AliveNeurons(int l) => [.. Enumerable.Range(0, _layers[l].Width).Where(j => _layers[l].Alive[j])];

    /// <summary>Neuron j's incoming weights, concatenated over its sources (dead and masked columns are 0).</summary>
    public double[] IncomingRow(int l, int j)
    {
        var blocks = _layers[l].Blocks.Values;
        var row = new double[blocks.Sum(b => b.Columns)];
        int at = 0;
        foreach (var block in blocks)
        {
            block.Weights.AsSpan(j * block.Columns, block.Columns).CopyTo(row.AsSpan(at));
            at += block.Columns;
        }
        return row;
    }

    /// <summary>The largest |w| over neuron j's incoming weights.</summary>
    public double MaxAbsIncoming(int l, int j)
    {
        double max = 0;
        foreach (var block in _layers[l].Blocks.Values)
            foreach (double w in block.Weights.AsSpan(j * block.Columns, block.Columns)) max = Math.Max(max, Math.Abs(w));
        return max;
    }

    /// <summary>Per neuron of layer l, the largest |u| over the weights by which later layers read it.</summary>
    public double[] MaxAbsOutgoing(int l)
    {
        var max = new double[_layers[l].Width];
        foreach (var (c, block) in Consumers(l))
            for (int r = 0; r < _layers[c].Width; r++)
            {
                var row = block.Weights.AsSpan(r * block.Columns, block.Columns);
                for (int j = 0; j < row.Length; j++) max[j] = Math.Max(max[j], Math.Abs(row[j]));
            }
        return max;
    }

    /// <summary>Which edges neuron j has, in and out: two neurons with equal signatures can be merged.</summary>
    public string ConnectivitySignature(int l, int j)
    {
        var sb = new StringBuilder();
        foreach (var block in _layers[l].Blocks.Values)
            if (block.Mask is not null)
                for (int i = 0; i < block.Columns; i++) sb.Append(block.HasEdge(j, i) ? '1' : '0');
        foreach (var (c, block) in Consumers(l))
        {
            sb.Append('|');
            if (block.Mask is not null)
                for (int r = 0; r < _layers[c].Width; r++) sb.Append(block.HasEdge(r, j) ? '1' : '0');
        }
        return sb.ToString();
    }

    /// <summary>Whether j is its layer's only neuron and has no weight and no bias left: what a layer shrinks to.</summary>
    public bool IsPlaceholder(int l, int j) =>
        AliveCount(l) == 1 && _layers[l].Alive[j] && _layers[l].Bias[j] == 0 &&
        MaxAbsIncoming(l, j) == 0 && MaxAbsOutgoing(l)[j] == 0;

    /// <summary>Deletes neuron j of layer l with its incoming and outgoing weights.</summary>
    public void Remove(int l, int j)
    {
        ClearNeuron(l, j);
        _layers[l].Alive[j] = false;
        _layers[l].AliveCount--;
    }

    /// <summary>Zeroes every weight and the bias of neuron j, keeping it: the layer's placeholder.</summary>
    public void MakePlaceholder(int l, int j) => ClearNeuron(l, j);

    /// <summary>Neuron j outputs the constant v: every consumer row adds u·v to its bias and drops u.</summary>
    public void FoldConstant(int l, int j, double value)
    {
        foreach (var (c, block) in Consumers(l))
            for (int r = 0; r < _layers[c].Width; r++)
            {
                _layers[c].Bias[r] += block[r, j] * value;
                block[r, j] = 0;
            }
    }

    /// <summary>
    /// Neuron j outputs s·(w·x + β) + t: every consumer row with weight u on it gets u·s·w on j's sources
    /// (reading them directly, with an edge wherever a path through j existed) and u·(s·β + t) in its
    /// bias, and drops u. Returns, per consumer layer, the source nodes it had to add.
    /// </summary>
    public IReadOnlyList<(int Consumer, int[] AddedNodes)> FoldAffine(int l, int j, double slope, double intercept)
    {
        var layer = _layers[l];
        var added = new List<(int, int[])>();
        foreach (var (c, block) in Consumers(l).ToList())
        {
            var consumer = _layers[c];
            var newNodes = new List<int>();
            foreach (var (node, source) in layer.Blocks)
            {
                if (!consumer.Blocks.TryGetValue(node, out var target))
                {
                    target = new WeightBlock(source.Columns, new double[consumer.Width * source.Columns], new bool[consumer.Width * source.Columns]);
                    consumer.Blocks.Add(node, target);
                    newNodes.Add(node);
                }
                for (int r = 0; r < consumer.Width; r++)
                {
                    if (!block.HasEdge(r, j)) continue;
                    double us = block[r, j] * slope;
                    for (int i = 0; i < source.Columns; i++)
                    {
                        if (!source.HasEdge(j, i)) continue;
                        target[r, i] += us * source[j, i];
                        target.AddEdge(r, i);
                    }
                }
            }
            for (int r = 0; r < consumer.Width; r++)
            {
                consumer.Bias[r] += block[r, j] * (slope * layer.Bias[j] + intercept);
                block[r, j] = 0;
            }
            if (newNodes.Count > 0) added.Add((c, [.. newNodes]));
        }
        return added;
    }

    /// <summary>Neuron drop outputs c·y_keep + d: consumers add c·u_drop to u_keep and u_drop·d to their bias; drop is removed.</summary>
    public void Merge(int l, int keep, int drop, double c, double d)
    {
        foreach (var (consumer, block) in Consumers(l))
            for (int r = 0; r < _layers[consumer].Width; r++)
            {
                double u = block[r, drop];
                block[r, keep] += c * u;
                _layers[consumer].Bias[r] += u * d;
            }
        Remove(l, drop);
    }

    /// <summary>The network made of the neurons still present, and per layer their original indices.</summary>
    public (Network Network, int[][] Kept) ToNetwork()
    {
        var kept = _layers.Select((_, l) => AliveNeurons(l)).ToArray();
        var layers = new Layer[_layers.Length];
        for (int l = 0; l < _layers.Length; l++)
        {
            var layer = _layers[l];
            int[] rows = kept[l];
            var columns = layer.Blocks.Select(e => (Block: e.Value, Kept: e.Key == 0 ? Enumerable.Range(0, _inputSize).ToArray() : kept[e.Key - 1])).ToList();
            int fanIn = columns.Sum(c => c.Kept.Length);
            bool masked = columns.Any(c => c.Block.Mask is not null);
            var weights = new double[rows.Length * fanIn];
            var mask = masked ? new bool[weights.Length] : null;
            for (int i = 0; i < rows.Length; i++)
            {
                int k = i * fanIn;
                foreach (var (block, keptColumns) in columns)
                {
                    if (keptColumns.Length == block.Columns && block.Mask is null && mask is null)
                    {
                        // Every column kept, no mask: the common case of an unreduced block is one copy.
                        block.Weights.AsSpan(rows[i] * block.Columns, block.Columns).CopyTo(weights.AsSpan(k));
                        k += block.Columns;
                        continue;
                    }
                    foreach (int col in keptColumns)
                    {
                        weights[k] = block[rows[i], col];
                        if (mask is not null) mask[k] = block.HasEdge(rows[i], col);
                        k++;
                    }
                }
            }
            var bias = rows.Select(j => layer.Bias[j]).ToArray();
            layers[l] = new Layer(fanIn, rows.Length, weights, bias, layer.Activation, [.. layer.Blocks.Keys], mask);
        }
        return (new Network(_inputSize, layers), kept);
    }

    private void ClearNeuron(int l, int j)
    {
        var layer = _layers[l];
        foreach (var block in layer.Blocks.Values) block.Weights.AsSpan(j * block.Columns, block.Columns).Clear();
        layer.Bias[j] = 0;
        foreach (var (c, block) in Consumers(l))
            for (int r = 0; r < _layers[c].Width; r++) block[r, j] = 0;
    }

    /// <summary>Layers reading layer l's output (node l + 1), with the block that holds those weights.</summary>
    private IEnumerable<(int Consumer, WeightBlock Block)> Consumers(int l)
    {
        for (int c = l + 1; c < _layers.Length; c++)
            if (_layers[c].Blocks.TryGetValue(l + 1, out var block)) yield return (c, block);
    }

    private sealed class WorkLayer
    {
        public WorkLayer(Layer layer, ReadOnlySpan<SourceBlock> sources)
        {
            Activation = layer.Activation;
            Width = layer.OutputSize;
            Bias = layer.Bias.ToArray();
            Alive = Enumerable.Repeat(true, Width).ToArray();
            AliveCount = Width;
            Blocks = [];
            foreach (var (node, offset, size) in sources)
            {
                var weights = new double[Width * size];
                var mask = layer.IsDense ? null : new bool[Width * size];
                for (int r = 0; r < Width; r++)
                {
                    layer.Weights.Slice(r * layer.InputSize + offset, size).CopyTo(weights.AsSpan(r * size));
                    if (mask is not null) layer.Mask.Slice(r * layer.InputSize + offset, size).CopyTo(mask.AsSpan(r * size));
                }
                Blocks.Add(node, new WeightBlock(size, weights, mask is null || mask.All(m => m) ? null : mask));
            }
        }

        public Activation Activation { get; }
        public int Width { get; }
        public double[] Bias { get; }
        public bool[] Alive { get; }
        public int AliveCount { get; set; }
        public SortedDictionary<int, WeightBlock> Blocks { get; }
    }

    /// <summary>The weights (rows × columns, row-major) by which a layer reads one source node; a null mask means every edge exists.</summary>
    private sealed class WeightBlock(int columns, double[] weights, bool[]? mask)
    {
        public int Columns { get; } = columns;
        public double[] Weights { get; } = weights;
        public bool[]? Mask { get; } = mask;

        public ref double this[int row, int column] => ref Weights[row * Columns + column];

        public bool HasEdge(int row, int column) => Mask is null || Mask[row * Columns + column];

        public void AddEdge(int row, int column)
        {
            if (Mask is not null) Mask[row * Columns + column] = true;
        }
    }
}

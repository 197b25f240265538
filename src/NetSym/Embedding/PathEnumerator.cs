using NetSym.Networks;

namespace NetSym.Embedding;

/// <summary>
/// Receives one path: its input coordinate (−1 for a bias path), its neurons as global ids
/// (see <see cref="PathEnumerator.NeuronAt"/>), and the parameter index (in
/// <see cref="Network.GetParameters"/> order) of each factor of its product: the first edge (or
/// the starting bias), then one edge per further neuron. Both spans have the path's length.
/// </summary>
internal delegate void PathVisitor(int input, ReadOnlySpan<int> neurons, ReadOnlySpan<int> parameters);

/// <summary>
/// The network's DAG as adjacency lists over neurons numbered by (layer, index), walked in the
/// documented path order: output by output; within an output the input paths (by input coordinate)
/// and then the bias paths (by the bias's neuron); among paths with the same start,
/// lexicographically by neuron sequence.
/// </summary>
/// <remarks>
/// Successor lists are built in increasing neuron id, so a depth-first walk meets the paths of one
/// start in lexicographic order. Neurons that cannot reach the current output are never entered,
/// so every step of the walk leads to at least one path and the cost is O(#paths · depth).
/// </remarks>
internal sealed class PathEnumerator
{
    private readonly int[] _layerStart;
    private readonly int[] _successorStart, _successor, _successorParameter;
    private readonly int[] _inputSuccessorStart, _inputSuccessor, _inputSuccessorParameter;
    private readonly int[] _biasParameter;
    private readonly bool[][] _reaches;
    private readonly int _depth;

    public PathEnumerator(Network network)
    {
        int layers = network.Layers.Count;
        _layerStart = new int[layers + 1];
        for (int l = 0; l < layers; l++) _layerStart[l + 1] = _layerStart[l] + network.Layers[l].OutputSize;
        int neurons = _layerStart[layers], inputs = network.InputSize;

        var successors = Enumerable.Range(0, neurons).Select(_ => new List<(int, int)>()).ToArray();
        var inputSuccessors = Enumerable.Range(0, inputs).Select(_ => new List<(int, int)>()).ToArray();
        _biasParameter = new int[neurons];
        for (int l = 0; l < layers; l++)
        {
            var layer = network.Layers[l];
            // Rows in increasing order, so every successor list comes out sorted by neuron id.
            for (int j = 0; j < layer.OutputSize; j++)
            {
                foreach (var block in network.Graph.SourceBlocks(l))
                {
                    for (int k = 0; k < block.Size; k++)
                    {
                        if (!layer.HasEdge(j, block.Offset + k)) continue;
                        var edge = (_layerStart[l] + j, network.Layout.Weight(l, j, block.Offset + k));
                        if (block.Node == 0) inputSuccessors[k].Add(edge);
                        else successors[_layerStart[block.Node - 1] + k].Add(edge);
                    }
                }
            }
            for (int j = 0; j < layer.OutputSize; j++) _biasParameter[_layerStart[l] + j] = network.Layout.Bias(l, j);
        }
        (_successorStart, _successor, _successorParameter) = Compress(successors);
        (_inputSuccessorStart, _inputSuccessor, _inputSuccessorParameter) = Compress(inputSuccessors);

        _reaches = new bool[network.OutputSize][];
        for (int o = 0; o < network.OutputSize; o++)
        {
            var reaches = new bool[neurons];
            reaches[_layerStart[layers - 1] + o] = true;
            for (int v = _layerStart[layers - 1] - 1; v >= 0; v--)
                for (int e = _successorStart[v]; e < _successorStart[v + 1] && !reaches[v]; e++)
                    reaches[v] = reaches[_successor[e]];
            _reaches[o] = reaches;
        }
        _depth = layers; // a path visits at most one neuron per layer
    }

    /// <summary>The neuron with global id <paramref name="id"/>.</summary>
    public Neuron NeuronAt(int id)
    {
        // Layers are never empty, so the layer starts strictly increase.
        int l = Array.BinarySearch(_layerStart, id);
        if (l < 0) l = ~l - 1;
        return new Neuron(l, id - _layerStart[l]);
    }

    /// <summary>Calls <paramref name="visit"/> once per path, in path order.</summary>
    public void Walk(PathVisitor visit)
    {
        var neurons = new int[_depth];
        var parameters = new int[_depth];
        int outputStart = _layerStart[^2];
        for (int o = 0; o < _reaches.Length; o++)
        {
            var reaches = _reaches[o];
            int target = outputStart + o;
            for (int i = 0; i + 1 < _inputSuccessorStart.Length; i++)
                for (int e = _inputSuccessorStart[i]; e < _inputSuccessorStart[i + 1]; e++)
                {
                    if (!reaches[_inputSuccessor[e]]) continue;
                    parameters[0] = _inputSuccessorParameter[e];
                    Descend(i, _inputSuccessor[e], 0);
                }
            for (int v = 0; v <= target; v++)
            {
                if (!reaches[v]) continue;
                parameters[0] = _biasParameter[v];
                Descend(-1, v, 0);
            }

            void Descend(int input, int v, int depth)
            {
                neurons[depth] = v;
                if (v == target)
                {
                    visit(input, neurons.AsSpan(0, depth + 1), parameters.AsSpan(0, depth + 1));
                    return;
                }
                for (int e = _successorStart[v]; e < _successorStart[v + 1]; e++)
                {
                    if (!reaches[_successor[e]]) continue;
                    parameters[depth + 1] = _successorParameter[e];
                    Descend(input, _successor[e], depth + 1);
                }
            }
        }
    }

    private static (int[] Start, int[] Target, int[] Parameter) Compress(List<(int Target, int Parameter)>[] lists)
    {
        var start = new int[lists.Length + 1];
        for (int v = 0; v < lists.Length; v++) start[v + 1] = start[v] + lists[v].Count;
        var target = new int[start[^1]];
        var parameter = new int[start[^1]];
        for (int v = 0; v < lists.Length; v++)
            for (int e = 0; e < lists[v].Count; e++) (target[start[v] + e], parameter[start[v] + e]) = lists[v][e];
        return (start, target, parameter);
    }
}

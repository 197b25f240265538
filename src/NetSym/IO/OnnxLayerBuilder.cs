using NetSym.Networks;
using Onnx;

namespace NetSym.IO;

/// <summary>
/// Reads the nodes of an ONNX graph, in topological order, as layers. Gemm, MatMul, Conv and a
/// residual Add open a layer; a MatMul's bias Add, a BatchNormalization and one activation merge into
/// an open layer when they are its output's only reader; anything else that reads an open layer
/// closes it with the identity. Pooling closes at once (it carries no activation); Flatten, Reshape
/// (N, −1), Identity and Pad only change how the next op sees a node.
/// </summary>
internal sealed partial class OnnxLayerBuilder
{
    private readonly OnnxGraphReader _graph;
    private readonly OnnxTopology _topology;
    private readonly OnnxAttributes _attributes;
    private readonly List<Layer> _layers = [];
    private readonly Dictionary<string, OnnxValue> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OnnxOpenLayer> _open = new(StringComparer.Ordinal);
    // Per network node ≥ 1: the op that made it and the tensor that holds it.
    private readonly Dictionary<int, (NodeProto Op, string Tensor)> _made = [];
    private NodeShape? _inputShape;

    /// <summary>A builder whose input tensor <paramref name="input"/> has <paramref name="inputShape"/> (null for an MLP: the first layer decides).</summary>
    public OnnxLayerBuilder(OnnxGraphReader graph, OnnxTopology topology, string input, NodeShape? inputShape)
    {
        _graph = graph;
        _topology = topology;
        _attributes = new OnnxAttributes(graph);
        _inputShape = inputShape;
        _values[input] = new OnnxValue(0, inputShape);
    }

    /// <summary>Whether an MLP's input is flattened (Flatten or Reshape of the input) before its first layer.</summary>
    public bool Flattened { get; private set; }

    /// <summary>The network input's shape, known once <see cref="Finish"/> has run.</summary>
    public NodeShape InputShape => _inputShape ?? throw new FormatProblem("no layer reads the network input");

    /// <summary>What was changed in reading, in words: one line per BatchNormalization folded or activation moved.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Reads one node; every node it reads has been read before.</summary>
    public void Add(NodeProto node)
    {
        string output = node.Output[0];
        switch (node.OpType)
        {
            case "Identity": Alias(node, output); break;
            case "Flatten": _values[output] = Flatten(node); break;
            case "Reshape": _values[output] = Reshape(node); break;
            case "Gemm": _open[output] = Gemm(node); break;
            case "MatMul": _open[output] = MatMul(node); break;
            case "Add": _open[output] = Sum(node); break;
            case "BatchNormalization": _open[output] = FoldBatchNormalization(node); break;
            case "Conv": _open[output] = Conv(node); break;
            case "MaxPool" or "AveragePool": _values[output] = Pool(node); break;
            case "GlobalAveragePool" or "ReduceMean": _values[output] = GlobalAverage(node); break;
            case "Pad": _values[output] = Pad(node); break;
            default: _values[output] = Activate(node); break;
        }
    }

    /// <summary>The layers read; <paramref name="output"/>, the graph output, must be the last one's output.</summary>
    public List<Layer> Finish(string output)
    {
        var value = Value(output, null, takesPad: true);
        if (_layers.Count == 0) throw new FormatProblem("the graph has no Gemm, MatMul or Conv, so no layer to read");
        if (value.PadBy is { } pad) throw new FormatProblem($"the graph output '{output}' comes from {_graph.Describe(pad)}; NetSym folds a Pad only into the Conv or pooling after it");
        if (value.Node != _layers.Count) throw new FormatProblem($"the graph output '{output}' is not the last layer read");
        return _layers;
    }

    // Identity passes its input on: an open layer stays open (an activation may still follow).
    private void Alias(NodeProto node, string output)
    {
        if (TakeOpen(node.Input[0]) is { } open) _open[output] = open;
        else _values[output] = Read(node, 0);
    }

    private OnnxValue Flatten(NodeProto node)
    {
        long axis = _attributes.Int(node, "axis") ?? 1;
        if (axis != 1) throw new FormatProblem($"{_graph.Describe(node)} has axis={axis}; NetSym reads Flatten(axis=1), which keeps the batch axis");
        return FlatView(node, Read(node, 0));
    }

    // Reshape to (N, −1), as x.view(x.size(0), -1) or x.reshape(len(x), -1) with a constant shape: the same entries, flat.
    private OnnxValue Reshape(NodeProto node)
    {
        var value = Read(node, 0);
        long[] shape = _graph.IntegerInitializer(node, 1, "shape");
        bool keepsBatch = shape is [0, _] && (_attributes.Int(node, "allowzero") ?? 0) == 0 || shape is [-1, > 0];
        if (!keepsBatch || shape[1] != -1 && value.Shape is { } s && shape[1] != s.Size)
            throw new FormatProblem($"{_graph.Describe(node)} reshapes to [{string.Join(",", shape)}]; NetSym reads Reshape to (N, −1) (shape [0,-1]), which keeps the batch axis and flattens the rest");
        return FlatView(node, value);
    }

    private OnnxValue FlatView(NodeProto node, OnnxValue value)
    {
        if (value.Shape is null)
        {
            Flattened = true;
            return value;
        }
        // A dense layer's (N, n) output is flat already: a Flatten there would only cut the layer off from
        // the activation after it, so it is refused. A feature map read flat (ReduceMean keepdims=0) is fine.
        if (value.Shape.IsFlat && value.Node > 0 && ShapeOf(value.Node).IsFlat)
            throw new FormatProblem($"{_graph.Describe(node)} is supported only as the first op or on a channels × positions tensor, which it flattens");
        return value with { Shape = NodeShape.Flat(value.Shape.Size) };
    }

    // A residual addition of two branches (→ an Add layer), or a MatMul's bias.
    private OnnxOpenLayer Sum(NodeProto node)
    {
        if (node.Input.Count != 2) throw new FormatProblem($"{_graph.Describe(node)} has {node.Input.Count} inputs, expected 2");
        int constants = node.Input.Count(_graph.IsInitializer);
        if (constants == 1) return AddBias(node);
        if (constants == 2) throw new FormatProblem($"{_graph.Describe(node)} adds two constants; NetSym reads Add as a MatMul's bias or as the sum of two branches");
        var (a, b) = (Read(node, 0), Read(node, 1));
        if (a.Node == b.Node)
            throw new FormatProblem($"{_graph.Describe(node)} adds '{node.Input[0]}' to itself; an Add layer sums distinct nodes (x + x = 2x: scale the layer before it instead)");
        // Both operands must be whole nodes (not flattened views) of one shape.
        if (a.Shape is not { } shape || b.Shape is null || !shape.Equals(b.Shape) || !shape.Equals(ShapeOf(a.Node)) || !shape.Equals(ShapeOf(b.Node)))
            throw new FormatProblem($"{_graph.Describe(node)} adds '{node.Input[0]}' of shape {a.Shape} and '{node.Input[1]}' of shape {b.Shape}; " +
                "NetSym adds two layers' outputs of one shape, without broadcasting or reshaping");
        return new OnnxOpenLayer(node, LayerKind.Add, shape, [Math.Min(a.Node, b.Node), Math.Max(a.Node, b.Node)], shape.Channels, [], []);
    }

    /// <summary>The open layer whose output is <paramref name="tensor"/>, taken from the table when the reading node is its only reader; null otherwise.</summary>
    private OnnxOpenLayer? TakeOpen(string tensor) =>
        _topology.Uses(tensor) == 1 && _open.Remove(tensor, out var open) ? open : null;

    /// <summary>Input <paramref name="index"/> of <paramref name="node"/> as a closed value; a Pad not yet taken is refused.</summary>
    private OnnxValue Read(NodeProto node, int index) => Value(node.Input[index], node, takesPad: false);

    /// <summary>Tensor <paramref name="tensor"/> as a closed value (an open layer that produces it is closed with the identity).</summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="reader">The node that reads it; null for the graph output.</param>
    /// <param name="takesPad">Whether the reader folds pending zero padding into its window.</param>
    private OnnxValue Value(string tensor, NodeProto? reader, bool takesPad)
    {
        if (_open.Remove(tensor, out var open)) _values[tensor] = Close(open, new IdentityActivation(), tensor);
        if (!_values.TryGetValue(tensor, out var value))
        {
            string who = reader is null ? "the graph output" : _graph.Describe(reader);
            throw new FormatProblem(_graph.IsInitializer(tensor)
                ? $"{who} reads the constant '{tensor}' where NetSym expects data computed from the input"
                : $"{who} reads '{tensor}', which is neither an initializer nor computed from the input");
        }
        if (value.PadBy is { } pad && !takesPad && reader is not null)
            throw new FormatProblem($"{_graph.Describe(reader)} reads '{tensor}', padded by {_graph.Describe(pad)}; NetSym folds a Pad only into the Conv or pooling after it");
        return value;
    }

    private OnnxValue Close(OnnxOpenLayer open, Activation activation, string tensor)
    {
        var layer = open.Close(activation);
        _layers.Add(layer);
        _made[_layers.Count] = (open.Node, tensor);
        return new OnnxValue(_layers.Count, layer.OutputShape);
    }

    private NodeShape ShapeOf(int node) => node == 0 ? InputShape : _layers[node - 1].OutputShape;
}

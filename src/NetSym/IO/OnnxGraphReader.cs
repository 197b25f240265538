using NetSym.Networks;
using Onnx;

namespace NetSym.IO;

/// <summary>
/// Turns one ONNX graph into a <see cref="Network"/>: orders the nodes from the single input to the
/// single output (<see cref="OnnxTopology"/>), then reads them as layers (<see cref="OnnxLayerBuilder"/>).
/// Every problem is a <see cref="FormatProblem"/> naming the op and its node.
/// </summary>
internal sealed class OnnxGraphReader
{
    private static readonly IReadOnlySet<string> StructuralOps =
        new HashSet<string>(StringComparer.Ordinal)
        {
            "Gemm", "MatMul", "Add", "Flatten", "Reshape", "Identity", "BatchNormalization",
            "Conv", "MaxPool", "AveragePool", "GlobalAveragePool", "ReduceMean", "Pad",
        };

    // Ops over channels × positions: a graph with one of them reads its input as (N, C, L) or (N, C, H, W).
    private static readonly IReadOnlySet<string> SpatialOps =
        new HashSet<string>(StringComparer.Ordinal) { "Conv", "MaxPool", "AveragePool", "GlobalAveragePool", "ReduceMean", "Pad" };

    private readonly GraphProto _graph;
    private readonly Dictionary<string, TensorProto> _initializers = new(StringComparer.Ordinal);
    private readonly Dictionary<NodeProto, int> _position = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<NodeProto, NodeProto> _fused = new(ReferenceEqualityComparer.Instance);
    // The graph's nodes with Constant nodes taken out as initializers and activation patterns fused (OnnxPatterns).
    private readonly List<NodeProto> _nodes;

    public OnnxGraphReader(GraphProto graph)
    {
        _graph = graph;
        foreach (var t in graph.Initializer)
            if (!_initializers.TryAdd(t.Name, t)) throw new FormatProblem($"two initializers are named '{t.Name}'");
        for (int i = 0; i < graph.Node.Count; i++) _position[graph.Node[i]] = i;
        // torch.onnx writes some constants (GELU's √2, Clip bounds) as Constant nodes: they are initializers by another name.
        var rest = new List<NodeProto>();
        foreach (var node in graph.Node)
        {
            // torch.onnx stores equal initializers once and aliases the copies through Identity nodes.
            var constant = node is { OpType: "Constant", Domain: "" or "ai.onnx", Output.Count: 1 } ? node.Attribute.FirstOrDefault(a => a.Name == "value")?.T
                : node is { OpType: "Identity", Domain: "" or "ai.onnx", Input.Count: 1, Output.Count: 1 } ? _initializers.GetValueOrDefault(node.Input[0])
                : null;
            if (constant is not null)
            {
                var tensor = constant.Clone();
                tensor.Name = node.Output[0];
                if (!_initializers.TryAdd(tensor.Name, tensor)) throw new FormatProblem($"{Describe(node)} writes '{tensor.Name}', which is already an initializer");
                continue;
            }
            rest.Add(node);
        }
        _nodes = OnnxPatterns.Fuse(rest, Scalar, _fused);
        foreach (var (node, first) in _fused) _position[node] = _position[first];
    }

    /// <summary>All op types the reader understands, the activation patterns by the ops they are made of.</summary>
    public static IEnumerable<string> SupportedOps => StructuralOps.Concat(OnnxActivations.OpTypes).Append(PatternOps);

    private const string PatternOps = "and the GELU (Div, Erf, Add, Mul, Mul), SiLU (Sigmoid, Mul) and softsign (Abs, Add, Div) patterns";

    private double? Scalar(string name)
    {
        if (!_initializers.TryGetValue(name, out var t)) return null;
        var values = OnnxTensors.Decode(t).Values;
        return values.Length == 1 ? values[0] : null;
    }

    public Network Read()
    {
        // Older exporters also list initializers as graph inputs; the data input is what remains.
        var inputs = _graph.Input.Where(i => !_initializers.ContainsKey(i.Name)).ToList();
        if (inputs.Count != 1)
            throw new FormatProblem($"the graph has {inputs.Count} data inputs ({string.Join(", ", inputs.Select(i => $"'{i.Name}'"))}); NetSym reads networks with one input");
        if (_graph.Output.Count != 1)
            throw new FormatProblem($"the graph has {_graph.Output.Count} outputs ({string.Join(", ", _graph.Output.Select(o => $"'{o.Name}'"))}); NetSym reads networks with one output");
        RejectUnsupportedOps();
        // A training-mode BatchNormalization also writes its running statistics: refused here, before the
        // chain check would call it merely an op with several outputs.
        var training = _nodes.FirstOrDefault(n => n.OpType == "BatchNormalization"
            && (n.Output.Count(o => o.Length > 0) > 1 || n.Attribute.Any(a => a.Name == "training_mode" && a.I != 0)));
        if (training is not null)
            throw new FormatProblem($"{Describe(training)} is in training mode (it uses the batch's statistics); export the model in eval mode (model.eval())");

        if (_nodes.Count == 0) throw new FormatProblem($"the graph has no nodes: input '{inputs[0].Name}' is its output");
        var topology = new OnnxTopology(_nodes, inputs[0].Name, _graph.Output[0].Name, Describe);
        bool spatial = topology.Order.Any(n => SpatialOps.Contains(n.OpType));
        var builder = new OnnxLayerBuilder(this, topology, inputs[0].Name, spatial ? SpatialInputShape(inputs[0]) : null);
        foreach (var node in topology.Order) builder.Add(node);
        var layers = builder.Finish(_graph.Output[0].Name);
        if (!spatial) CheckInputShape(inputs[0], builder.InputShape.Size, builder.Flattened);
        Notes = builder.Notes;
        return new Network(builder.InputShape, layers);
    }

    /// <summary>After <see cref="Read"/>: what was changed in reading, in words (BatchNormalization folded); empty when nothing was.</summary>
    public IReadOnlyList<string> Notes { get; private set; } = [];

    /// <summary>"Conv (node '/c/Conv')", or the node's position when it has no name.</summary>
    public string Describe(NodeProto node) =>
        node.Name.Length > 0 ? $"{node.OpType} (node '{node.Name}')" : $"{node.OpType} (unnamed node #{_position[node]})";

    /// <summary>The initializer that input <paramref name="index"/> of <paramref name="node"/> names, decoded.</summary>
    public OnnxTensor Initializer(NodeProto node, int index, string role)
    {
        string name = index < node.Input.Count ? node.Input[index] : "";
        if (name.Length == 0) throw new FormatProblem($"{Describe(node)} has no {role} input");
        if (!_initializers.TryGetValue(name, out var t))
            throw new FormatProblem($"{Describe(node)}: {role} '{name}' is not an initializer; NetSym reads constant weights only");
        return OnnxTensors.Decode(t);
    }

    /// <summary>The int64 initializer that input <paramref name="index"/> of <paramref name="node"/> names (pads, axes, a shape).</summary>
    public long[] IntegerInitializer(NodeProto node, int index, string role)
    {
        string name = index < node.Input.Count ? node.Input[index] : "";
        if (!_initializers.TryGetValue(name, out var t))
            throw new FormatProblem($"{Describe(node)}: {role} '{name}' is not a constant; NetSym reads constant {role}");
        return OnnxTensors.DecodeInt64(t);
    }

    /// <summary>Whether input <paramref name="index"/> of <paramref name="node"/> is present (optional inputs may be empty names).</summary>
    public static bool HasInput(NodeProto node, int index) => index < node.Input.Count && node.Input[index].Length > 0;

    /// <summary>Whether <paramref name="name"/> is an initializer.</summary>
    public bool IsInitializer(string name) => _initializers.ContainsKey(name);

    private void RejectUnsupportedOps()
    {
        var unsupported = _nodes
            .Where(n => !_fused.ContainsKey(n) && (n.Domain is not ("" or "ai.onnx") || !SupportedOps.Contains(n.OpType)))
            .Select(n => n.Domain is "" or "ai.onnx" ? Describe(n) : $"{Describe(n)} from domain '{n.Domain}'")
            .ToList();
        if (unsupported.Count > 0)
            throw new FormatProblem($"unsupported op{(unsupported.Count > 1 ? "s" : "")} {string.Join(", ", unsupported)}; " +
                $"NetSym reads networks built from {string.Join(", ", SupportedOps)}");
    }

    /// <summary>The (channels, length) or (channels, height, width) of a convolutional network's input, which its declared shape must fix.</summary>
    private static NodeShape SpatialInputShape(ValueInfoProto input)
    {
        var dims = input.Type?.TensorType?.Shape?.Dim;
        string shape = dims is null ? "no declared shape" : $"shape [{string.Join(",", dims.Select(d => d.HasDimValue ? d.DimValue.ToString() : d.DimParam))}]";
        if (dims is null || dims.Count is not (3 or 4) || dims.Skip(1).Any(d => !d.HasDimValue || d.DimValue <= 0 || d.DimValue > int.MaxValue))
            throw new FormatProblem($"input '{input.Name}' has {shape}; a convolutional network needs a fixed (N, channels, length) or (N, channels, height, width) input");
        try
        {
            return new NodeShape((int)dims[1].DimValue, [.. dims.Skip(2).Select(d => (int)d.DimValue)]);
        }
        catch (InvalidNetworkException e) { throw new FormatProblem($"input '{input.Name}' has {shape}: {e.Message}"); }
    }

    /// <summary>
    /// The declared input shape must be (batch, n) or, for the same function, (batch, 1, …, 1, n),
    /// or anything when a Flatten comes first, whose non-batch axes then multiply to n.
    /// </summary>
    private static void CheckInputShape(ValueInfoProto input, int inputSize, bool flattened)
    {
        var dims = input.Type?.TensorType?.Shape?.Dim;
        if (dims is null) return; // no declared shape: the first weight matrix decides
        string shape = $"[{string.Join(",", dims.Select(d => d.HasDimValue ? d.DimValue.ToString() : d.DimParam))}]";
        if (dims.Count < 2) throw new FormatProblem($"input '{input.Name}' has shape {shape}; NetSym needs a batch axis and at least one feature axis");
        var features = dims.Skip(1).ToList();
        if (flattened)
        {
            if (features.All(d => d.HasDimValue) && features.Aggregate(1L, (p, d) => p * d.DimValue) != inputSize)
                throw new FormatProblem($"input '{input.Name}' has shape {shape}, which flattens to {features.Aggregate(1L, (p, d) => p * d.DimValue)} features, but the first layer takes {inputSize}");
            return;
        }
        if (features.SkipLast(1).Any(d => !d.HasDimValue || d.DimValue != 1))
            throw new FormatProblem($"input '{input.Name}' has shape {shape}: a linear map acts on the last axis only, so the axes between batch and features must be 1 (or the graph must start with a Flatten)");
        if (features[^1].HasDimValue && features[^1].DimValue != inputSize)
            throw new FormatProblem($"input '{input.Name}' has {features[^1].DimValue} features, but the first layer takes {inputSize}");
    }
}

using Google.Protobuf;
using NetSym.Networks;
using Onnx;

namespace NetSym.IO;

/// <summary>
/// Writes a network as an ONNX model (opset 13, IR version 8) that ONNX Runtime and PyTorch run:
/// input "input" and output "output", both float32 with a symbolic batch axis. A plain MLP is a chain
/// of one Gemm(transB = 1) per layer followed by its activation op (SiLU and exact GELU: their node
/// patterns), input [batch, n0]; a convolutional or residual network is written by
/// <see cref="OnnxConvolutionalWriter"/>, input [batch, C, spatial…].
/// </summary>
/// <remarks>
/// ONNX models compute in float32, so every weight, bias and activation parameter is rounded to the
/// nearest float32: reading the file back gives the network with its parameters so rounded (exactly
/// the same network when they were float32 values already). NetSym JSON is the lossless format.
/// </remarks>
public static class OnnxModelWriter
{
    /// <summary>The opset the model declares.</summary>
    public const int OpsetVersion = 13;

    /// <summary>The IR version the model declares.</summary>
    public const int IrVersion = 8;

    /// <summary>Name of the graph input.</summary>
    public const string InputName = "input";

    /// <summary>Name of the graph output.</summary>
    public const string OutputName = "output";

    /// <summary>Writes the network as ONNX to a stream.</summary>
    /// <exception cref="NotSupportedException">
    /// A skip connection in an MLP, a dense layer reading several nodes, or a connectivity mask (ONNX has
    /// no place for the structure: use NetSym JSON); dilated average pooling or pooling padded by as much
    /// as its window (<see cref="OnnxConvolutionalWriter"/>); or an activation with neither an opset-13 op
    /// nor a node pattern (gelu's tanh form, an expression).
    /// </exception>
    /// <param name="network">The network.</param>
    /// <param name="stream">Where the model goes.</param>
    /// <param name="progress">Told of each layer's tensors, then of the encoding.</param>
    public static void Write(Network network, Stream stream, IProgress<ProgressReport>? progress = null)
    {
        var stages = new ProgressStages(progress, network.Layers.Count + 1);
        var model = ToModel(network, stages);
        stages.Begin("encoding and writing the model");
        model.WriteTo(stream);
        stages.Complete();
    }

    /// <summary>The ONNX model of the network, as <see cref="Write"/> serialises it, beginning a stage of <paramref name="stages"/> per layer.</summary>
    internal static ModelProto ToModel(Network network, ProgressStages stages)
    {
        var graph = network.HasDenseLayersOnly && network.InputShape.IsFlat
            ? ChainGraph(network, stages)
            : OnnxConvolutionalWriter.Graph(network, stages);
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "NetSym",
            ProducerVersion = typeof(OnnxModelWriter).Assembly.GetName().Version?.ToString() ?? "",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        return model;
    }

    /// <summary>The graph of a network of dense layers over a flat input: a chain of Gemms and activations.</summary>
    private static GraphProto ChainGraph(Network network, ProgressStages stages)
    {
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            if (!network.Graph.ReadsPreviousOnly(l))
                throw new NotSupportedException($"ONNX export writes plain MLPs only, but layer {l} reads nodes [{string.Join(", ", layer.Sources)}] (a skip connection): save the network as NetSym JSON instead");
            if (!layer.IsDense)
                throw new NotSupportedException($"ONNX export writes plain MLPs only, but layer {l} has a connectivity mask, which ONNX cannot hold: save the network as NetSym JSON instead");
        }
        var activations = network.Layers.Select(l => OnnxActivations.ToOnnx(l.Activation)).ToList();

        var graph = new GraphProto { Name = "netsym" };
        graph.Input.Add(FloatTensorInfo(InputName, network.InputShape));
        graph.Output.Add(FloatTensorInfo(OutputName, network.Layers[^1].OutputShape));
        string current = InputName;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            bool last = l == network.Layers.Count - 1;
            stages.Begin($"float32 tensors of layer {l + 1} of {network.Layers.Count}");
            current = WriteGemm(graph, network.Layers[l], $"layers.{l}", current, last && activations[l] is null ? OutputName : null);
            if (activations[l] is { } op)
                current = WriteActivation(graph, op, $"layers.{l}", current, last ? OutputName : null);
        }
        return graph;
    }

    /// <summary>
    /// A dense layer's Gemm(transB = 1) over <paramref name="x"/> with initializers <c>PREFIX.weight</c>
    /// and <c>PREFIX.bias</c>; returns its output, <paramref name="output"/> or a name of its own.
    /// </summary>
    internal static string WriteGemm(GraphProto graph, Layer layer, string prefix, string x, string? output)
    {
        graph.Initializer.Add(OnnxTensors.Float32($"{prefix}.weight", [layer.OutputSize, layer.InputSize], layer.Weights));
        graph.Initializer.Add(OnnxTensors.Float32($"{prefix}.bias", [layer.OutputSize], layer.Bias));
        output ??= $"/{prefix}/Gemm_output_0";
        var gemm = Node("Gemm", $"/{prefix}/Gemm", [x, $"{prefix}.weight", $"{prefix}.bias"], output);
        gemm.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        graph.Node.Add(gemm);
        return output;
    }

    /// <summary>
    /// The nodes of activation <paramref name="op"/> applied to <paramref name="x"/> (its op, or SiLU's and
    /// exact GELU's patterns); returns their output, <paramref name="output"/> or a name of its own.
    /// </summary>
    internal static string WriteActivation(GraphProto graph, OnnxActivation op, string prefix, string x, string? output)
    {
        string activated = output ?? $"/{prefix}/{op.OpType}_output_0";
        if (op.OpType is OnnxPatterns.Silu or OnnxPatterns.Gelu)
        {
            WritePattern(graph, op.OpType, prefix, x, activated);
            return activated;
        }
        var inputs = new List<string> { x };
        if (op.ClipBounds is var (min, max))
        {
            graph.Initializer.Add(OnnxTensors.Float32($"{prefix}.clip_min", [], [min]));
            graph.Initializer.Add(OnnxTensors.Float32($"{prefix}.clip_max", [], [max]));
            inputs.AddRange([$"{prefix}.clip_min", $"{prefix}.clip_max"]);
        }
        var act = Node(op.OpType, $"/{prefix}/{op.OpType}", inputs, activated);
        if (op.Alpha is float alpha)
            act.Attribute.Add(new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = alpha });
        graph.Node.Add(act);
        return activated;
    }

    // SiLU and exact GELU as torch.onnx.export writes them (opsets 13–17), which OnnxPatterns reads back:
    // Sigmoid(x), Mul(x, ·); and Div(x, √2), Erf, Add(·, 1), Mul(x, ·), Mul(·, 0.5).
    private static void WritePattern(GraphProto graph, string pattern, string prefix, string x, string output)
    {
        string Tensor(string op) => $"/{prefix}/{op}_output_0";
        if (pattern == OnnxPatterns.Silu)
        {
            graph.Node.Add(Node("Sigmoid", $"/{prefix}/Sigmoid", [x], Tensor("Sigmoid")));
            graph.Node.Add(Node("Mul", $"/{prefix}/Mul", [x, Tensor("Sigmoid")], output));
            return;
        }
        graph.Initializer.Add(OnnxTensors.Float32($"{prefix}.gelu_sqrt2", [], [Math.Sqrt(2)]));
        graph.Initializer.Add(OnnxTensors.Float32($"{prefix}.gelu_one", [], [1]));
        graph.Initializer.Add(OnnxTensors.Float32($"{prefix}.gelu_half", [], [0.5]));
        graph.Node.Add(Node("Div", $"/{prefix}/Div", [x, $"{prefix}.gelu_sqrt2"], Tensor("Div")));
        graph.Node.Add(Node("Erf", $"/{prefix}/Erf", [Tensor("Div")], Tensor("Erf")));
        graph.Node.Add(Node("Add", $"/{prefix}/Add", [Tensor("Erf"), $"{prefix}.gelu_one"], Tensor("Add")));
        graph.Node.Add(Node("Mul", $"/{prefix}/Mul", [x, Tensor("Add")], Tensor("Mul")));
        graph.Node.Add(Node("Mul", $"/{prefix}/Mul_1", [Tensor("Mul"), $"{prefix}.gelu_half"], output));
    }

    internal static NodeProto Node(string opType, string name, IEnumerable<string> inputs, string output)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    /// <summary>A float32 tensor of shape [batch, C, spatial…] ([batch, n] for a vector) with a symbolic batch axis.</summary>
    internal static ValueInfoProto FloatTensorInfo(string name, NodeShape node)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        foreach (int extent in (int[])[node.Channels, .. node.Spatial])
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = extent });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}

using Google.Protobuf;
using NetSym.Networks;
using Onnx;

namespace NetSym.IO;

/// <summary>
/// Writes a plain MLP as an ONNX model (opset 13, IR version 8) that ONNX Runtime and PyTorch run:
/// input "input" of shape [batch, n0] and output "output", both float32, with one
/// Gemm(transB = 1) per layer followed by its activation op (SiLU and exact GELU: their node patterns).
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
    /// A skip connection or a connectivity mask (ONNX has no place for the structure: use NetSym JSON),
    /// or an activation with neither an opset-13 op nor a node pattern (gelu's tanh form, an expression).
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
        graph.Input.Add(FloatTensorInfo(InputName, network.InputSize));
        graph.Output.Add(FloatTensorInfo(OutputName, network.OutputSize));
        string current = InputName;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var op = activations[l];
            bool last = l == network.Layers.Count - 1;
            string prefix = $"layers.{l}";
            stages.Begin($"float32 tensors of layer {l + 1} of {network.Layers.Count}");
            graph.Initializer.Add(OnnxTensors.Float32($"{prefix}.weight", [layer.OutputSize, layer.InputSize], layer.Weights));
            graph.Initializer.Add(OnnxTensors.Float32($"{prefix}.bias", [layer.OutputSize], layer.Bias));

            string linear = last && op is null ? OutputName : $"/{prefix}/Gemm_output_0";
            var gemm = Node("Gemm", $"/{prefix}/Gemm", [current, $"{prefix}.weight", $"{prefix}.bias"], linear);
            gemm.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            graph.Node.Add(gemm);
            current = linear;
            if (op is null) continue;

            string activated = last ? OutputName : $"/{prefix}/{op.OpType}_output_0";
            if (op.OpType is OnnxPatterns.Silu or OnnxPatterns.Gelu)
            {
                WritePattern(graph, op.OpType, prefix, current, activated);
                current = activated;
                continue;
            }
            var inputs = new List<string> { current };
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
            current = activated;
        }

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

    private static NodeProto Node(string opType, string name, IEnumerable<string> inputs, string output)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    /// <summary>A float32 tensor of shape [batch, width] with a symbolic batch axis.</summary>
    private static ValueInfoProto FloatTensorInfo(string name, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}

using NetSym.Networks;
using Onnx;

namespace NetSym.IO;

/// <summary>
/// The ONNX graph (opset 13, float32) of a convolutional or residual network — any network that is
/// not dense layers over a flat input — as torch.onnx.export writes such models: node k's tensor is
/// [batch, C, spatial…] ([batch, n] for a vector); each layer is one op, then its activation op.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>convolution: <c>Conv</c> with kernel_shape, strides, pads (all begins, then all ends), dilations and group,
/// initializers <c>layers.l.weight</c> (out, in/groups, k…) and <c>layers.l.bias</c>;</item>
/// <item>max pooling: <c>MaxPool</c> (padding never wins a maximum, as in NetSym);</item>
/// <item>average pooling: <c>GlobalAveragePool</c> when one unpadded, undilated window covers the input,
/// else <c>AveragePool</c> with count_include_pad = 1 when padded (NetSym divides by the whole window);</item>
/// <item>addition: a chain of <c>Add</c> nodes over its sources;</item>
/// <item>dense: <c>Gemm</c>(transB = 1), after a <c>Flatten</c>(axis = 1) when it reads a feature map
/// (channel-major, the order NetSym's flat nodes use).</item>
/// </list>
/// </remarks>
internal static class OnnxConvolutionalWriter
{
    /// <summary>The graph of <paramref name="network"/>, beginning a stage of <paramref name="stages"/> per layer.</summary>
    /// <exception cref="NotSupportedException">
    /// What ONNX (or ONNX Runtime) cannot hold: a dense layer reading several nodes, a connectivity mask,
    /// dilated average pooling (opset 13's AveragePool has no dilations), pooling padded by as much as its
    /// kernel, or an activation without an ONNX form.
    /// </exception>
    public static GraphProto Graph(Network network, ProgressStages stages)
    {
        var activations = new OnnxActivation?[network.Layers.Count];
        for (int l = 0; l < network.Layers.Count; l++)
        {
            Check(network.Layers[l], l);
            activations[l] = OnnxActivations.ToOnnx(network.Layers[l].Activation);
        }

        var graph = new GraphProto { Name = "netsym" };
        graph.Input.Add(OnnxModelWriter.FloatTensorInfo(OnnxModelWriter.InputName, network.InputShape));
        graph.Output.Add(OnnxModelWriter.FloatTensorInfo(OnnxModelWriter.OutputName, network.Layers[^1].OutputShape));
        var tensors = new List<string> { OnnxModelWriter.InputName }; // node k's tensor
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            bool last = l == network.Layers.Count - 1;
            string prefix = $"layers.{l}";
            stages.Begin($"float32 tensors of layer {l + 1} of {network.Layers.Count}");
            string? output = last && activations[l] is null ? OnnxModelWriter.OutputName : null;
            string x = tensors[layer.Sources[0]];
            string current = layer.Kind switch
            {
                LayerKind.Dense => OnnxModelWriter.WriteGemm(graph, layer, prefix, network.ShapeOf(layer.Sources[0]).IsFlat ? x : Flatten(graph, prefix, x), output),
                LayerKind.Convolution => WriteConvolution(graph, layer, prefix, x, output),
                LayerKind.MaxPool or LayerKind.AveragePool => WritePooling(graph, layer, prefix, x, output),
                _ => WriteAdd(graph, prefix, [.. layer.Sources.Select(s => tensors[s])], output),
            };
            if (activations[l] is { } op)
                current = OnnxModelWriter.WriteActivation(graph, op, prefix, current, last ? OnnxModelWriter.OutputName : null);
            tensors.Add(current);
        }
        return graph;
    }

    private static void Check(Layer layer, int l)
    {
        if (layer.Kind == LayerKind.Dense && layer.Sources.Count != 1)
            throw new NotSupportedException($"ONNX export writes dense layers that read one node, but layer {l} reads nodes [{string.Join(", ", layer.Sources)}] (a concatenation): save the network as NetSym JSON instead");
        if (!layer.IsDense)
            throw new NotSupportedException($"ONNX export cannot hold layer {l}'s connectivity mask: save the network as NetSym JSON instead");
        if (layer.Window is not { } window || layer.Kind == LayerKind.Convolution) return;
        if (layer.Kind == LayerKind.AveragePool && !IsGlobal(layer) && window.Dilation.Any(d => d != 1))
            throw new NotSupportedException($"layer {l} is a dilated average pooling ({window}), which opset {OnnxModelWriter.OpsetVersion}'s AveragePool cannot express: save the network as NetSym JSON instead");
        for (int a = 0; a < window.Rank; a++)
            if (window.PadBegin[a] >= window.Kernel[a] || window.PadEnd[a] >= window.Kernel[a])
                throw new NotSupportedException($"layer {l} pools with padding as large as its window ({window}), which ONNX Runtime refuses: save the network as NetSym JSON instead");
    }

    // One unpadded, undilated window over every position: ONNX's GlobalAveragePool.
    private static bool IsGlobal(Layer layer) =>
        layer.Kind == LayerKind.AveragePool && !layer.Window!.IsPadded && layer.Window.Dilation.All(d => d == 1)
        && layer.Window.Kernel.SequenceEqual(layer.InputShape.Spatial);

    private static string Flatten(GraphProto graph, string prefix, string x)
    {
        string output = $"/{prefix}/Flatten_output_0";
        var node = OnnxModelWriter.Node("Flatten", $"/{prefix}/Flatten", [x], output);
        node.Attribute.Add(Int("axis", 1));
        graph.Node.Add(node);
        return output;
    }

    private static string WriteConvolution(GraphProto graph, Layer layer, string prefix, string x, string? output)
    {
        var window = layer.Window!;
        long[] kernelShape = [layer.Units, layer.InputShape.Channels / layer.Groups, .. window.Kernel.Select(k => (long)k)];
        graph.Initializer.Add(OnnxTensors.Float32($"{prefix}.weight", kernelShape, layer.Weights));
        graph.Initializer.Add(OnnxTensors.Float32($"{prefix}.bias", [layer.Units], layer.Bias));
        output ??= $"/{prefix}/Conv_output_0";
        var node = OnnxModelWriter.Node("Conv", $"/{prefix}/Conv", [x, $"{prefix}.weight", $"{prefix}.bias"], output);
        node.Attribute.Add(Ints("dilations", window.Dilation));
        node.Attribute.Add(Int("group", layer.Groups));
        AddWindow(node, window);
        graph.Node.Add(node);
        return output;
    }

    private static string WritePooling(GraphProto graph, Layer layer, string prefix, string x, string? output)
    {
        var window = layer.Window!;
        string op = IsGlobal(layer) ? "GlobalAveragePool" : layer.Kind == LayerKind.MaxPool ? "MaxPool" : "AveragePool";
        output ??= $"/{prefix}/{op}_output_0";
        var node = OnnxModelWriter.Node(op, $"/{prefix}/{op}", [x], output);
        if (op == "MaxPool") node.Attribute.Add(Ints("dilations", window.Dilation));
        if (op == "AveragePool" && window.IsPadded) node.Attribute.Add(Int("count_include_pad", 1));
        if (op != "GlobalAveragePool") AddWindow(node, window);
        graph.Node.Add(node);
        return output;
    }

    // Binary Adds, left to right, as PyTorch writes a + b + c; named apart from the Add of exact GELU's
    // pattern, which may follow in the same layer (node names must be unique).
    private static string WriteAdd(GraphProto graph, string prefix, string[] sources, string? output)
    {
        string sum = sources[0];
        for (int i = 1; i < sources.Length; i++)
        {
            string name = $"/{prefix}/residual/Add{(i == 1 ? "" : $"_{i - 1}")}";
            string result = i == sources.Length - 1 && output is not null ? output : $"{name}_output_0";
            graph.Node.Add(OnnxModelWriter.Node("Add", name, [sum, sources[i]], result));
            sum = result;
        }
        return sum;
    }

    // ONNX's pads list every axis's begin, then every axis's end.
    private static void AddWindow(NodeProto node, WindowGeometry window)
    {
        node.Attribute.Add(Ints("kernel_shape", window.Kernel));
        node.Attribute.Add(Ints("pads", [.. window.PadBegin, .. window.PadEnd]));
        node.Attribute.Add(Ints("strides", window.Stride));
    }

    private static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto Ints(string name, IEnumerable<int> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values.Select(v => (long)v));
        return attribute;
    }
}

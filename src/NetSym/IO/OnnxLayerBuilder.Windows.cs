using NetSym.Networks;
using Onnx;

namespace NetSym.IO;

// Ops that slide a window over the spatial axes — Conv, MaxPool, AveragePool, GlobalAveragePool,
// ReduceMean over the spatial axes — and the zero Pad folded into the window after it.
internal sealed partial class OnnxLayerBuilder
{
    private OnnxOpenLayer Conv(NodeProto node)
    {
        var value = Value(node.Input[0], node, takesPad: true);
        var shape = SpatialShape(node, value);
        var w = _graph.Initializer(node, 1, "weight W");
        int rank = shape.Spatial.Count;
        if (w.Shape.Length != rank + 2 || w.Shape.Any(d => d <= 0))
            throw new FormatProblem($"{_graph.Describe(node)}: weight '{w.Name}' has shape {w.ShapeText}; a {rank}-d convolution of a {shape} input needs [out, in/group, {string.Join(", ", Enumerable.Repeat("k", rank))}]");
        long groups = _attributes.Int(node, "group") ?? 1;
        int outChannels = (int)w.Shape[0];
        if (groups < 1 || w.Shape[1] * groups != shape.Channels)
            throw new FormatProblem($"{_graph.Describe(node)}: weight '{w.Name}' of shape {w.ShapeText} with group={groups} reads {w.Shape[1] * groups} input channels, " +
                $"but its input '{node.Input[0]}' has {shape.Channels} ({shape})");
        if (outChannels % groups != 0)
            throw new FormatProblem($"{_graph.Describe(node)}: {outChannels} output channels are not divisible by group={groups}");
        int[] kernel = [.. w.Shape.Skip(2).Select(d => (int)d)];
        if (_attributes.Ints(node, "kernel_shape") is { } declared && !declared.SequenceEqual(kernel.Select(k => (long)k)))
            throw new FormatProblem($"{_graph.Describe(node)}: kernel_shape [{string.Join(",", declared)}] disagrees with weight '{w.Name}' of shape {w.ShapeText}");
        var window = Window(node, shape, value, kernel);
        var bias = OnnxGraphReader.HasInput(node, 2) ? Bias(node, _graph.Initializer(node, 2, "bias B"), outChannels) : new double[outChannels];
        return new OnnxOpenLayer(node, LayerKind.Convolution, shape, [value.Node], outChannels, w.Values, bias, Window: window, Groups: (int)groups);
    }

    private OnnxValue Pool(NodeProto node)
    {
        bool max = node.OpType == "MaxPool";
        var value = Value(node.Input[0], node, takesPad: true);
        if (max && value.PadBy is { } pad)
            throw new FormatProblem($"{_graph.Describe(node)} reads '{node.Input[0]}', padded with zeros by {_graph.Describe(pad)}; " +
                "a max-pool pads with −∞, so NetSym cannot fold a non-zero Pad into it");
        var shape = SpatialShape(node, value);
        if ((_attributes.Int(node, "ceil_mode") ?? 0) != 0)
            throw new FormatProblem($"{_graph.Describe(node)} has ceil_mode=1; NetSym's windows use floor mode (ceil_mode=0)");
        if (max && (_attributes.Int(node, "storage_order") ?? 0) != 0)
            throw new FormatProblem($"{_graph.Describe(node)} has storage_order=1; NetSym reads storage_order=0");
        if (_attributes.Ints(node, "kernel_shape") is null) throw new FormatProblem($"{_graph.Describe(node)} has no kernel_shape");
        var kernel = _attributes.PerAxis(node, "kernel_shape", shape.Spatial.Count, 1, 1);
        // NetSym's average pool divides by the whole window, padding included (count_include_pad=1);
        // ONNX's default 0 divides by the entries inside the input, which differs only where the op pads.
        if (!max && (_attributes.Int(node, "count_include_pad") ?? 0) == 0 && (_attributes.Ints(node, "pads") ?? []).Any(p => p != 0))
            throw new FormatProblem($"{_graph.Describe(node)} pads with count_include_pad=0 (border windows average fewer entries); NetSym's average pool counts the padding (count_include_pad=1)");
        var window = Window(node, shape, value, kernel);
        return ClosePooling(node, max ? LayerKind.MaxPool : LayerKind.AveragePool, shape, window, value.Node);
    }

    // GlobalAveragePool, or ReduceMean over every spatial axis: one window over all positions (and any zero Pad before it).
    private OnnxValue GlobalAverage(NodeProto node)
    {
        var value = Value(node.Input[0], node, takesPad: true);
        var shape = SpatialShape(node, value);
        int rank = shape.Spatial.Count;
        bool keepDims = true;
        if (node.OpType == "ReduceMean")
        {
            long[] axes = OnnxGraphReader.HasInput(node, 1) ? _graph.IntegerInitializer(node, 1, "axes") : _attributes.Ints(node, "axes") ?? [];
            var normalised = axes.Select(a => a < 0 ? a + rank + 2 : a).Order().ToArray();
            if (!normalised.SequenceEqual(Enumerable.Range(2, rank).Select(a => (long)a)))
                throw new FormatProblem($"{_graph.Describe(node)} averages over axes [{string.Join(",", axes)}]; NetSym reads ReduceMean over all spatial axes " +
                    $"[{string.Join(",", Enumerable.Range(2, rank))}] of its (N, {shape}) input, a global average pool");
            keepDims = (_attributes.Int(node, "keepdims") ?? 1) != 0;
        }
        int[] pad = value.Pad ?? new int[2 * rank];
        var window = new WindowGeometry([.. Enumerable.Range(0, rank).Select(a => shape.Spatial[a] + pad[a] + pad[rank + a])],
            [.. Enumerable.Repeat(1, rank)], pad[..rank], pad[rank..], [.. Enumerable.Repeat(1, rank)]);
        var pooled = ClosePooling(node, LayerKind.AveragePool, shape, window, value.Node);
        return keepDims ? pooled : pooled with { Shape = NodeShape.Flat(shape.Channels) };
    }

    // A constant zero Pad of the spatial axes: kept with the value for the Conv or pooling window after it.
    private OnnxValue Pad(NodeProto node)
    {
        var value = Value(node.Input[0], node, takesPad: true);
        var shape = SpatialShape(node, value);
        int rank = shape.Spatial.Count;
        string mode = _attributes.String(node, "mode") ?? "constant";
        if (mode != "constant") throw new FormatProblem($"{_graph.Describe(node)} has mode='{mode}'; NetSym reads constant zero padding");
        if (OnnxGraphReader.HasInput(node, 3)) throw new FormatProblem($"{_graph.Describe(node)} has an axes input; NetSym reads pads for every axis");
        double fill = OnnxGraphReader.HasInput(node, 2) ? Scalar(node, 2, "constant_value") : _attributes.Float(node, "value") ?? 0f;
        if (fill != 0) throw new FormatProblem($"{_graph.Describe(node)} pads with {fill}; NetSym reads zero padding only");
        // Opset 11 moved pads from an attribute to an input.
        long[] pads = OnnxGraphReader.HasInput(node, 1) ? _graph.IntegerInitializer(node, 1, "pads")
            : _attributes.Ints(node, "pads") ?? throw new FormatProblem($"{_graph.Describe(node)} has no pads");
        int axes = rank + 2;
        if (pads.Length != 2 * axes || pads.Any(p => p < 0 || p > int.MaxValue) || pads[0] != 0 || pads[1] != 0 || pads[axes] != 0 || pads[axes + 1] != 0)
            throw new FormatProblem($"{_graph.Describe(node)} has pads [{string.Join(",", pads)}]; NetSym reads non-negative padding of the spatial axes of an (N, {shape}) tensor, {2 * axes} entries");
        var before = value.Pad ?? new int[2 * rank];
        int[] total = [.. Enumerable.Range(0, 2 * rank).Select(i => before[i] + (int)pads[i < rank ? 2 + i : axes + 2 + i - rank])];
        return total.All(p => p == 0) ? value : value with { Pad = total, PadBy = node };
    }

    // The window of a Conv or pooling op: explicit pads (auto_pad NOTSET) plus any zero Pad folded from before it.
    private WindowGeometry Window(NodeProto node, NodeShape shape, OnnxValue value, int[] kernel)
    {
        string autoPad = _attributes.String(node, "auto_pad") ?? "NOTSET";
        if (autoPad != "NOTSET")
            throw new FormatProblem($"{_graph.Describe(node)} has auto_pad='{autoPad}'; NetSym reads explicit pads (auto_pad=NOTSET), as torch.onnx.export writes them");
        int rank = kernel.Length;
        var strides = _attributes.PerAxis(node, "strides", rank, 1, 1);
        var dilations = _attributes.PerAxis(node, "dilations", rank, 1, 1);
        var pads = _attributes.PerAxis(node, "pads", 2 * rank, 0, 0);
        if (value.Pad is { } folded)
            for (int i = 0; i < pads.Length; i++) pads[i] += folded[i];
        try
        {
            var window = new WindowGeometry(kernel, strides, pads[..rank], pads[rank..], dilations);
            window.OutputSpatial(shape.Spatial);
            return window;
        }
        catch (InvalidNetworkException e) { throw new FormatProblem($"{_graph.Describe(node)}: {e.Message}"); }
    }

    private OnnxValue ClosePooling(NodeProto node, LayerKind kind, NodeShape shape, WindowGeometry window, int source)
    {
        Layer layer;
        try { layer = Layer.Pooling(kind, shape, window, source); }
        catch (InvalidNetworkException e) { throw new FormatProblem($"{_graph.Describe(node)}: {e.Message}"); }
        _layers.Add(layer);
        _made[_layers.Count] = (node, node.Output[0]);
        return new OnnxValue(_layers.Count, layer.OutputShape);
    }

    // The channels × positions shape a window op needs: a node's own shape, not a flattened view.
    private NodeShape SpatialShape(NodeProto node, OnnxValue value)
    {
        if (value.Shape is not { IsFlat: false } shape || value.Node > 0 && !shape.Equals(ShapeOf(value.Node)))
            throw new FormatProblem($"{_graph.Describe(node)} reads '{node.Input[0]}'{(value.Shape is null ? "" : $" of shape {value.Shape}")}; it needs a (N, channels, length) or (N, channels, height, width) tensor");
        return shape;
    }
}

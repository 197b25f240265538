using NetSym.Networks;
using Onnx;

namespace NetSym.IO;

// Activation ops: each closes the open layer it alone reads (Gemm, MatMul, Conv or Add).
internal sealed partial class OnnxLayerBuilder
{
    private OnnxValue Activate(NodeProto node)
    {
        string input = node.Input[0];
        if (TakeOpen(input) is { } open) return Close(open, ReadActivation(node), node.Output[0]);
        var value = Read(node, 0);
        var kind = value.Node > 0 ? _layers[value.Node - 1].Kind : LayerKind.Dense;
        if (value.Node > 0 && kind is not (LayerKind.MaxPool or LayerKind.AveragePool) && _layers[value.Node - 1].Activation.IsIdentity
            && _made[value.Node].Tensor == input && _topology.Uses(input) > 1)
            throw new FormatProblem($"{_graph.Describe(node)} reads '{input}', which {_topology.Uses(input)} readers share; " +
                "NetSym puts an activation on a layer only when it is the layer's one reader");
        if (kind is LayerKind.MaxPool or LayerKind.AveragePool)
            return ActivateBeforePooling(node, value);
        throw new FormatProblem($"{_graph.Describe(node)} does not follow a Gemm or MatMul, a Conv or an Add; NetSym reads one activation after each linear map");
    }

    // Pooling layers carry no activation. A non-decreasing piecewise-linear activation (ReLU, leaky ReLU,
    // hardtanh, ReLU6) commutes with a maximum, ρ(max z) = max ρ(z), so ρ after a MaxPool is the same
    // function as ρ on the layer before it, when that layer has none of its own and only the pool reads it.
    private OnnxValue ActivateBeforePooling(NodeProto node, OnnxValue pooled)
    {
        var pool = _layers[pooled.Node - 1];
        var (poolOp, poolTensor) = _made[pooled.Node];
        string refusal = $"{_graph.Describe(node)} follows {_graph.Describe(poolOp)}, and a pooling layer has no activation of its own";
        var activation = ReadActivation(node);
        if (pool.Kind != LayerKind.MaxPool)
            throw new FormatProblem($"{refusal} (an activation does not commute with an average)");
        if (activation.Pieces is not { } pieces || pieces.Slopes.Any(s => s < 0))
            throw new FormatProblem($"{refusal}; only a non-decreasing piecewise-linear activation (relu, leaky_relu, hardtanh, relu6) can move before a max-pool");
        int source = pool.Sources[0];
        if (node.Input[0] != poolTensor || _topology.Uses(poolTensor) != 1 || source == 0
            || !_layers[source - 1].Activation.IsIdentity || _layers[source - 1].Kind is LayerKind.MaxPool or LayerKind.AveragePool
            || _topology.Uses(_made[source].Tensor) != 1)
            throw new FormatProblem($"{refusal}; it can move before the max-pool only when it reads the pool directly, alone, and the pool alone reads a layer without activation");
        _layers[source - 1] = _layers[source - 1].With(activation);
        Notes.Add($"{_graph.Describe(node)} after {_graph.Describe(poolOp)} moved onto {_graph.Describe(_made[source].Op)} (a non-decreasing activation commutes with the maximum)");
        return pooled;
    }

    private Activation ReadActivation(NodeProto node)
    {
        (float Min, float Max)? bounds = null;
        if (node.OpType == "Clip" && OnnxGraphReader.HasInput(node, 1) && OnnxGraphReader.HasInput(node, 2))
            bounds = (Scalar(node, 1, "min"), Scalar(node, 2, "max"));
        CheckFixedAttributes(node);
        // ONNX's Gelu (opset 20) in its tanh form is NetSym's gelu; in its exact form (and as a fused pattern) gelu_erf.
        if (node.OpType == OnnxPatterns.Gelu && _attributes.String(node, "approximate") is "tanh") return new GeluActivation();
        var op = new OnnxActivation(node.OpType, _attributes.Float(node, "alpha"), bounds);
        return OnnxActivations.FromOnnx(op, out string? error) ?? throw new FormatProblem($"{_graph.Describe(node)}: {error}");
    }

    // Attributes NetSym's activation fixes rather than reads: HardSigmoid's beta (½) and Selu's gamma (λ),
    // Gelu's approximate ("none" or "tanh").
    private void CheckFixedAttributes(NodeProto node)
    {
        string? wrong = node.OpType switch
        {
            "HardSigmoid" when _attributes.Float(node, "beta") is { } beta && beta != 0.5f => $"beta={beta}; NetSym's hardsigmoid is HardSigmoid(alpha=1/6, beta=0.5), as PyTorch exports it",
            "Selu" when _attributes.Float(node, "gamma") is { } gamma && gamma != (float)SeluOperator.Scale => $"gamma={gamma}; NetSym's selu has PyTorch's gamma {(float)SeluOperator.Scale}",
            "Gelu" when _attributes.String(node, "approximate") is { } a && a is not ("none" or "tanh") => $"approximate='{a}'; ONNX's Gelu takes 'none' or 'tanh'",
            _ => null,
        };
        if (wrong is not null) throw new FormatProblem($"{_graph.Describe(node)} has {wrong}");
    }

    private float Scalar(NodeProto node, int index, string role)
    {
        var t = _graph.Initializer(node, index, role);
        if (t.Values.Length != 1) throw new FormatProblem($"{_graph.Describe(node)}: {role} '{t.Name}' has shape {t.ShapeText}; expected a scalar");
        return (float)t.Values[0];
    }
}

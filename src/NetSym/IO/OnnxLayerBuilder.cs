using NetSym.Networks;
using Onnx;

namespace NetSym.IO;

/// <summary>
/// Reads the nodes of an ONNX chain, in order, as layers: each Gemm or MatMul opens a layer (a
/// MatMul may take its bias from the next Add), the activation op after it closes it, and a linear
/// map followed directly by another linear map (or by the output) gets the identity.
/// </summary>
internal sealed class OnnxLayerBuilder(OnnxGraphReader graph)
{
    private readonly List<Layer> _layers = [];
    private OpenLayer? _open;
    private bool _started;

    /// <summary>Whether the chain began with a Flatten of the non-batch axes.</summary>
    public bool Flattened { get; private set; }

    /// <summary>Reads one node; <paramref name="current"/> is the chain tensor it consumes.</summary>
    public void Add(NodeProto node, string current)
    {
        if (node.OpType != "Add" && node.Input[0] != current)
            throw new FormatProblem($"{graph.Describe(node)} must take the previous op's output as its first operand");
        // Identity is transparent: it neither opens nor closes a layer, nor moves a Flatten off the first position.
        if (node.OpType == "Identity") return;
        switch (node.OpType)
        {
            case "Flatten": Flatten(node); break;
            case "Gemm": Open(Gemm(node)); break;
            case "MatMul": Open(MatMul(node)); break;
            case "Add": AddBias(node, current); break;
            case "BatchNormalization": FoldBatchNormalization(node); break;
            default: Activate(node); break;
        }
        _started = true;
    }

    /// <summary>The layers read; a layer still open gets the identity.</summary>
    public List<Layer> Finish()
    {
        if (_open is not null) Close(new IdentityActivation());
        if (_layers.Count == 0) throw new FormatProblem("the graph has no Gemm or MatMul, so no layer to read");
        return _layers;
    }

    private void Flatten(NodeProto node)
    {
        if (_started) throw new FormatProblem($"{graph.Describe(node)} is supported only as the first op, flattening the network input");
        long axis = IntAttribute(node, "axis") ?? 1;
        if (axis != 1) throw new FormatProblem($"{graph.Describe(node)} has axis={axis}; NetSym reads Flatten(axis=1), which keeps the batch axis");
        Flattened = true;
    }

    private OpenLayer Gemm(NodeProto node)
    {
        if ((IntAttribute(node, "transA") ?? 0) != 0)
            throw new FormatProblem($"{graph.Describe(node)} has transA=1; NetSym reads Gemm with the data as its untransposed first operand");
        bool transB = (IntAttribute(node, "transB") ?? 0) != 0;
        double alpha = FloatAttribute(node, "alpha") ?? 1f, beta = FloatAttribute(node, "beta") ?? 1f;
        var b = Matrix(node, 1, "weight B");
        // Y = α·X·B′ + β·C, so row o of W is α times column o of B′ (row o of B when transB = 1).
        int outSize = (int)(transB ? b.Shape[0] : b.Shape[1]), inSize = (int)(transB ? b.Shape[1] : b.Shape[0]);
        var w = transB ? b.Values.Select(v => alpha * v).ToArray() : Transpose(b.Values, inSize, outSize, alpha);
        var bias = OnnxGraphReader.HasInput(node, 2) ? Bias(node, graph.Initializer(node, 2, "bias C"), outSize) : new double[outSize];
        for (int i = 0; i < bias.Length; i++) bias[i] *= beta;
        return new OpenLayer(node, b, inSize, outSize, w, bias, AwaitsBias: false);
    }

    private OpenLayer MatMul(NodeProto node)
    {
        var b = Matrix(node, 1, "weight");
        int inSize = (int)b.Shape[0], outSize = (int)b.Shape[1];
        return new OpenLayer(node, b, inSize, outSize, Transpose(b.Values, inSize, outSize, 1), new double[outSize], AwaitsBias: true);
    }

    private void AddBias(NodeProto node, string current)
    {
        if (_open is not { AwaitsBias: true } open)
            throw new FormatProblem($"{graph.Describe(node)} does not follow a MatMul; NetSym reads Add only as the bias of a MatMul");
        int other = node.Input[0] == current ? 1 : 0;
        _open = open with { Bias = Bias(node, graph.Initializer(node, other, "bias"), open.OutputSize), AwaitsBias = false };
    }

    /// <summary>What was folded at load, in words: one line per BatchNormalization.</summary>
    public List<string> Notes { get; } = [];

    // Inference-mode BatchNormalization after a linear map (PyTorch's BatchNorm1d after Linear, which the
    // exporter never fuses): y = s·(z − μ) + β with s = γ/√(σ² + ε), folded into the open layer as
    // W ← s·W, b ← s·(b − μ) + β, so the network computes the same function with one layer fewer op.
    private void FoldBatchNormalization(NodeProto node)
    {
        if (_open is not { AwaitsBias: false } open)
            throw new FormatProblem($"{graph.Describe(node)} does not follow a Gemm or MatMul (with its bias); NetSym folds BatchNormalization into the linear map before it");
        if ((IntAttribute(node, "spatial") ?? 1) != 1)
            throw new FormatProblem($"{graph.Describe(node)} has spatial=0 (opset 7–8 per-element statistics), which NetSym does not read");
        double epsilon = FloatAttribute(node, "epsilon") ?? 1e-5f;
        int n = open.OutputSize;
        double[] gamma = Vector(node, 1, "scale", n), beta = Vector(node, 2, "bias B", n), mean = Vector(node, 3, "input_mean", n), variance = Vector(node, 4, "input_var", n);
        var w = (double[])open.Weights.Clone();
        var b = new double[n];
        for (int o = 0; o < n; o++)
        {
            if (!(variance[o] + epsilon > 0))
                throw new FormatProblem($"{graph.Describe(node)}: input_var[{o}] + epsilon = {variance[o] + epsilon} is not positive");
            double scale = gamma[o] / Math.Sqrt(variance[o] + epsilon);
            for (int k = 0; k < open.InputSize; k++) w[o * open.InputSize + k] *= scale;
            b[o] = scale * (open.Bias[o] - mean[o]) + beta[o];
        }
        _open = open with { Weights = w, Bias = b };
        Notes.Add($"{graph.Describe(node)} folded into {graph.Describe(open.Node)} (ε = {epsilon:G6})");
    }

    private double[] Vector(NodeProto node, int index, string role, int n)
    {
        var t = graph.Initializer(node, index, role);
        if (t.Values.Length != n) throw new FormatProblem($"{graph.Describe(node)}: {role} '{t.Name}' has shape {t.ShapeText}, expected [{n}]");
        return t.Values;
    }

    private void Activate(NodeProto node)
    {
        if (_open is null)
            throw new FormatProblem($"{graph.Describe(node)} does not follow a Gemm or MatMul; NetSym reads one activation after each linear map");
        (float Min, float Max)? bounds = null;
        if (node.OpType == "Clip" && OnnxGraphReader.HasInput(node, 1) && OnnxGraphReader.HasInput(node, 2))
            bounds = (Scalar(node, 1, "min"), Scalar(node, 2, "max"));
        CheckFixedAttributes(node);
        // ONNX's Gelu (opset 20) in its tanh form is NetSym's gelu; in its exact form (and as a fused pattern) gelu_erf.
        if (node.OpType == OnnxPatterns.Gelu && StringAttribute(node, "approximate") is "tanh")
        {
            Close(new GeluActivation());
            return;
        }
        var op = new OnnxActivation(node.OpType, FloatAttribute(node, "alpha"), bounds);
        Close(OnnxActivations.FromOnnx(op, out string? error) ?? throw new FormatProblem($"{graph.Describe(node)}: {error}"));
    }

    // Attributes NetSym's activation fixes rather than reads: HardSigmoid's beta (½) and Selu's gamma (λ),
    // Gelu's approximate ("none" or "tanh").
    private void CheckFixedAttributes(NodeProto node)
    {
        string? wrong = node.OpType switch
        {
            "HardSigmoid" when FloatAttribute(node, "beta") is { } beta && beta != 0.5f => $"beta={beta}; NetSym's hardsigmoid is HardSigmoid(alpha=1/6, beta=0.5), as PyTorch exports it",
            "Selu" when FloatAttribute(node, "gamma") is { } gamma && gamma != (float)SeluOperator.Scale => $"gamma={gamma}; NetSym's selu has PyTorch's gamma {(float)SeluOperator.Scale}",
            "Gelu" when StringAttribute(node, "approximate") is { } a && a is not ("none" or "tanh") => $"approximate='{a}'; ONNX's Gelu takes 'none' or 'tanh'",
            _ => null,
        };
        if (wrong is not null) throw new FormatProblem($"{graph.Describe(node)} has {wrong}");
    }

    private void Open(OpenLayer layer)
    {
        if (_open is not null) Close(new IdentityActivation());
        if (_layers.Count > 0 && layer.InputSize != _layers[^1].OutputSize)
            throw new FormatProblem($"{graph.Describe(layer.Node)}: weight '{layer.Source.Name}' of shape {layer.Source.ShapeText} " +
                $"takes {layer.InputSize} inputs, but the previous layer has {_layers[^1].OutputSize} outputs");
        _open = layer;
    }

    private void Close(Activation activation)
    {
        var l = _open!;
        _layers.Add(new Layer(l.InputSize, l.OutputSize, l.Weights, l.Bias, activation, [_layers.Count]));
        _open = null;
    }

    private OnnxTensor Matrix(NodeProto node, int index, string role)
    {
        var t = graph.Initializer(node, index, role);
        if (t.Shape.Length != 2) throw new FormatProblem($"{graph.Describe(node)}: {role} '{t.Name}' has shape {t.ShapeText}; expected a matrix");
        return t;
    }

    // PyTorch writes biases as [out]; [1, out] broadcasts the same way.
    private double[] Bias(NodeProto node, OnnxTensor t, int outSize)
    {
        bool fits = t.Shape is [var n] && n == outSize || t.Shape is [1, var m] && m == outSize;
        if (!fits) throw new FormatProblem($"{graph.Describe(node)}: bias '{t.Name}' has shape {t.ShapeText}, expected [{outSize}]");
        return t.Values;
    }

    private float Scalar(NodeProto node, int index, string role)
    {
        var t = graph.Initializer(node, index, role);
        if (t.Values.Length != 1) throw new FormatProblem($"{graph.Describe(node)}: {role} '{t.Name}' has shape {t.ShapeText}; expected a scalar");
        return (float)t.Values[0];
    }

    private static double[] Transpose(double[] values, int rows, int columns, double scale)
    {
        var t = new double[values.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                t[j * rows + i] = scale * values[i * columns + j];
        return t;
    }

    private AttributeProto? Attribute(NodeProto node, string name, AttributeProto.Types.AttributeType type)
    {
        var a = node.Attribute.FirstOrDefault(a => a.Name == name);
        if (a is not null && a.Type != type)
            throw new FormatProblem($"{graph.Describe(node)}: attribute '{name}' is {a.Type.ToString().ToLowerInvariant()}, expected {type.ToString().ToLowerInvariant()}");
        return a;
    }

    private float? FloatAttribute(NodeProto node, string name) => Attribute(node, name, AttributeProto.Types.AttributeType.Float)?.F;

    private long? IntAttribute(NodeProto node, string name) => Attribute(node, name, AttributeProto.Types.AttributeType.Int)?.I;

    private string? StringAttribute(NodeProto node, string name) => Attribute(node, name, AttributeProto.Types.AttributeType.String)?.S.ToStringUtf8();

    /// <summary>A linear map read but not yet closed by its activation.</summary>
    private sealed record OpenLayer(NodeProto Node, OnnxTensor Source, int InputSize, int OutputSize, double[] Weights, double[] Bias, bool AwaitsBias);
}

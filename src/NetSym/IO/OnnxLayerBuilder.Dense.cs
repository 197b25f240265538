using NetSym.Networks;
using Onnx;

namespace NetSym.IO;

// Dense layers: Gemm, MatMul with the Add that carries its bias, and the BatchNormalization folded
// into the Gemm, MatMul or Conv before it.
internal sealed partial class OnnxLayerBuilder
{
    private OnnxOpenLayer Gemm(NodeProto node)
    {
        if ((_attributes.Int(node, "transA") ?? 0) != 0)
            throw new FormatProblem($"{_graph.Describe(node)} has transA=1; NetSym reads Gemm with the data as its untransposed first operand");
        bool transB = (_attributes.Int(node, "transB") ?? 0) != 0;
        double alpha = _attributes.Float(node, "alpha") ?? 1f, beta = _attributes.Float(node, "beta") ?? 1f;
        var b = Matrix(node, 1, "weight B");
        // Y = α·X·B′ + β·C, so row o of W is α times column o of B′ (row o of B when transB = 1).
        int outSize = (int)(transB ? b.Shape[0] : b.Shape[1]), inSize = (int)(transB ? b.Shape[1] : b.Shape[0]);
        var w = transB ? b.Values.Select(v => alpha * v).ToArray() : Transpose(b.Values, inSize, outSize, alpha);
        var bias = OnnxGraphReader.HasInput(node, 2) ? Bias(node, _graph.Initializer(node, 2, "bias C"), outSize) : new double[outSize];
        for (int i = 0; i < bias.Length; i++) bias[i] *= beta;
        var (shape, source) = DenseInput(node, b, inSize);
        return new OnnxOpenLayer(node, LayerKind.Dense, shape, [source], outSize, w, bias);
    }

    private OnnxOpenLayer MatMul(NodeProto node)
    {
        var b = Matrix(node, 1, "weight");
        int inSize = (int)b.Shape[0], outSize = (int)b.Shape[1];
        var (shape, source) = DenseInput(node, b, inSize);
        return new OnnxOpenLayer(node, LayerKind.Dense, shape, [source], outSize, Transpose(b.Values, inSize, outSize, 1), new double[outSize], AwaitsBias: true);
    }

    // A dense layer reads a flat tensor of inSize entries: an MLP's input (whose size it fixes), or a node flattened.
    private (NodeShape Shape, int Node) DenseInput(NodeProto node, OnnxTensor weight, int inSize)
    {
        var value = Read(node, 0);
        var shape = value.Shape ?? (_inputShape ??= NodeShape.Flat(inSize));
        if (!shape.IsFlat)
            throw new FormatProblem($"{_graph.Describe(node)} reads '{node.Input[0]}' of shape {shape}; put a Flatten (axis 1) or Reshape (N, -1) before it");
        if (shape.Size != inSize)
            throw new FormatProblem($"{_graph.Describe(node)}: weight '{weight.Name}' of shape {weight.ShapeText} takes {inSize} inputs, " +
                (value.Node == 0 ? $"but the network input has {shape.Size} entries" : $"but the previous layer has {shape.Size} outputs"));
        return (shape, value.Node);
    }

    private OnnxOpenLayer AddBias(NodeProto node)
    {
        int data = _graph.IsInitializer(node.Input[0]) ? 1 : 0;
        if (TakeOpen(node.Input[data]) is not { AwaitsBias: true } open)
            throw new FormatProblem($"{_graph.Describe(node)} does not follow a MatMul; NetSym reads Add as the bias of a MatMul or as the sum of two branches");
        return open with { Bias = Bias(node, _graph.Initializer(node, 1 - data, "bias"), open.Units), AwaitsBias = false };
    }

    // Inference-mode BatchNormalization after a linear map (PyTorch's BatchNorm1d after Linear, which the
    // exporter never fuses, or BatchNorm2d after a Conv exported in training-preserving mode):
    // y = s·(z − μ) + β per unit or channel, s = γ/√(σ² + ε), folded into the open layer as
    // W ← s·W (row by row: a row is a neuron's weights or a channel's kernel), b ← s·(b − μ) + β.
    private OnnxOpenLayer FoldBatchNormalization(NodeProto node)
    {
        if (TakeOpen(node.Input[0]) is not { AwaitsBias: false, Kind: LayerKind.Dense or LayerKind.Convolution } open)
            throw new FormatProblem($"{_graph.Describe(node)} does not follow a Gemm or MatMul (with its bias) or a Conv that it alone reads; NetSym folds BatchNormalization into the linear map before it");
        if ((_attributes.Int(node, "spatial") ?? 1) != 1)
            throw new FormatProblem($"{_graph.Describe(node)} has spatial=0 (opset 7–8 per-element statistics), which NetSym does not read");
        double epsilon = _attributes.Float(node, "epsilon") ?? 1e-5f;
        int n = open.Units, columns = open.Weights.Length / n;
        double[] gamma = Vector(node, 1, "scale", n), beta = Vector(node, 2, "bias B", n), mean = Vector(node, 3, "input_mean", n), variance = Vector(node, 4, "input_var", n);
        var w = (double[])open.Weights.Clone();
        var b = new double[n];
        for (int o = 0; o < n; o++)
        {
            if (!(variance[o] + epsilon > 0))
                throw new FormatProblem($"{_graph.Describe(node)}: input_var[{o}] + epsilon = {variance[o] + epsilon} is not positive");
            double scale = gamma[o] / Math.Sqrt(variance[o] + epsilon);
            for (int k = 0; k < columns; k++) w[o * columns + k] *= scale;
            b[o] = scale * (open.Bias[o] - mean[o]) + beta[o];
        }
        Notes.Add($"{_graph.Describe(node)} folded into {_graph.Describe(open.Node)} (ε = {epsilon:G6})");
        return open with { Weights = w, Bias = b };
    }

    private double[] Vector(NodeProto node, int index, string role, int n)
    {
        var t = _graph.Initializer(node, index, role);
        if (t.Values.Length != n) throw new FormatProblem($"{_graph.Describe(node)}: {role} '{t.Name}' has shape {t.ShapeText}, expected [{n}]");
        return t.Values;
    }

    private OnnxTensor Matrix(NodeProto node, int index, string role)
    {
        var t = _graph.Initializer(node, index, role);
        if (t.Shape.Length != 2) throw new FormatProblem($"{_graph.Describe(node)}: {role} '{t.Name}' has shape {t.ShapeText}; expected a matrix");
        return t;
    }

    // PyTorch writes biases as [out]; [1, out] broadcasts the same way.
    private double[] Bias(NodeProto node, OnnxTensor t, int outSize)
    {
        bool fits = t.Shape is [var n] && n == outSize || t.Shape is [1, var m] && m == outSize;
        if (!fits) throw new FormatProblem($"{_graph.Describe(node)}: bias '{t.Name}' has shape {t.ShapeText}, expected [{outSize}]");
        return t.Values;
    }

    private static double[] Transpose(double[] values, int rows, int columns, double scale)
    {
        var t = new double[values.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                t[j * rows + i] = scale * values[i * columns + j];
        return t;
    }
}

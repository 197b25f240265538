using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Symmetries;

/// <summary>
/// Networks with the graphs of the ONNX fixtures in Fixtures/onnx/cnn (BatchNorm folded, random weights), built
/// with the layer factories so that the README's hand-derived permutation specs can serve as oracles before
/// ONNX import of convolutions exists. Each builder follows the op list in that README.
/// </summary>
internal static class FixtureSpecNetworks
{
    /// <summary>Builds a network node by node: each method adds one layer and returns its output node.</summary>
    private sealed class Builder(NodeShape input, int seed)
    {
        private readonly RandomStream _random = RandomKey.FromSeed(seed).Stream();
        private readonly List<Layer> _layers = [];

        public NodeShape Shape(int node) => node == 0 ? input : _layers[node - 1].OutputShape;

        private double[] Draw(int n) => [.. Enumerable.Range(0, n).Select(_ => _random.NextNormal() * 0.5)];

        private int Push(Layer layer)
        {
            _layers.Add(layer);
            return _layers.Count;
        }

        public int Conv(int source, int channels, int kernel, Activation act, int stride = 1, int pad = 0, int dilation = 1, int groups = 1) =>
            Conv(source, channels, act, Same(kernel, source), Same(stride, source), Same(pad, source), Same(pad, source), Same(dilation, source), groups);

        public int Conv(int source, int channels, Activation act, int[] kernel, int[] stride, int[] padBegin, int[] padEnd, int[] dilation, int groups)
        {
            var shape = Shape(source);
            var window = new WindowGeometry(kernel, stride, padBegin, padEnd, dilation);
            return Push(Layer.Convolution(shape, channels, window, groups, Draw(channels * shape.Channels / groups * window.WindowSize), Draw(channels), act, source));
        }

        public int Pool(LayerKind kind, int source, int kernel, int stride) =>
            Push(Layer.Pooling(kind, Shape(source), new WindowGeometry(Same(kernel, source), Same(stride, source), Same(0, source), Same(0, source), Same(1, source)), source));

        public int GlobalAverage(int source) => Push(Layer.Pooling(LayerKind.AveragePool, Shape(source), WindowGeometry.Plain([.. Shape(source).Spatial]), source));

        public int Add(int a, int b, Activation act) => Push(Layer.Add(Shape(a), [Math.Min(a, b), Math.Max(a, b)], act));

        public int Dense(int source, int units, Activation act) =>
            Push(new Layer(Shape(source).Size, units, Draw(units * Shape(source).Size), Draw(units), act, [source]));

        public Network Build() => new(input, _layers);

        private int[] Same(int value, int source) => [.. Enumerable.Repeat(value, Shape(source).Spatial.Count)];
    }

    private static readonly Activation Relu = new ReluActivation();
    private static readonly Activation Identity = new IdentityActivation();

    /// <summary>vgg_relu: Conv 3→8, Relu, Conv 8→8, Relu, MaxPool, Conv 8→12, Relu, MaxPool, Flatten, Gemm 192→16, Relu, Gemm 16→10.</summary>
    public static Network Vgg(int seed)
    {
        var b = new Builder(new NodeShape(3, 16, 16), seed);
        int n = b.Conv(0, 8, 3, Relu, pad: 1);
        n = b.Conv(n, 8, 3, Relu, pad: 1);
        n = b.Pool(LayerKind.MaxPool, n, 2, 2);
        n = b.Conv(n, 12, 3, Relu, pad: 1);
        n = b.Pool(LayerKind.MaxPool, n, 2, 2);
        n = b.Dense(n, 16, Relu);
        b.Dense(n, 10, Identity);
        return b.Build();
    }

    /// <summary>One residual block (conv1, Relu, conv2, Add with the shortcut, Relu); a projection (1×1 stride-2 conv) when the width or stride changes.</summary>
    private static int Block(Builder b, int input, int channels, int stride)
    {
        int c1 = b.Conv(input, channels, 3, Relu, stride: stride, pad: 1);
        int c2 = b.Conv(c1, channels, 3, Identity, pad: 1);
        int shortcut = stride == 1 && b.Shape(input).Channels == channels ? input : b.Conv(input, channels, 1, Identity, stride: stride);
        return b.Add(c2, shortcut, Relu);
    }

    /// <summary>resnet_relu: stem 3→8, blocks 8→8, 8→16 (stride 2, projection), 16→16, global average pool, Gemm 16→10.</summary>
    public static Network ResNet(int seed)
    {
        var b = new Builder(new NodeShape(3, 16, 16), seed);
        int n = b.Conv(0, 8, 3, Relu, pad: 1);
        n = Block(b, n, 8, 1);
        n = Block(b, n, 16, 2);
        n = Block(b, n, 16, 1);
        b.Dense(b.GlobalAverage(n), 10, Identity);
        return b.Build();
    }

    /// <summary>resnet20_cifar: stem 3→16, three stages of three blocks (16, 32, 64; stride 2 and projection at the start of stages 2 and 3), global average pool, Gemm 64→10.</summary>
    public static Network ResNet20(int seed)
    {
        var b = new Builder(new NodeShape(3, 32, 32), seed);
        int n = b.Conv(0, 16, 3, Relu, pad: 1);
        foreach (int width in new[] { 16, 32, 64 })
            for (int k = 0; k < 3; k++) n = Block(b, n, width, k == 0 && width > 16 ? 2 : 1);
        b.Dense(b.GlobalAverage(n), 10, Identity);
        return b.Build();
    }

    /// <summary>cnn1d_tanh: Conv 2→6 k5 s2 p2, Tanh, AveragePool 2, Conv 6→8 k3 p2 d2, Tanh, MaxPool 2, Flatten, Gemm 32→8, Tanh, Gemm 8→3.</summary>
    public static Network Cnn1dTanh(int seed)
    {
        var tanh = new TanhActivation();
        var b = new Builder(new NodeShape(2, 32), seed);
        int n = b.Conv(0, 6, 5, tanh, stride: 2, pad: 2);
        n = b.Pool(LayerKind.AveragePool, n, 2, 2);
        n = b.Conv(n, 8, 3, tanh, pad: 2, dilation: 2);
        n = b.Pool(LayerKind.MaxPool, n, 2, 2);
        n = b.Dense(n, 8, tanh);
        b.Dense(n, 3, Identity);
        return b.Build();
    }

    /// <summary>bn_relu (folded): Conv 3→6 p1, Relu, MaxPool 2, Conv 6→8 p1, Relu, AveragePool 2, Flatten, Gemm 72→12, Relu, Gemm 12→4.</summary>
    public static Network BnRelu(int seed)
    {
        var b = new Builder(new NodeShape(3, 12, 12), seed);
        int n = b.Conv(0, 6, 3, Relu, pad: 1);
        n = b.Pool(LayerKind.MaxPool, n, 2, 2);
        n = b.Conv(n, 8, 3, Relu, pad: 1);
        n = b.Pool(LayerKind.AveragePool, n, 2, 2);
        n = b.Dense(n, 12, Relu);
        b.Dense(n, 4, Identity);
        return b.Build();
    }

    /// <summary>
    /// grouped_relu: Conv 4→8 k3 s2 p2 d2 group 2, Relu, depthwise Conv 8→8 k3 pads (1,2) dilations (1,2) group 8,
    /// Relu, Conv 1×1 8→6, Relu, ReduceMean over H and W, Gemm 6→3.
    /// </summary>
    public static Network Grouped(int seed)
    {
        var b = new Builder(new NodeShape(4, 13, 13), seed);
        int n = b.Conv(0, 8, 3, Relu, stride: 2, pad: 2, dilation: 2, groups: 2);
        n = b.Conv(n, 8, Relu, [3, 3], [1, 1], [1, 2], [1, 2], [1, 2], 8);
        n = b.Conv(n, 6, 1, Relu);
        b.Dense(b.GlobalAverage(n), 3, Identity);
        return b.Build();
    }
}

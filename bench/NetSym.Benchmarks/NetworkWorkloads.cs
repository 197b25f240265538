using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Benchmarks;

/// <summary>The workloads that bench/pytorch_baseline.py runs too, built the same way in every benchmark.</summary>
internal static class NetworkWorkloads
{
    /// <summary>The reference MLP, 784-256-256-10 with ReLU, PyTorch's default initialisation.</summary>
    public static Network Mlp784() =>
        RandomNetworks.Create(Architecture.Parse("784-256-256-10"), new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(0));

    /// <summary>N standard normal inputs of dimension d.</summary>
    public static Matrix GaussianInputs(int n, int d, int seed) => RandomNetworks.GaussianInputs(n, d, RandomKey.FromSeed(seed));

    /// <summary>
    /// He et al.'s CIFAR ResNet-20 as make_cnn_fixtures.py builds it, batch normalisation folded: a 3×3 stem
    /// to 16 channels, three stages of three basic blocks (16, 32, 64 channels; the first block of stages 2
    /// and 3 strides by 2 with a 1×1 projection shortcut), global average pooling, a dense layer to 10.
    /// Weights uniform in ±1/√fan-in, as PyTorch initialises; the time does not depend on them.
    /// </summary>
    public static Network ResNet20()
    {
        var random = RandomKey.FromSeed(20).Stream();
        var relu = new ReluActivation();
        var identity = new IdentityActivation();
        var layers = new List<Layer>();
        int Push(Layer layer) { layers.Add(layer); return layers.Count; }
        double[] Draw(int count, int fanIn) =>
            [.. Enumerable.Range(0, count).Select(_ => (2 * random.NextDouble() - 1) / Math.Sqrt(fanIn))];
        int Conv(int source, int channels, int kernel, int stride, Activation activation)
        {
            var input = source == 0 ? new NodeShape(3, 32, 32) : layers[source - 1].OutputShape;
            int pad = kernel / 2, fanIn = input.Channels * kernel * kernel;
            var window = new WindowGeometry([kernel, kernel], [stride, stride], [pad, pad], [pad, pad], [1, 1]);
            return Push(Layer.Convolution(input, channels, window, 1, Draw(channels * fanIn, fanIn), Draw(channels, fanIn), activation, source));
        }
        int node = Conv(0, 16, 3, 1, relu), width = 16;
        foreach (int stageWidth in new[] { 16, 32, 64 })
            for (int block = 0; block < 3; block++)
            {
                int stride = stageWidth > width ? 2 : 1;
                int inner = Conv(Conv(node, stageWidth, 3, stride, relu), stageWidth, 3, 1, identity);
                int shortcut = stride == 1 ? node : Conv(node, stageWidth, 1, stride, identity);
                node = Push(Layer.Add(layers[inner - 1].OutputShape, [Math.Min(inner, shortcut), Math.Max(inner, shortcut)], relu));
                width = stageWidth;
            }
        var last = layers[node - 1].OutputShape;
        node = Push(Layer.Pooling(LayerKind.AveragePool, last, WindowGeometry.Plain([.. last.Spatial]), node));
        Push(new Layer(64, 10, Draw(640, 64), Draw(10, 64), identity, [node]));
        return new Network(new NodeShape(3, 32, 32), layers);
    }
}

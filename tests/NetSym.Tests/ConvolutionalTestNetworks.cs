using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests;

/// <summary>
/// Random convolutional and residual networks for property tests, small enough for exact and
/// finite-difference checks, covering every window option: 1-d and 2-d, stride, padding, dilation,
/// groups, max, average and global pooling, additions with and without projection.
/// </summary>
internal static class ConvolutionalTestNetworks
{
    /// <summary>
    /// VGG-style, input 3×8×8: conv 3→4 k3 p1, max-pool 2, conv 4→6 k3 p1 stride 1, average pool 2 (global
    /// over 2×2 after that: a 1×1 output), dense 6→3 (identity output).
    /// </summary>
    public static Network Vgg(Activation hidden, int seed)
    {
        var draw = Drawer(seed);
        var input = new NodeShape(3, 8, 8);
        var c0 = Layer.Convolution(input, 4, Window([3, 3], [1, 1], [1, 1], [1, 1], [1, 1]), 1, draw(4 * 3 * 9), draw(4), hidden, 0);
        var p1 = Layer.Pooling(LayerKind.MaxPool, c0.OutputShape, Window([2, 2], [2, 2], [0, 0], [0, 0], [1, 1]), 1);
        var c2 = Layer.Convolution(p1.OutputShape, 6, Window([3, 3], [1, 1], [1, 1], [1, 1], [1, 1]), 1, draw(6 * 4 * 9), draw(6), hidden, 2);
        var g3 = Layer.Pooling(LayerKind.AveragePool, c2.OutputShape, WindowGeometry.Plain(4, 4), 3);
        var d4 = new Layer(6, 3, draw(18), draw(3), new IdentityActivation(), [4]);
        return new Network(input, [c0, p1, c2, g3, d4]);
    }

    /// <summary>
    /// ResNet-style, input 2×7×7: a stem conv 2→4 k3 p1, an identity block (conv, conv, add, ρ), a block
    /// with a strided projection shortcut (conv s2 p1, conv, 1×1 conv s2 shortcut, add, ρ), a grouped and
    /// dilated conv, global average pooling and a dense head.
    /// </summary>
    public static Network ResNet(Activation hidden, int seed)
    {
        var draw = Drawer(seed);
        var identity = new IdentityActivation();
        var input = new NodeShape(2, 7, 7);
        var k3 = Window([3, 3], [1, 1], [1, 1], [1, 1], [1, 1]);
        var layers = new List<Layer>();
        Layer Add(Layer layer) { layers.Add(layer); return layer; }
        var stem = Add(Layer.Convolution(input, 4, k3, 1, draw(4 * 2 * 9), draw(4), hidden, 0)); // node 1
        var a = Add(Layer.Convolution(stem.OutputShape, 4, k3, 1, draw(4 * 4 * 9), draw(4), hidden, 1)); // node 2
        var b = Add(Layer.Convolution(a.OutputShape, 4, k3, 1, draw(4 * 4 * 9), draw(4), identity, 2)); // node 3
        var sum = Add(Layer.Add(b.OutputShape, [1, 3], hidden)); // node 4
        var down = Window([3, 3], [2, 2], [1, 1], [1, 1], [1, 1]);
        var c = Add(Layer.Convolution(sum.OutputShape, 6, down, 1, draw(6 * 4 * 9), draw(6), hidden, 4)); // node 5
        var d = Add(Layer.Convolution(c.OutputShape, 6, k3, 1, draw(6 * 6 * 9), draw(6), identity, 5)); // node 6
        var shortcut = Add(Layer.Convolution(sum.OutputShape, 6, Window([1, 1], [2, 2], [0, 0], [0, 0], [1, 1]), 1, draw(6 * 4), draw(6), identity, 4)); // node 7
        var sum2 = Add(Layer.Add(d.OutputShape, [6, 7], hidden)); // node 8
        var grouped = Add(Layer.Convolution(sum2.OutputShape, 4, Window([2, 2], [1, 1], [1, 0], [0, 1], [2, 1]), 2, draw(4 * 3 * 4), draw(4), hidden, 8)); // node 9
        var pooled = Add(Layer.Pooling(LayerKind.AveragePool, grouped.OutputShape, WindowGeometry.Plain([.. grouped.OutputShape.Spatial]), 9)); // node 10
        Add(new Layer(pooled.OutputSize, 2, draw(2 * pooled.OutputSize), draw(2), identity, [10]));
        return new Network(input, layers);
    }

    /// <summary>1-d, input 2×12: conv 2→3 k3 dilation 2 p2, max-pool 3 stride 2 p1, conv 3→3 k2 stride 2, average pool 2 p1, dense → 2.</summary>
    public static Network OneDimensional(Activation hidden, int seed)
    {
        var draw = Drawer(seed);
        var input = new NodeShape(2, 12);
        var c0 = Layer.Convolution(input, 3, Window([3], [1], [2], [2], [2]), 1, draw(3 * 2 * 3), draw(3), hidden, 0);
        var p1 = Layer.Pooling(LayerKind.MaxPool, c0.OutputShape, Window([3], [2], [1], [1], [1]), 1);
        var c2 = Layer.Convolution(p1.OutputShape, 3, Window([2], [2], [0], [0], [1]), 1, draw(3 * 3 * 2), draw(3), hidden, 2);
        var p3 = Layer.Pooling(LayerKind.AveragePool, c2.OutputShape, Window([2], [1], [1], [0], [1]), 3);
        var d4 = new Layer(p3.OutputSize, 2, draw(2 * p3.OutputSize), draw(2), new IdentityActivation(), [4]);
        return new Network(input, [c0, p1, c2, p3, d4]);
    }

    /// <summary>The three networks above, for theories over architectures.</summary>
    public static IEnumerable<Network> All(Activation hidden, int seed) =>
        [Vgg(hidden, seed), ResNet(hidden, seed + 1), OneDimensional(hidden, seed + 2)];

    public static WindowGeometry Window(int[] kernel, int[] stride, int[] padBegin, int[] padEnd, int[] dilation) =>
        new(kernel, stride, padBegin, padEnd, dilation);

    private static Func<int, double[]> Drawer(int seed)
    {
        var r = RandomKey.FromSeed(seed).Stream();
        return n => [.. Enumerable.Range(0, n).Select(_ => r.NextNormal() * 0.6)];
    }
}

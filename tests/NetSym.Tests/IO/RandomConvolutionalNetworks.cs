using CsCheck;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.IO;

/// <summary>
/// Random convolutional and residual networks over many geometries, one per seed: 1-d or 2-d inputs;
/// convolutions with random kernels, strides, asymmetric padding, dilation and groups; max and
/// average pooling (global where the window covers the input); residual blocks whose shortcut is the
/// identity or a strided 1×1 projection; and a head that ends on a feature map, a dense layer after
/// a flatten, or two dense layers summed. Weights are Gaussian with variance 1/fan-in and biases of scale
/// 0.5, so values stay O(1) through every layer and float32 evaluations stay within a few units of roundoff.
/// </summary>
internal static class RandomConvolutionalNetworks
{
    /// <summary>Hidden activations that ONNX export writes as one op or a pattern.</summary>
    private static readonly string[] Activations = ["relu", "tanh", "leaky_relu(0.1)", "sigmoid", "identity", "elu(0.7)", "abs", "silu"];

    /// <summary>A network per seed (see <see cref="Create"/>), for CsCheck.</summary>
    public static Gen<Network> Gen(bool onnxExportable) => CsCheck.Gen.Int.Select(seed => Create(seed, onnxExportable));

    /// <summary>
    /// The network of <paramref name="seed"/>. With <paramref name="onnxExportable"/>, average pooling is
    /// never dilated (opset 13's AveragePool has no dilations) and every pooling pad is smaller than
    /// its kernel (as ONNX Runtime requires); without it, average pooling may be dilated too.
    /// </summary>
    public static Network Create(int seed, bool onnxExportable)
    {
        var r = RandomKey.FromSeed(seed).Stream();
        int Int(int low, int high) => low + r.NextInt32(high - low + 1);
        bool Coin() => r.NextInt32(2) == 0;
        double[] Draw(int n, int fanIn) => [.. Enumerable.Range(0, n).Select(_ => r.NextNormal() / Math.Sqrt(fanIn))];
        double[] Bias(int n) => Draw(n, 4);
        var hidden = ActivationCatalog.Parse(Activations[r.NextInt32(Activations.Length)]);
        var identity = new IdentityActivation();

        int rank = Int(1, 2);
        var input = new NodeShape(Int(1, 3), [.. Enumerable.Range(0, rank).Select(_ => Int(5, 9))]);
        var layers = new List<Layer>();
        NodeShape Shape(int node) => node == 0 ? input : layers[node - 1].OutputShape;
        int Append(Layer layer) { layers.Add(layer); return layers.Count; }
        int[] PerAxis(Func<int> value) => [.. Enumerable.Range(0, rank).Select(_ => value())];

        // A convolution of node x with a random geometry that fits its input (redrawn until it does).
        Layer Convolution(int x, Activation activation)
        {
            var shape = Shape(x);
            while (true)
            {
                var kernel = PerAxis(() => Int(1, 3));
                var dilation = PerAxis(() => Int(1, 2));
                var window = ConvolutionalTestNetworks.Window(kernel, PerAxis(() => Int(1, 2)), PerAxis(() => Int(0, 2)), PerAxis(() => Int(0, 2)), dilation);
                if (!Fits(window, shape)) continue;
                int[] divisors = Divisors(shape.Channels);
                int groups = divisors[r.NextInt32(divisors.Length)];
                int outputChannels = groups * Int(1, 3);
                int columns = shape.Channels / groups * window.WindowSize;
                return Layer.Convolution(shape, outputChannels, window, groups, Draw(outputChannels * columns, columns), Bias(outputChannels), activation, x);
            }
        }

        Layer Pooling(int x)
        {
            var shape = Shape(x);
            var kind = Coin() ? LayerKind.MaxPool : LayerKind.AveragePool;
            if (kind == LayerKind.AveragePool && r.NextInt32(4) == 0) // global average pooling
                return Layer.Pooling(kind, shape, WindowGeometry.Plain([.. shape.Spatial]), x);
            while (true)
            {
                var kernel = PerAxis(() => Int(1, 3));
                int[] Pad() => [.. kernel.Select(k => r.NextInt32(k))]; // smaller than the kernel
                var dilation = kind == LayerKind.AveragePool && onnxExportable ? PerAxis(() => 1) : PerAxis(() => Int(1, 2));
                var window = ConvolutionalTestNetworks.Window(kernel, PerAxis(() => Int(1, 2)), Pad(), Pad(), dilation);
                if (!Fits(window, shape)) continue;
                try
                {
                    return Layer.Pooling(kind, shape, window, x);
                }
                catch (InvalidNetworkException) { } // a max-pool window wholly in the padding: draw again
            }
        }

        // A residual block: a branch conv whose padding adds up to its reach, so that its output has
        // the spatial extents of a stride-s 1×1 conv; the shortcut is node x itself when nothing
        // changes, else that projection.
        int Residual(int x)
        {
            var shape = Shape(x);
            int stride = Int(1, 2), channels = Coin() ? shape.Channels : Int(1, 4);
            var kernel = PerAxis(() => Int(1, 3));
            var dilation = PerAxis(() => Int(1, 2));
            int[] reach = [.. kernel.Select((k, a) => dilation[a] * (k - 1))];
            int[] before = [.. reach.Select(t => r.NextInt32(t + 1))];
            var branchWindow = ConvolutionalTestNetworks.Window(kernel, PerAxis(() => stride), before, [.. reach.Select((t, a) => t - before[a])], dilation);
            int branch = Append(Layer.Convolution(shape, channels, branchWindow, 1, Draw(channels * shape.Channels * branchWindow.WindowSize, shape.Channels * branchWindow.WindowSize), Bias(channels), Coin() ? identity : hidden, x));
            int shortcut = x;
            if (stride != 1 || channels != shape.Channels || Coin())
            {
                var project = ConvolutionalTestNetworks.Window(PerAxis(() => 1), PerAxis(() => stride), PerAxis(() => 0), PerAxis(() => 0), PerAxis(() => 1));
                shortcut = Append(Layer.Convolution(shape, channels, project, 1, Draw(channels * shape.Channels, shape.Channels), Bias(channels), identity, x));
            }
            return Append(Layer.Add(Shape(branch), [Math.Min(branch, shortcut), Math.Max(branch, shortcut)], hidden));
        }

        int node = 0;
        for (int body = Int(1, 4); body > 0; body--)
            node = r.NextInt32(3) switch
            {
                0 => Append(Convolution(node, hidden)),
                1 => Append(Pooling(node)),
                _ => Residual(node),
            };
        switch (r.NextInt32(3))
        {
            case 0: // the feature map is the output
                Append(Convolution(node, Coin() ? identity : hidden));
                break;
            case 1: // flatten and a dense layer
                Append(DenseAfter(node, Int(1, 4), identity));
                break;
            default: // two dense layers on the flattened map, summed
                int a = Append(DenseAfter(node, Int(2, 4), hidden));
                int b = Append(DenseAfter(a, Shape(a).Size, identity));
                Append(Layer.Add(Shape(b), [a, b], identity));
                break;
        }
        return new Network(input, layers);

        Layer DenseAfter(int x, int units, Activation activation) =>
            new(Shape(x).Size, units, Draw(units * Shape(x).Size, Shape(x).Size), Bias(units), activation, [x]);
    }

    private static bool Fits(WindowGeometry window, NodeShape shape)
    {
        for (int a = 0; a < window.Rank; a++)
            if (shape.Spatial[a] + window.PadBegin[a] + window.PadEnd[a] < window.Dilation[a] * (window.Kernel[a] - 1) + 1) return false;
        return true;
    }

    private static int[] Divisors(int n) => [.. Enumerable.Range(1, n).Where(d => n % d == 0)];
}

using NetSym.Embedding;
using NetSym.Networks;

namespace NetSym.Tests.Embedding;

/// <summary>
/// Path norms of convolutional and residual networks from one forward pass, against every path of
/// the network's neuron graph listed one by one: a convolution's edges are its kernel entries at every
/// position, a max pool's edges weigh 1 (Φ lists every tap's paths), an average pool's 1/k, an
/// addition's 1; a path starts at an input coordinate (factor 1) or at a bias.
/// </summary>
public class ConvolutionalPathNormTests
{
    /// <summary>The edges into every entry of a layer's output: (output entry, source node, source entry, weight), from the layers' definitions (no tap map).</summary>
    private static IEnumerable<(int Out, int Node, int In, double Weight)> Edges(Network net, int l)
    {
        var layer = net.Layers[l];
        if (layer.Kind == LayerKind.Dense)
        {
            int offset = 0;
            foreach (int s in layer.Sources)
            {
                int size = net.NodeSize(s);
                for (int j = 0; j < layer.OutputSize; j++)
                    for (int k = 0; k < size; k++)
                        if (layer.HasEdge(j, offset + k)) yield return (j, s, k, layer.Weight(j, offset + k));
                offset += size;
            }
            yield break;
        }
        if (layer.Kind == LayerKind.Add)
        {
            foreach (int s in layer.Sources)
                for (int k = 0; k < layer.OutputSize; k++) yield return (k, s, k, 1);
            yield break;
        }
        var w = layer.Window!;
        bool twoD = w.Rank == 2;
        int inH = twoD ? layer.InputShape.Spatial[0] : 1, inW = layer.InputShape.Spatial[^1];
        int outH = twoD ? layer.OutputShape.Spatial[0] : 1, outW = layer.OutputShape.Spatial[^1];
        int kH = twoD ? w.Kernel[0] : 1, kW = w.Kernel[^1];
        int sH = twoD ? w.Stride[0] : 1, sW = w.Stride[^1], pH = twoD ? w.PadBegin[0] : 0, pW = w.PadBegin[^1];
        int dH = twoD ? w.Dilation[0] : 1, dW = w.Dilation[^1];
        int groupIn = layer.InputShape.Channels / layer.Groups, groupOut = layer.OutputShape.Channels / layer.Groups;
        for (int c = 0; c < layer.OutputShape.Channels; c++)
            for (int oy = 0; oy < outH; oy++)
                for (int ox = 0; ox < outW; ox++)
                {
                    var channels = layer.Kind == LayerKind.Convolution ? Enumerable.Range(c / groupOut * groupIn, groupIn) : [c];
                    foreach (int ci in channels)
                        for (int ky = 0; ky < kH; ky++)
                            for (int kx = 0; kx < kW; kx++)
                            {
                                int iy = oy * sH - pH + ky * dH, ix = ox * sW - pW + kx * dW;
                                if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) continue;
                                double weight = layer.Kind switch
                                {
                                    LayerKind.Convolution => layer.Weight(c, ((ci - c / groupOut * groupIn) * kH + ky) * kW + kx),
                                    LayerKind.MaxPool => 1,
                                    _ => 1.0 / (kH * kW),
                                };
                                yield return ((c * outH + oy) * outW + ox, layer.Sources[0], (ci * inH + iy) * inW + ix, weight);
                            }
                }
    }

    /// <summary>The bias of every entry of a layer's output: a dense neuron's, a convolution channel's at each of its positions; none for pooling and additions.</summary>
    private static double? Bias(Layer layer, int entry) => layer.Kind switch
    {
        LayerKind.Dense => layer.Bias[entry],
        LayerKind.Convolution => layer.Bias[entry / layer.OutputShape.Positions],
        _ => null,
    };

    /// <summary>Every path's product of weights (times its starting bias), by output entry: the entries of Φ(θ), enumerated.</summary>
    private static List<double>[] Phi(Network net)
    {
        var nodes = new List<double>[net.Layers.Count + 1][];
        nodes[0] = [.. Enumerable.Range(0, net.InputSize).Select(_ => new List<double> { 1 })];
        for (int l = 0; l < net.Layers.Count; l++)
        {
            var layer = net.Layers[l];
            var entries = Enumerable.Range(0, layer.OutputSize).Select(k => Bias(layer, k) is double b ? new List<double> { b } : []).ToArray();
            foreach (var (o, node, k, weight) in Edges(net, l))
                entries[o].AddRange(nodes[node][k].Select(product => weight * product));
            nodes[l + 1] = entries;
        }
        return nodes[^1];
    }

    private static double Norm(IEnumerable<double> phi, double q) => q switch
    {
        0 => phi.Count(v => v != 0),
        double.PositiveInfinity => phi.Select(Math.Abs).DefaultIfEmpty(0).Max(),
        _ => Math.Pow(phi.Sum(v => Math.Pow(Math.Abs(v), q)), 1 / q),
    };

    /// <summary>Tiny networks with every layer kind: a residual block, max and average pools (padded, strided, global), a grouped convolution, 1-d and 2-d.</summary>
    private static IEnumerable<Network> TinyNetworks(int seed)
    {
        var r = NetSym.Randomness.RandomKey.FromSeed(seed).Stream();
        double[] Draw(int n) => [.. Enumerable.Range(0, n).Select(_ => r.NextNormal())];
        var relu = new ReluActivation();
        var identity = new IdentityActivation();
        var W = ConvolutionalTestNetworks.Window;

        // 1-d residual: conv 2→2 k3 p1, conv 2→2 k3 p1, add with the input, max pool k2 s2, average pool k2 p(1,0), dense → 2.
        var input1 = new NodeShape(2, 4);
        var a = Layer.Convolution(input1, 2, W([3], [1], [1], [1], [1]), 1, Draw(12), Draw(2), relu, 0);
        var b = Layer.Convolution(a.OutputShape, 2, W([3], [1], [1], [1], [1]), 1, Draw(12), Draw(2), identity, 1);
        var sum = Layer.Add(b.OutputShape, [0, 2], relu);
        var max = Layer.Pooling(LayerKind.MaxPool, sum.OutputShape, W([2], [2], [0], [0], [1]), 3);
        var avg = Layer.Pooling(LayerKind.AveragePool, max.OutputShape, W([2], [1], [1], [0], [1]), 4);
        var head = new Layer(avg.OutputSize, 2, Draw(2 * avg.OutputSize), Draw(2), identity, [5]);
        yield return new Network(input1, [a, b, sum, max, avg, head]);

        // 2-d: grouped strided conv 2→4 (2 groups) k2 s1 on 2×3×3, padded max pool k2 p1, conv 4→2 k2 s2, global average pool, dense reading the pool and the input.
        var input2 = new NodeShape(2, 3, 3);
        var c = Layer.Convolution(input2, 4, W([2, 2], [1, 1], [0, 0], [0, 0], [1, 1]), 2, Draw(4 * 1 * 4), Draw(4), relu, 0);
        var p = Layer.Pooling(LayerKind.MaxPool, c.OutputShape, W([2, 2], [1, 1], [1, 1], [0, 0], [1, 1]), 1);
        var d = Layer.Convolution(p.OutputShape, 2, W([2, 2], [2, 2], [0, 0], [1, 1], [1, 1]), 1, Draw(2 * 4 * 4), Draw(2), new LeakyReluActivation(0.2), 2);
        var g = Layer.Pooling(LayerKind.AveragePool, d.OutputShape, WindowGeometry.Plain([.. d.OutputShape.Spatial]), 3);
        var out2 = new Layer(input2.Size + g.OutputSize, 3, Draw(3 * (input2.Size + g.OutputSize)), Draw(3), identity, [0, 4]);
        yield return new Network(input2, [c, p, d, g, out2]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(3.0)]
    [InlineData(double.PositiveInfinity)]
    public void One_forward_pass_equals_the_norm_of_every_path(double q)
    {
        foreach (var net in TinyNetworks(800))
        {
            var phi = Phi(net);
            var norm = PathNorms.Compute(net, q);
            double expected = Norm(phi.SelectMany(v => v), q);
            Assert.True(Math.Abs(norm.Value - expected) <= 1e-12 * Math.Max(1, expected), $"{net.Architecture} q = {q}: pass {norm.Value}, paths {expected}");
            for (int o = 0; o < net.OutputSize; o++)
            {
                double output = Norm(phi[o], q);
                Assert.True(Math.Abs(norm.PerOutput[o] - output) <= 1e-12 * Math.Max(1, output), $"{net.Architecture} output {o} q = {q}: pass {norm.PerOutput[o]}, paths {output}");
            }
        }
    }

    [Fact]
    public void Invariant_under_a_channel_rescaling()
    {
        // Scaling a ReLU convolution's channel (kernel row and bias) by λ > 0 and the kernels reading it
        // by 1/λ leaves every path's product, and so every path norm, unchanged.
        var net = ConvolutionalTestNetworks.Vgg(new ReluActivation(), 810);
        var theta = net.GetParameters();
        const double lambda = 3.5;
        var layout = net.Layout;
        for (int k = 0; k < 27; k++) theta[layout.Weight(0, 1, k)] *= lambda;
        theta[layout.Bias(0, 1)] *= lambda;
        for (int o = 0; o < 6; o++)
            for (int t = 0; t < 9; t++) theta[layout.Weight(2, o, 1 * 9 + t)] /= lambda;
        var scaled = net.WithParameters(theta);
        foreach (double q in new[] { 1.0, 2.0, double.PositiveInfinity })
            Assert.Equal(PathNorms.Compute(net, q).Value, PathNorms.Compute(scaled, q).Value, 1e-9 * PathNorms.Compute(net, q).Value);
    }

    [Fact]
    public void Paths_are_counted_as_enumerated_and_listed_only_for_dense_networks()
    {
        foreach (var net in TinyNetworks(820))
        {
            var phi = Phi(net);
            var count = PathCount.Of(net);
            Assert.Equal(phi.Select(p => (System.Numerics.BigInteger)p.Count), count.PerOutput);
            Assert.StartsWith("the path-lifting Φ does not handle ", Assert.Throws<NotSupportedException>(() => PathLifting.Compute(net)).Message);
        }
    }
}

using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Networks;

/// <summary>
/// The double forward and reverse passes of convolution, pooling and addition layers, against a
/// reference written straight from PyTorch's definitions (nested loops over channels, positions and
/// taps, no tap map), and against central differences.
/// </summary>
public class ConvolutionKernelTests
{
    public static TheoryData<string> Activations() => new() { "relu", "tanh", "sigmoid", "leaky_relu(0.1)" };

    [Theory]
    [MemberData(nameof(Activations))]
    public void Forward_matches_the_reference_definition(string spec)
    {
        var act = ActivationCatalog.Parse(spec);
        foreach (var net in ConvolutionalTestNetworks.All(act, 11))
        {
            var x = TestNetworks.GaussianInputs(5, net.InputSize, 3);
            var y = Forward.Evaluate(net, x, LinearAlgebraBackends.Default);
            for (int i = 0; i < x.Rows; i++)
            {
                var expected = Reference(net, x.Row(i).ToArray());
                for (int o = 0; o < net.OutputSize; o++)
                    Assert.True(Math.Abs(expected[o] - y[i, o]) <= 1e-12 * (1 + Math.Abs(expected[o])),
                        $"{net.Architecture} input {i} output {o}: kernel {y[i, o]}, reference {expected[o]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void Input_jacobian_matches_central_differences(string spec)
    {
        var act = ActivationCatalog.Parse(spec);
        foreach (var net in ConvolutionalTestNetworks.All(act, 21))
        {
            var x = TestNetworks.GaussianInputs(2, net.InputSize, 4);
            var j = InputJacobian.Compute(net, x, LinearAlgebraBackends.Default);
            int m = net.OutputSize;
            const double h = 1e-6;
            for (int i = 0; i < x.Rows; i++)
                for (int k = 0; k < net.InputSize; k++)
                {
                    var xp = new Matrix(1, net.InputSize, x.Row(i).ToArray()); xp[0, k] += h;
                    var xm = new Matrix(1, net.InputSize, x.Row(i).ToArray()); xm[0, k] -= h;
                    var fp = Forward.Evaluate(net, xp, LinearAlgebraBackends.Default);
                    var fm = Forward.Evaluate(net, xm, LinearAlgebraBackends.Default);
                    for (int o = 0; o < m; o++)
                    {
                        double fd = (fp[0, o] - fm[0, o]) / (2 * h);
                        // A kink or a max-pool tie crossed within ±h breaks the difference quotient; at
                        // Gaussian points that is rare, and the loose tolerance does not hide a wrong sign or tap.
                        Assert.True(Math.Abs(fd - j[i * m + o, k]) <= 1e-5 * (1 + Math.Abs(fd)),
                            $"{net.Architecture} input {i} output {o} coordinate {k}: J = {j[i * m + o, k]}, differences {fd}");
                    }
                }
        }
    }

    [Fact]
    public void Shapes_follow_the_output_size_formula()
    {
        var net = ConvolutionalTestNetworks.ResNet(new ReluActivation(), 1);
        Assert.Equal("4×7×7", net.ShapeOf(1).ToString());
        Assert.Equal("6×4×4", net.ShapeOf(5).ToString()); // (7 + 2 − 2 − 1)/2 + 1
        Assert.Equal("4×3×4", net.ShapeOf(9).ToString()); // dilation 2 and uneven padding
        var oneD = ConvolutionalTestNetworks.OneDimensional(new ReluActivation(), 1);
        Assert.Equal(["3×12", "3×6", "3×3", "3×3"], Enumerable.Range(1, 4).Select(n => oneD.ShapeOf(n).ToString()));
    }

    [Fact]
    public void Bad_geometry_is_refused_with_its_reason()
    {
        var input = new NodeShape(4, 5, 5);
        var relu = new ReluActivation();
        Assert.Contains("divisible", Assert.Throws<InvalidNetworkException>(() =>
            Layer.Convolution(input, 6, WindowGeometry.Plain(3, 3), 3, new double[6 * 9], new double[6], relu, 0)).Message);
        Assert.Contains("does not fit", Assert.Throws<InvalidNetworkException>(() =>
            Layer.Convolution(input, 2, WindowGeometry.Plain(6, 6), 1, new double[2 * 4 * 36], new double[2], relu, 0)).Message);
        Assert.Contains("kernel has", Assert.Throws<InvalidNetworkException>(() =>
            Layer.Convolution(input, 2, WindowGeometry.Plain(3, 3), 1, new double[5], new double[2], relu, 0)).Message);
        Assert.Contains("wholly in the padding", Assert.Throws<InvalidNetworkException>(() =>
            Layer.Pooling(LayerKind.MaxPool, input, new WindowGeometry([2, 2], [1, 1], [2, 2], [0, 0], [1, 1]), 0)).Message);
        var conv = Layer.Convolution(input, 2, WindowGeometry.Plain(3, 3), 1, new double[2 * 4 * 9], new double[2], relu, 0);
        Assert.Contains("shape", Assert.Throws<InvalidNetworkException>(() =>
            new Network(new NodeShape(4, 6, 6), [conv])).Message);
        Assert.Contains("shape", Assert.Throws<InvalidNetworkException>(() =>
            new Network(input, [conv, Layer.Add(conv.OutputShape, [0, 1], relu)])).Message);
    }

    [Fact]
    public void Parameters_count_kernels_and_channel_biases_only()
    {
        var net = ConvolutionalTestNetworks.Vgg(new ReluActivation(), 2);
        Assert.Equal(4 * 3 * 9 + 4 + 6 * 4 * 9 + 6 + 18 + 3, net.ParameterCount);
        var theta = net.GetParameters();
        Assert.Equal(theta, net.WithParameters(theta).GetParameters());
        Assert.Equal("layer 2 weight [5,35]", net.DescribeParameter(4 * 3 * 9 + 4 + 6 * 4 * 9 - 1));
        Assert.Equal("layer 4 weight [0,0]", net.DescribeParameter(4 * 3 * 9 + 4 + 6 * 4 * 9 + 6));
    }

    /// <summary>
    /// The direct kernel (vectors of 8 and of 4 doubles, in hardware or software) and im2col + BLAS on single convolutions of
    /// random geometry: strides 1–3 on either axis, uneven padding, dilation, groups, 1-d and 2-d, widths that
    /// are not multiples of 8 and channel counts that are not multiples of 4, against the definition.
    /// </summary>
    [Fact]
    public void Direct_and_im2col_convolutions_match_the_definition_on_random_geometries()
    {
        var random = NetSym.Randomness.RandomKey.FromSeed(12).Stream();
        int Draw(int lo, int hi) => lo + (int)(random.NextDouble() * (hi - lo + 1));
        for (int trial = 0; trial < 60; trial++)
        {
            int rank = Draw(1, 2), groups = Draw(1, 3);
            int cin = groups * Draw(1, 3), cout = groups * Draw(1, 6);
            var kernel = Enumerable.Range(0, rank).Select(_ => Draw(1, 4)).ToArray();
            var stride = Enumerable.Range(0, rank).Select(_ => Draw(1, 3)).ToArray();
            var dilation = Enumerable.Range(0, rank).Select(_ => Draw(1, 2)).ToArray();
            var padBegin = Enumerable.Range(0, rank).Select(_ => Draw(0, 2)).ToArray();
            var padEnd = Enumerable.Range(0, rank).Select(_ => Draw(0, 2)).ToArray();
            var spatial = Enumerable.Range(0, rank).Select(a => dilation[a] * (kernel[a] - 1) + Draw(1, 19)).ToArray();
            var input = new NodeShape(cin, spatial);
            var window = new WindowGeometry(kernel, stride, padBegin, padEnd, dilation);
            int width = cin / groups * kernel.Aggregate(1, (a, b) => a * b);
            var layer = Layer.Convolution(input, cout, window, groups,
                [.. Enumerable.Range(0, cout * width).Select(_ => random.NextNormal())],
                [.. Enumerable.Range(0, cout).Select(_ => random.NextNormal())], new IdentityActivation(), 0);
            var x = TestNetworks.GaussianInputs(3, input.Size, trial);
            var direct = new Matrix(x.Rows, layer.OutputSize);
            var columns = new Matrix(x.Rows, layer.OutputSize);
            DirectConvolution.Convolve(layer, layer.WeightArray, layer.BiasArray, x.Data, direct, null, wide: trial % 2 == 0);
            WindowKernels.ConvolveByColumns(layer, layer.WeightArray, layer.BiasArray, x.Data, columns, null, LinearAlgebraBackends.Default);
            for (int n = 0; n < x.Rows; n++)
            {
                var expected = Windowed(layer, x.Row(n).ToArray());
                for (int k = 0; k < expected.Length; k++)
                {
                    double tolerance = 1e-12 * (1 + Math.Abs(expected[k]));
                    Assert.True(Math.Abs(direct[n, k] - expected[k]) <= tolerance, $"{layer.Window} groups {groups} {input}: direct {direct[n, k]}, definition {expected[k]}");
                    Assert.True(Math.Abs(columns[n, k] - expected[k]) <= tolerance, $"{layer.Window} groups {groups} {input}: im2col {columns[n, k]}, definition {expected[k]}");
                }
            }
        }
    }

    /// <summary>Each layer from its definition: out[c, y, x] = b[c] + Σ_{i, ky, kx} K[c, i, ky, kx]·in[g·Cin_g + i, y·s − p + ky·d, x·s − p + kx·d].</summary>
    private static double[] Reference(Network net, double[] input)
    {
        var nodes = new List<double[]> { input };
        foreach (var layer in net.Layers)
        {
            double[] z;
            if (layer.Kind == LayerKind.Dense)
            {
                var x = layer.Sources.SelectMany(s => nodes[s]).ToArray();
                z = new double[layer.OutputSize];
                for (int i = 0; i < z.Length; i++)
                {
                    z[i] = layer.Bias[i];
                    for (int j = 0; j < x.Length; j++) z[i] += layer.Weight(i, j) * x[j];
                }
            }
            else if (layer.Kind == LayerKind.Add)
            {
                z = new double[layer.OutputSize];
                foreach (int s in layer.Sources)
                    for (int i = 0; i < z.Length; i++) z[i] += nodes[s][i];
            }
            else z = Windowed(layer, nodes[layer.Sources[0]]);
            for (int i = 0; i < z.Length; i++) z[i] = layer.Activation.Value(z[i]);
            nodes.Add(z);
        }
        return nodes[^1];
    }

    private static double[] Windowed(Layer layer, double[] x)
    {
        var w = layer.Window!;
        bool twoD = w.Rank == 2;
        int inH = twoD ? layer.InputShape.Spatial[0] : 1, inW = layer.InputShape.Spatial[^1];
        int outH = twoD ? layer.OutputShape.Spatial[0] : 1, outW = layer.OutputShape.Spatial[^1];
        int kH = twoD ? w.Kernel[0] : 1, kW = w.Kernel[^1];
        int sH = twoD ? w.Stride[0] : 1, sW = w.Stride[^1], pH = twoD ? w.PadBegin[0] : 0, pW = w.PadBegin[^1];
        int dH = twoD ? w.Dilation[0] : 1, dW = w.Dilation[^1];
        int cin = layer.InputShape.Channels, cout = layer.OutputShape.Channels;
        int groupIn = cin / layer.Groups, groupOut = cout / layer.Groups;
        var y = new double[layer.OutputSize];
        for (int c = 0; c < cout; c++)
            for (int oy = 0; oy < outH; oy++)
                for (int ox = 0; ox < outW; ox++)
                {
                    double acc = layer.Kind == LayerKind.Convolution ? layer.Bias[c] : layer.Kind == LayerKind.MaxPool ? double.NegativeInfinity : 0;
                    var channels = layer.Kind == LayerKind.Convolution ? Enumerable.Range(c / groupOut * groupIn, groupIn) : [c];
                    foreach (int ci in channels)
                        for (int ky = 0; ky < kH; ky++)
                            for (int kx = 0; kx < kW; kx++)
                            {
                                int iy = oy * sH - pH + ky * dH, ix = ox * sW - pW + kx * dW;
                                bool inside = iy >= 0 && iy < inH && ix >= 0 && ix < inW;
                                double v = inside ? x[(ci * inH + iy) * inW + ix] : 0;
                                if (layer.Kind == LayerKind.Convolution)
                                    acc += layer.Weight(c, ((ci - c / groupOut * groupIn) * kH + ky) * kW + kx) * v;
                                else if (layer.Kind == LayerKind.MaxPool) { if (inside) acc = Math.Max(acc, v); }
                                else acc += v / (kH * kW);
                            }
                    y[(c * outH + oy) * outW + ox] = acc;
                }
        return y;
    }
}

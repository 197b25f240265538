using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Networks;

/// <summary>
/// The parameter Jacobian of convolutional and residual networks (kernels and biases shared by every
/// position, pooling and additions carrying the gradient) against central differences in θ.
/// </summary>
public class ConvolutionParameterJacobianTests
{
    public static TheoryData<string> Activations() => new() { "relu", "tanh", "leaky_relu(0.1)" };

    [Theory]
    [MemberData(nameof(Activations))]
    public void Matches_central_differences(string spec)
    {
        var act = ActivationCatalog.Parse(spec);
        // A kink or a max-pool tie crossed within ±h breaks the quotient; at Gaussian points and
        // weights that is rare, and the tolerance does not hide a wrong tap, position or sign.
        foreach (var net in ConvolutionalTestNetworks.All(act, 31))
            JacobianTests.AssertParameterJacobian(net, TestNetworks.GaussianInputs(2, net.InputSize, 32), 1e-5);
    }

    [Fact]
    public void Agrees_with_the_dense_jacobian_of_the_same_map_unrolled()
    {
        // A convolution is a dense layer whose weights are tied: unrolled into its dense matrix, the
        // dense Jacobian's column of W[(o, p), (i, q)] belongs to kernel entry (o, i, tap) whenever
        // position p reads q through that tap, so summing those columns gives the kernel's column.
        var act = ActivationCatalog.Parse("tanh");
        var input = new NodeShape(2, 5, 4);
        var window = ConvolutionalTestNetworks.Window([3, 2], [2, 1], [1, 0], [1, 1], [1, 2]);
        var kernel = TestNetworks.GaussianInputs(1, 3 * 2 * 6, 41).Data;
        var bias = TestNetworks.GaussianInputs(1, 3, 42).Data;
        var conv = Layer.Convolution(input, 3, window, 1, kernel, bias, act, 0);
        var head = new Layer(conv.OutputSize, 2, TestNetworks.GaussianInputs(1, 2 * conv.OutputSize, 43).Data, [0.1, -0.2], new IdentityActivation(), [1]);
        var net = new Network(input, [conv, head]);

        int positions = conv.OutputShape.Positions, inPositions = input.Positions, taps = window.WindowSize;
        var map = window.TapPositions(input.Spatial);
        var dense = new double[conv.OutputSize * conv.InputSize];
        var denseBias = new double[conv.OutputSize];
        for (int o = 0; o < 3; o++)
            for (int p = 0; p < positions; p++)
            {
                denseBias[o * positions + p] = bias[o];
                for (int i = 0; i < 2; i++)
                    for (int t = 0; t < taps; t++)
                        if (map[p * taps + t] >= 0)
                            dense[(o * positions + p) * conv.InputSize + i * inPositions + map[p * taps + t]] += kernel[(o * 2 + i) * taps + t];
            }
        var unrolled = new Network(input.Size, [new Layer(input.Size, conv.OutputSize, dense, denseBias, act, [0]), head]);

        var x = TestNetworks.GaussianInputs(3, input.Size, 44);
        var j = ParameterJacobian.Compute(net, x, LinearAlgebraBackends.Default);
        var jd = ParameterJacobian.Compute(unrolled, x, LinearAlgebraBackends.Default);
        for (int r = 0; r < j.Rows; r++)
        {
            for (int o = 0; o < 3; o++)
            {
                double biasSum = 0;
                for (int p = 0; p < positions; p++) biasSum += jd[r, unrolled.Layout.Bias(0, o * positions + p)];
                Assert.Equal(biasSum, j[r, net.Layout.Bias(0, o)], 12);
                for (int i = 0; i < 2; i++)
                    for (int t = 0; t < taps; t++)
                    {
                        double sum = 0;
                        for (int p = 0; p < positions; p++)
                            if (map[p * taps + t] >= 0) sum += jd[r, unrolled.Layout.Weight(0, o * positions + p, i * inPositions + map[p * taps + t])];
                        Assert.Equal(sum, j[r, net.Layout.Weight(0, o, i * taps + t)], 12);
                    }
            }
            // The head is dense in both.
            for (int k = 0; k < head.ParameterCount; k++)
                Assert.Equal(jd[r, unrolled.Layout.Offset(1) + k], j[r, net.Layout.Offset(1) + k], 12);
        }
    }
}

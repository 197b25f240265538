using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Networks;

/// <summary>
/// Exact evaluation, certified activation patterns (max-pool taps included) and the modular parameter
/// Jacobian of convolutional networks, against floating point where it is exact and against the
/// exact dyadic evaluation.
/// </summary>
public class ConvolutionExactJacobianTests
{
    private static readonly PrimeField Field = new(8388593); // the largest prime below 2^23

    public static TheoryData<string> Activations() => new() { "relu", "leaky_relu(0.25)", "abs" };

    /// <summary>The test networks whose average pools have a power of two of taps, so that floating point can be exact.</summary>
    private static IEnumerable<Network> DyadicNetworks(Activation act, int seed) =>
        [ConvolutionalTestNetworks.Vgg(act, seed), ConvolutionalTestNetworks.OneDimensional(act, seed + 1)];

    /// <summary>Inputs with entries in {−1, 0, 1}: after a ReLU many windows of a max pool hold equal values, zeros above all.</summary>
    private static Matrix CoarseInputs(int count, int size, int seed) =>
        new(count, size, [.. TestNetworks.GaussianInputs(count, size, seed).Data.Select(v => Math.Clamp(Math.Round(v), -1, 1))]);

    [Theory]
    [MemberData(nameof(Activations))]
    public void Exact_evaluation_agrees_with_floating_point_on_the_grid(string spec)
    {
        foreach (var net in DyadicNetworks(ActivationCatalog.Parse(spec), 500).Select(ExactTestNetworks.OnGrid))
        {
            var x = ExactTestNetworks.OnGrid(TestNetworks.GaussianInputs(6, net.InputSize, 501));
            var y = Forward.Evaluate(net, x, LinearAlgebraBackends.Default);
            var exact = new ExactEvaluation(net);
            for (int i = 0; i < x.Rows; i++)
            {
                var outputs = exact.Trace(x.Row(i)).Outputs;
                for (int o = 0; o < net.OutputSize; o++) Assert.Equal(y[i, o], outputs[o].ToDouble());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void Modular_jacobian_equals_the_float_one_where_floating_point_is_exact(string spec)
    {
        // Parameters and inputs on a 1/16 grid and average pools over 2^k taps keep every value within
        // 53 bits, so the float Jacobian is the exact one and its residues must match entry by entry,
        // max-pool ties (coarse inputs) included: both take the first largest tap.
        foreach (var net in DyadicNetworks(ActivationCatalog.Parse(spec), 510).Select(ExactTestNetworks.OnGrid))
        {
            var x = ExactTestNetworks.OnGrid(TestNetworks.GaussianInputs(8, net.InputSize, 511));
            var coarse = CoarseInputs(8, net.InputSize, 512);
            foreach (var batch in new[] { x, coarse })
            {
                var j = ParameterJacobian.Compute(net, batch, LinearAlgebraBackends.Default);
                var modular = ModularParameterJacobian.Compute(net, batch, Field, null, LinearAlgebraBackends.Default);
                Assert.Equal(j.Rows, modular.Rows);
                Assert.Equal(j.Columns, modular.Columns);
                for (int k = 0; k < j.Data.Length; k++)
                    Assert.True(Field.FromDouble(j.Data[k]) == modular.Data[k],
                        $"{net.Architecture} entry ({k / j.Columns}, {net.Layout[k % j.Columns]}): float {j.Data[k]}, modular {modular.Data[k]}");
            }
        }
    }

    [Fact]
    public void Certified_max_pool_taps_are_the_exact_first_maxima()
    {
        var relu = ActivationCatalog.Parse("relu");
        int ties = 0, exactlyDecided = 0;
        // Weights on the grid make equal positive values in a window too, whose float error bounds overlap.
        foreach (var net in DyadicNetworks(relu, 520).SelectMany(n => new[] { n, ExactTestNetworks.OnGrid(n) }))
        {
            var inputs = new[] { TestNetworks.GaussianInputs(10, net.InputSize, 521), CoarseInputs(10, net.InputSize, 522) };
            foreach (var x in inputs)
            {
                var pattern = ActivationPattern.Certify(net, x, LinearAlgebraBackends.Default);
                exactlyDecided += pattern.ExactSamples;
                var exact = new ExactEvaluation(net);
                for (int i = 0; i < x.Rows; i++)
                {
                    var trace = exact.Trace(x.Row(i));
                    for (int l = 0; l < net.Layers.Count; l++)
                    {
                        var layer = net.Layers[l];
                        if (layer.Kind != LayerKind.MaxPool) continue;
                        var expected = new int[layer.OutputSize];
                        WindowKernels.MaxTaps<Dyadic>(layer, trace.Nodes[layer.Sources[0]], expected);
                        Assert.Equal(expected, pattern.MaxTaps(l, i).ToArray());
                        ties += Ties(layer, trace.Nodes[layer.Sources[0]]);
                    }
                }
            }
        }
        Assert.True(ties > 0, "the coarse inputs should put equal maxima in some window");
        // A tie of two inexact values is within any float bound of itself, so some inputs must have gone through the exact decision.
        Assert.True(exactlyDecided > 0, "no input was decided exactly");
    }

    /// <summary>Windows whose largest value is held by more than one tap.</summary>
    private static int Ties(Layer layer, Dyadic[] x)
    {
        var taps = layer.Taps;
        int window = layer.Window!.WindowSize, positions = layer.OutputShape.Positions, inPositions = layer.InputShape.Positions, count = 0;
        for (int c = 0; c < layer.Units; c++)
            for (int p = 0; p < positions; p++)
            {
                var values = taps.Skip(p * window).Take(window).Where(t => t >= 0).Select(t => x[c * inPositions + t]).ToList();
                if (values.Count(v => v == values.Max()) > 1) count++;
            }
        return count;
    }

    [Fact]
    public void Modular_rank_equals_the_float_rank_on_generic_networks()
    {
        // Gaussian parameters and inputs: the float SVD rank has a wide gap, and the rank mod a large
        // prime equals the rank over Q, so both must agree — on the residual network as well, whose
        // average pool over 12 taps floating point cannot represent exactly.
        foreach (var net in ConvolutionalTestNetworks.All(ActivationCatalog.Parse("relu"), 530))
        {
            var x = TestNetworks.GaussianInputs(2 * (net.ParameterCount + net.OutputSize - 1) / net.OutputSize, net.InputSize, 531);
            var j = ParameterJacobian.Compute(net, x, LinearAlgebraBackends.Default);
            var sigma = LinearAlgebraBackends.Default.SingularValues(j.Data, j.Rows, j.Columns);
            int floatRank = RankPolicy.FromSingularValues(sigma, j.Rows, j.Columns, null).Rank;
            var modular = ModularParameterJacobian.Compute(net, x, Field, null, LinearAlgebraBackends.Default);
            int modularRank = ModularRank.ComputeInPlace(Field, modular.Data, modular.Rows, modular.Columns, LinearAlgebraBackends.Default).Rank;
            Assert.Equal(floatRank, modularRank);
        }
    }
}

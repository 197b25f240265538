using System.Numerics;
using CsCheck;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Networks;

/// <summary>Networks and inputs for the exact-arithmetic tests.</summary>
internal static class ExactTestNetworks
{
    public static TheoryData<string> PiecewiseLinear() => new() { "relu", "leaky_relu(0.25)", "abs", "hardtanh", "relu6" };

    public static IEnumerable<Network> Networks(Activation act, int seed) =>
        [TestNetworks.Dense("3-4-3-1", act, seed), TestNetworks.Dense("2-3-3-2", act, seed + 1), TestNetworks.SkipMasked(act, seed + 2)];

    /// <summary>
    /// The network with every parameter rounded to a multiple of 1/16: values then carry few bits,
    /// so that floating point computes forward passes and Jacobians without any rounding.
    /// </summary>
    public static Network OnGrid(Network net) => net.WithParameters([.. net.GetParameters().Select(Grid)]);

    public static Matrix OnGrid(Matrix x) => new(x.Rows, x.Columns, [.. x.Data.Select(Grid)]);

    private static double Grid(double t) => Math.Round(t * 16) / 16;

    /// <summary>
    /// The network on the grid with every layer-0 weight from input 0 set to 1, so that
    /// <see cref="PlantOnBreakpoints"/> can solve for x_0 without dividing.
    /// </summary>
    public static Network KinkReady(Network net)
    {
        var theta = OnGrid(net).GetParameters();
        for (int j = 0; j < net.Layers[0].OutputSize; j++) theta[net.ParameterOffset(0) + j * net.InputSize] = 1;
        return net.WithParameters(theta);
    }

    /// <summary>
    /// Moves input 0 of each of <paramref name="rows"/> (inputs on the grid) to x_0 = t − b_j − Σ_{k≥1} w_jk·x_k, which
    /// puts dense layer 0's neuron j = (n mod width), n the row's place in the list, exactly on breakpoint
    /// t = (n mod #breakpoints) of a <see cref="KinkReady"/> network: every value is on a fine grid, so
    /// floating point computes that pre-activation without rounding too.
    /// </summary>
    public static void PlantOnBreakpoints(Network net, Matrix x, IReadOnlyList<int> rows)
    {
        var first = net.Layers[0];
        var breakpoints = first.Activation.Pieces!.Breakpoints;
        for (int n = 0; n < rows.Count; n++)
        {
            int i = rows[n], j = n % first.OutputSize;
            double rest = first.Bias[j];
            for (int k = 1; k < first.InputSize; k++) rest += first.Weight(j, k) * x[i, k];
            x[i, 0] = breakpoints[n % breakpoints.Count] - rest;
        }
    }
}

public class ExactEvaluationTests
{
    private static readonly Gen<double> Moderate = Gen.Double.Where(x => x == 0 || (Math.Abs(x) > 1e-100 && Math.Abs(x) < 1e100));

    [Fact]
    public void Point_one_plus_point_two_is_exact()
    {
        var sum = Dyadic.FromDouble(0.1) + Dyadic.FromDouble(0.2);
        // 0.1 = 3602879701896397·2^−55 and 0.2 = 3602879701896397·2^−54 as doubles.
        Assert.Equal(new Dyadic(10808639105689191, -55), sum);
        Assert.Equal(new Dyadic(1, -55), sum - Dyadic.FromDouble(0.3));
        Assert.Equal(0.1 + 0.2, sum.ToDouble()); // the float sum is the correctly rounded exact sum
        Assert.True(sum > Dyadic.FromDouble(0.3));
    }

    [Fact]
    public void Every_finite_double_round_trips()
    {
        Gen.Double.Where(double.IsFinite).Sample(x =>
        {
            var d = Dyadic.FromDouble(x);
            Assert.Equal(BitConverter.DoubleToInt64Bits(x == 0 ? 0 : x), BitConverter.DoubleToInt64Bits(d.ToDouble()));
            Assert.True(d.Mantissa.IsZero || !d.Mantissa.IsEven, "normalised: odd mantissa");
        });
        Assert.Equal(double.Epsilon, Dyadic.FromDouble(double.Epsilon).ToDouble());
        Assert.Equal(double.MaxValue, Dyadic.FromDouble(double.MaxValue).ToDouble());
    }

    [Fact]
    public void Exact_sums_and_products_round_to_the_ieee_results()
    {
        // IEEE + and · are correctly rounded, so rounding the exact result must give the same double.
        Gen.Select(Moderate, Moderate).Sample((a, b) =>
        {
            var x = Dyadic.FromDouble(a);
            var y = Dyadic.FromDouble(b);
            Assert.Equal(a + b, (x + y).ToDouble());
            Assert.Equal(a - b, (x - y).ToDouble());
            Assert.Equal(a * b, (x * y).ToDouble());
            Assert.Equal(a.CompareTo(b), x.CompareTo(y));
        });
    }

    [Fact]
    public void Dot_product_equals_the_sum_of_products()
    {
        Gen.Select(Moderate.Array[0, 6], Moderate.Array[0, 6], Moderate).Sample((a, b, c) =>
        {
            int n = Math.Min(a.Length, b.Length);
            var x = a.Take(n).Select(Dyadic.FromDouble).ToArray();
            var y = b.Take(n).Select(Dyadic.FromDouble).ToArray();
            var expected = Dyadic.FromDouble(c);
            for (int k = 0; k < n; k++) expected += x[k] * y[k];
            Assert.Equal(expected, Dyadic.DotProduct(Dyadic.FromDouble(c), x, y));
        });
    }

    [Fact]
    public void Residues_agree_with_the_prime_field_and_are_a_ring_homomorphism()
    {
        var field = new PrimeField(8388593);
        Gen.Select(Gen.Double.Where(double.IsFinite), Gen.Double.Where(double.IsFinite)).Sample((a, b) =>
        {
            var x = Dyadic.FromDouble(a);
            var y = Dyadic.FromDouble(b);
            long ra = field.FromDouble(a), rb = field.FromDouble(b);
            Assert.Equal(ra, x.Residue(field));
            Assert.Equal(field.Reduce(ra + rb), (x + y).Residue(field));
            Assert.Equal(field.Multiply(ra, rb), (x * y).Residue(field));
        });
    }

    [Fact]
    public void Hand_built_cancellation_is_evaluated_exactly()
    {
        // z = 0.1 + 0.2 − 0.3 in dyadics is 2^−55; floating point gives 2^−54 or 0 depending on the order.
        var net = Network.Sequential(3, [([0.1, 0.2, -0.3], [0.0], new IdentityActivation())]);
        var trace = new ExactEvaluation(net).Trace([1.0, 1.0, 1.0]);
        Assert.Equal(new Dyadic(1, -55), trace.PreActivations[0][0]);
        Assert.Equal(new Dyadic(1, -55), trace.Outputs[0]);

        // 1e16 + 1 − 1e16 = 1, where floating point left to right loses the 1.
        var relu = Network.Sequential(3, [([1.0, 1.0, -1.0], [-0.5], new ReluActivation()), ([2.0], [0.0], new IdentityActivation())]);
        var reluTrace = new ExactEvaluation(relu).Trace([1e16, 1.0, 1e16]);
        Assert.Equal(Dyadic.FromDouble(0.5), reluTrace.PreActivations[0][0]);
        Assert.Equal(Dyadic.FromDouble(1.0), reluTrace.Outputs[0]);
    }

    [Theory]
    [MemberData(nameof(ExactTestNetworks.PiecewiseLinear), MemberType = typeof(ExactTestNetworks))]
    public void Exact_evaluation_agrees_with_floating_point_within_rounding(string spec)
    {
        foreach (var net in ExactTestNetworks.Networks(ActivationCatalog.Parse(spec), 100))
        {
            var x = TestNetworks.GaussianInputs(20, net.InputSize, 101);
            var trace = Forward.Trace(net, x, LinearAlgebraBackends.Default);
            var exact = new ExactEvaluation(net);
            for (int i = 0; i < x.Rows; i++)
            {
                var t = exact.Trace(x.Row(i));
                for (int l = 0; l < net.Layers.Count; l++)
                    for (int j = 0; j < net.Layers[l].OutputSize; j++)
                    {
                        double z = trace.PreActivations[l][i, j], y = trace.Nodes[l + 1][i, j];
                        Assert.True(Math.Abs(t.PreActivations[l][j].ToDouble() - z) <= 1e-13 * (1 + Math.Abs(z)), $"input {i} layer {l} neuron {j}");
                        Assert.True(Math.Abs(t.Nodes[l + 1][j].ToDouble() - y) <= 1e-13 * (1 + Math.Abs(y)), $"input {i} layer {l} neuron {j}");
                    }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ExactTestNetworks.PiecewiseLinear), MemberType = typeof(ExactTestNetworks))]
    public void Exact_evaluation_equals_floating_point_where_floating_point_is_exact(string spec)
    {
        foreach (var net in ExactTestNetworks.Networks(ActivationCatalog.Parse(spec), 110).Select(ExactTestNetworks.OnGrid))
        {
            var x = ExactTestNetworks.OnGrid(TestNetworks.GaussianInputs(20, net.InputSize, 111));
            var trace = Forward.Trace(net, x, LinearAlgebraBackends.Default);
            var exact = new ExactEvaluation(net);
            for (int i = 0; i < x.Rows; i++)
            {
                var t = exact.Trace(x.Row(i));
                for (int l = 0; l < net.Layers.Count; l++)
                {
                    Assert.Equal(trace.PreActivations[l].Row(i).ToArray().Select(Dyadic.FromDouble), t.PreActivations[l]);
                    Assert.Equal(trace.Nodes[l + 1].Row(i).ToArray().Select(Dyadic.FromDouble), t.Nodes[l + 1]);
                }
            }
        }
    }

    [Fact]
    public void Pieces_carry_the_intercepts_of_each_linear_piece()
    {
        var relu6 = ExactPieces.Of(new Relu6Activation());
        Assert.Equal([Dyadic.Zero, Dyadic.Zero, Dyadic.FromDouble(6)], relu6.Intercepts);
        var hardtanh = ExactPieces.Of(new HardtanhActivation());
        Assert.Equal([Dyadic.FromDouble(-1), Dyadic.Zero, Dyadic.FromDouble(1)], hardtanh.Intercepts);
        foreach (var act in TestNetworks.AllActivations().Where(a => a.IsPiecewiseLinear))
        {
            var pieces = ExactPieces.Of(act);
            foreach (double z in new[] { -7.5, -1.0, -0.375, 0.0, 0.625, 1.0, 5.5, 6.0, 9.25 })
            {
                var exact = Dyadic.FromDouble(z);
                Assert.Equal(act.Value(z), pieces.Apply(exact, pieces.PieceOf(exact, out int _)).ToDouble());
            }
        }
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("gelu")]
    [InlineData("softplus")]
    public void Smooth_activations_are_refused(string spec)
    {
        var net = TestNetworks.Dense("2-3-1", ActivationCatalog.Parse(spec), 1);
        var e = Assert.Throws<ExactRankUnavailableException>(() => new ExactEvaluation(net));
        Assert.Equal(spec, e.ActivationSpec);
    }
}

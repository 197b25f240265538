using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Networks;

public class JacobianTests
{
    public static TheoryData<string> Smooth() => new() { "tanh", "sigmoid", "softplus", "gelu", "elu(0.7)", "identity" };
    public static TheoryData<string> PiecewiseLinear() => new() { "relu", "leaky_relu(0.1)", "abs", "hardtanh", "relu6" };

    private static IEnumerable<Network> Networks(Activation act, int seed) =>
        [TestNetworks.Dense("4-6-5-3", act, seed), TestNetworks.SkipMasked(act, seed + 1)];

    /// <summary>Central differences in θ: exact to O(h²) for smooth ρ, and exact to rounding for a
    /// piecewise-linear ρ as long as no pre-activation crosses a kink within ±h (checked).</summary>
    internal static void AssertParameterJacobian(Network net, Matrix x, double tolerance)
    {
        var j = ParameterJacobian.Compute(net, x, LinearAlgebraBackends.Default);
        int m = net.OutputSize;
        Assert.Equal(x.Rows * m, j.Rows);
        Assert.Equal(net.ParameterCount, j.Columns);
        var theta = net.GetParameters();
        const double h = 1e-6;
        for (int p = 0; p < theta.Length; p++)
        {
            var plus = (double[])theta.Clone(); plus[p] += h;
            var minus = (double[])theta.Clone(); minus[p] -= h;
            var fp = Forward.Evaluate(net.WithParameters(plus), x, LinearAlgebraBackends.Default);
            var fm = Forward.Evaluate(net.WithParameters(minus), x, LinearAlgebraBackends.Default);
            for (int r = 0; r < j.Rows; r++)
            {
                double fd = (fp.Data[r] - fm.Data[r]) / (2 * h);
                Assert.True(Math.Abs(fd - j[r, p]) <= tolerance * (1 + Math.Abs(fd)), $"row {r} param {p}: J = {j[r, p]}, differences {fd}");
            }
        }
    }

    private static void AssertInputJacobian(Network net, Matrix x, double tolerance)
    {
        var j = InputJacobian.Compute(net, x, LinearAlgebraBackends.Default);
        int m = net.OutputSize, n0 = net.InputSize;
        const double h = 1e-6;
        for (int i = 0; i < x.Rows; i++)
            for (int k = 0; k < n0; k++)
            {
                var xp = new Matrix(1, n0, x.Row(i).ToArray()); xp[0, k] += h;
                var xm = new Matrix(1, n0, x.Row(i).ToArray()); xm[0, k] -= h;
                var fp = Forward.Evaluate(net, xp, LinearAlgebraBackends.Default); var fm = Forward.Evaluate(net, xm, LinearAlgebraBackends.Default);
                for (int o = 0; o < m; o++)
                {
                    double fd = (fp[0, o] - fm[0, o]) / (2 * h);
                    Assert.True(Math.Abs(fd - j[i * m + o, k]) <= tolerance * (1 + Math.Abs(fd)), $"input {i} output {o} coordinate {k}: J = {j[i * m + o, k]}, differences {fd}");
                }
            }
    }

    /// <summary>True when every pre-activation of every input is at least <paramref name="margin"/> from every kink.</summary>
    private static bool FarFromKinks(Network net, Matrix x, double margin)
    {
        var trace = Forward.Trace(net, x, LinearAlgebraBackends.Default);
        for (int l = 0; l < net.Layers.Count; l++)
            if (net.Layers[l].Activation.Pieces is { } pieces)
                foreach (double z in trace.PreActivations[l].Data)
                    if (pieces.Breakpoints.Any(t => Math.Abs(z - t) < margin)) return false;
        return true;
    }

    [Theory]
    [MemberData(nameof(Smooth))]
    public void Parameter_jacobian_matches_finite_differences_for_smooth_activations(string spec)
    {
        foreach (var net in Networks(ActivationCatalog.Parse(spec), 10))
            AssertParameterJacobian(net, TestNetworks.GaussianInputs(6, net.InputSize, 11), 1e-6);
    }

    [Theory]
    [MemberData(nameof(PiecewiseLinear))]
    public void Parameter_jacobian_matches_finite_differences_for_piecewise_linear_activations(string spec)
    {
        foreach (var net in Networks(ActivationCatalog.Parse(spec), 20))
        {
            var x = TestNetworks.GaussianInputs(6, net.InputSize, 21);
            Assert.True(FarFromKinks(net, x, 1e-4), "test inputs too close to a kink: pick another seed");
            AssertParameterJacobian(net, x, 1e-7);
        }
    }

    [Theory]
    [MemberData(nameof(Smooth))]
    [MemberData(nameof(PiecewiseLinear))]
    public void Input_jacobian_matches_finite_differences(string spec)
    {
        foreach (var net in Networks(ActivationCatalog.Parse(spec), 30))
        {
            var x = TestNetworks.GaussianInputs(5, net.InputSize, 31);
            Assert.True(FarFromKinks(net, x, 1e-4), "test inputs too close to a kink: pick another seed");
            AssertInputJacobian(net, x, 1e-6);
        }
    }

    [Fact]
    public void Relu_jacobian_annihilates_every_neuron_rescaling_direction()
    {
        // Scaling a hidden ReLU neuron's incoming (w, b) by λ and its outgoing weights by 1/λ leaves f
        // unchanged; differentiating at λ = 1 gives J·v = 0 for v = (w_in, b, −w_out) of that neuron.
        var net = TestNetworks.Dense("4-6-5-2", new ReluActivation(), 40);
        var x = TestNetworks.GaussianInputs(30, 4, 41);
        var j = ParameterJacobian.Compute(net, x, LinearAlgebraBackends.Default);
        var theta = net.GetParameters();
        for (int l = 0; l < net.Layers.Count - 1; l++)
        {
            var layer = net.Layers[l]; var next = net.Layers[l + 1];
            int off = net.ParameterOffset(l), nextOff = net.ParameterOffset(l + 1);
            for (int neuron = 0; neuron < layer.OutputSize; neuron++)
            {
                var v = new double[theta.Length];
                for (int k = 0; k < layer.InputSize; k++) v[off + neuron * layer.InputSize + k] = theta[off + neuron * layer.InputSize + k];
                v[off + layer.OutputSize * layer.InputSize + neuron] = theta[off + layer.OutputSize * layer.InputSize + neuron];
                for (int o = 0; o < next.OutputSize; o++) v[nextOff + o * next.InputSize + neuron] = -theta[nextOff + o * next.InputSize + neuron];
                for (int r = 0; r < j.Rows; r++)
                {
                    double s = 0;
                    for (int p = 0; p < theta.Length; p++) s += j[r, p] * v[p];
                    Assert.True(Math.Abs(s) < 1e-12, $"layer {l} neuron {neuron} row {r}: J·v = {s}");
                }
            }
        }
    }
}

using CsCheck;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Networks;

public class ModularParameterJacobianTests
{
    private static readonly PrimeField Field = new(8388593); // the largest prime below 2^23

    /// <summary>Entry by entry: the residue of each float entry is the modular entry.</summary>
    private static void AssertResiduesMatch(Matrix jacobian, Matrix modular, string what)
    {
        Assert.Equal(jacobian.Rows, modular.Rows);
        Assert.Equal(jacobian.Columns, modular.Columns);
        for (int k = 0; k < jacobian.Data.Length; k++)
            Assert.True(Field.FromDouble(jacobian.Data[k]) == modular.Data[k],
                $"{what} entry ({k / jacobian.Columns}, {k % jacobian.Columns}): float {jacobian.Data[k]} ≡ {Field.FromDouble(jacobian.Data[k])}, modular {modular.Data[k]}");
    }

    /// <summary>Rank over F_p by plain Gaussian elimination, independent of the library.</summary>
    private static int RankModP(Matrix a, PrimeField field)
    {
        var m = new long[a.Rows][];
        for (int i = 0; i < a.Rows; i++) m[i] = [.. a.Row(i).ToArray().Select(v => (long)v)];
        int rank = 0;
        for (int c = 0; c < a.Columns && rank < a.Rows; c++)
        {
            int pivot = Enumerable.Range(rank, a.Rows - rank).FirstOrDefault(r => m[r][c] != 0, -1);
            if (pivot < 0) continue;
            (m[rank], m[pivot]) = (m[pivot], m[rank]);
            long inverse = field.Inverse(m[rank][c]);
            for (int r = rank + 1; r < a.Rows; r++)
            {
                long f = field.Multiply(m[r][c], inverse);
                if (f == 0) continue;
                for (int k = c; k < a.Columns; k++) m[r][k] = field.Reduce(m[r][k] - field.Multiply(f, m[rank][k]));
            }
            rank++;
        }
        return rank;
    }

    [Theory]
    [MemberData(nameof(ExactTestNetworks.PiecewiseLinear), MemberType = typeof(ExactTestNetworks))]
    public void Equals_the_float_jacobian_where_floating_point_is_exact(string spec)
    {
        // Parameters and inputs on a 1/16 grid keep every product and sum within 53 bits, so the
        // float Jacobian is the exact rational one and its residues must match entry by entry — on
        // inputs that land on a kink too, where both take PyTorch's ρ′.
        foreach (var net in ExactTestNetworks.Networks(ActivationCatalog.Parse(spec), 400).Select(ExactTestNetworks.OnGrid))
        {
            var x = ExactTestNetworks.OnGrid(TestNetworks.GaussianInputs(40, net.InputSize, 401));
            AssertResiduesMatch(ParameterJacobian.Compute(net, x, LinearAlgebraBackends.Default),
                ModularParameterJacobian.Compute(net, x, Field, null, LinearAlgebraBackends.Default), net.Architecture.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(ExactTestNetworks.PiecewiseLinear), MemberType = typeof(ExactTestNetworks))]
    public void On_a_breakpoint_equals_the_float_jacobian_which_takes_pytorchs_slope(string spec)
    {
        // Every value on a fine grid (ExactTestNetworks.PlantOnBreakpoints): floating point computes the
        // pre-activations on a breakpoint and the Jacobian without rounding, so the residues must match
        // entry by entry, kinks included (abs at 0 is the case where ρ′ = 0 is neither neighbouring piece's slope).
        foreach (var architecture in new[] { "3-4-3-1", "2-3-3-2" })
        {
            var net = ExactTestNetworks.KinkReady(TestNetworks.Dense(architecture, ActivationCatalog.Parse(spec), 420));
            var x = ExactTestNetworks.OnGrid(TestNetworks.GaussianInputs(24, net.InputSize, 421));
            var planted = Enumerable.Range(0, x.Rows).Where(i => i % 2 == 0).ToArray();
            ExactTestNetworks.PlantOnBreakpoints(net, x, planted);
            var pattern = ActivationPattern.Certify(net, x, LinearAlgebraBackends.Default);
            Assert.Subset(pattern.SamplesOnKinks.ToHashSet(), planted.ToHashSet());
            AssertResiduesMatch(ParameterJacobian.Compute(net, x, LinearAlgebraBackends.Default),
                ModularParameterJacobian.Compute(net, x, Field, pattern, LinearAlgebraBackends.Default), architecture);
        }
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("leaky_relu(0.25)")]
    [InlineData("abs")]
    public void Rank_mod_p_equals_the_numerical_rank_on_generic_networks(string spec)
    {
        var act = ActivationCatalog.Parse(spec);
        var cases = new (Network Net, int Points)[]
        {
            (TestNetworks.Dense("3-4-3-1", act, 500), 40),
            (TestNetworks.Dense("2-3-3-2", act, 501), 30),
            (TestNetworks.SkipMasked(act, 502), 50),
        };
        foreach (var (net, points) in cases)
        {
            var x = TestNetworks.GaussianInputs(points, net.InputSize, 503);
            var modular = ModularParameterJacobian.Compute(net, x, Field, null, LinearAlgebraBackends.Default);
            Assert.All(modular.Data, v => Assert.True(v >= 0 && v < Field.P && v == Math.Floor(v)));
            var j = ParameterJacobian.Compute(net, x, LinearAlgebraBackends.Default);
            int numerical = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(j.Rows, j.Columns, (r, c) => j[r, c]).Rank();
            Assert.Equal(numerical, RankModP(modular, Field));
            Assert.True(numerical <= net.ParameterCount - net.HiddenNeuronCount, $"{net.Architecture}: rank {numerical} above the bound");
            Assert.Equal(numerical, RankModP(ModularParameterJacobian.Compute(net, x, new PrimeField(4194319), null, LinearAlgebraBackends.Default), new PrimeField(4194319)));
        }
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("leaky_relu(0.01)")]
    [InlineData("abs")]
    public void Neuron_rescalings_are_exactly_in_the_kernel(string spec)
    {
        // Scaling neuron j's incoming weights and bias by λ and all its outgoing weights by 1/λ leaves
        // f unchanged, so J·v = 0 over Q for v = (θ_in, −θ_out) of that neuron: exactly 0 mod p too,
        // for generic float weights where no entry is exact in floating point.
        foreach (var net in new[] { TestNetworks.Dense("3-5-4-2", ActivationCatalog.Parse(spec), 600), TestNetworks.SkipMasked(ActivationCatalog.Parse(spec), 601) })
        {
            var x = TestNetworks.GaussianInputs(15, net.InputSize, 602);
            var j = ModularParameterJacobian.Compute(net, x, Field, null, LinearAlgebraBackends.Default);
            var theta = net.GetParameters().Select(Field.FromDouble).ToArray();
            for (int l = 0; l < net.Layers.Count - 1; l++)
                for (int neuron = 0; neuron < net.Layers[l].OutputSize; neuron++)
                {
                    var v = RescalingDirection(net, l, neuron, theta);
                    Assert.Contains(v, e => e != 0);
                    for (int r = 0; r < j.Rows; r++)
                    {
                        long s = 0;
                        for (int p = 0; p < v.Length; p++) s = Field.Reduce(s + Field.Multiply((long)j[r, p], v[p]));
                        Assert.True(s == 0, $"layer {l} neuron {neuron} row {r}: J·v ≡ {s}");
                    }
                }
        }
    }

    /// <summary>(θ_in, b, −θ_out) of one neuron, mod p, in parameter order, over masks and skip connections.</summary>
    private static long[] RescalingDirection(Network net, int l, int neuron, long[] theta)
    {
        var v = new long[theta.Length];
        foreach (var (layer, index) in net.Layers.Select((x, i) => (x, i)))
        {
            var columns = Enumerable.Range(0, layer.Weights.Length).Where(k => layer.IsDense || layer.Mask[k]).ToList();
            int offset = net.ParameterOffset(index);
            if (index == l)
            {
                for (int e = 0; e < columns.Count; e++)
                    if (columns[e] / layer.InputSize == neuron) v[offset + e] = theta[offset + e];
                v[offset + columns.Count + neuron] = theta[offset + columns.Count + neuron];
            }
            int at = 0;
            foreach (int s in layer.Sources)
            {
                if (s == l + 1)
                    for (int e = 0; e < columns.Count; e++)
                        if (columns[e] % layer.InputSize == at + neuron) v[offset + e] = Field.Reduce(-theta[offset + e]);
                at += net.NodeSize(s);
            }
        }
        return v;
    }

    [Fact]
    public void Takes_pytorchs_slope_on_a_kink_and_refuses_smooth_activations_and_patterns_that_do_not_fit()
    {
        var net = Network.Sequential(2, [([1.0, -1.0], [0.0], new ReluActivation()), ([1.0], [0.0], new IdentityActivation())]);
        var x = Matrix.FromRows([[0.5, 0.5], [1.0, 0.0]]);
        // ∂f/∂(w1, w2, b1, v, c): x_0 is on the kink, where relu′(0) = 0 (PyTorch's value) and relu(0) = 0 leave only c.
        Assert.Equal([0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0], ModularParameterJacobian.Compute(net, x, Field, null, LinearAlgebraBackends.Default).Data);
        Assert.Equal([0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0], ParameterJacobian.Compute(net, x, LinearAlgebraBackends.Default).Data);
        var pattern = ActivationPattern.Certify(net, x, LinearAlgebraBackends.Default).Subset([1]);
        Assert.Throws<ArgumentException>(() => ModularParameterJacobian.Compute(net, x, Field, pattern, LinearAlgebraBackends.Default));
        var single = Matrix.FromRows([[1.0, 0.0]]);
        Assert.Equal([1.0, 0.0, 1.0, 1.0, 1.0], ModularParameterJacobian.Compute(net, single, Field, pattern, LinearAlgebraBackends.Default).Data); // ∂f/∂(w1, w2, b1, v, c)

        Assert.Throws<ArgumentException>(() => ModularParameterJacobian.Compute(net, new Matrix(1, 3), Field, pattern, LinearAlgebraBackends.Default));
        Assert.Throws<ArgumentException>(() => ModularParameterJacobian.Compute(net, Matrix.FromRows([[double.PositiveInfinity, 0.0]]), Field, pattern, LinearAlgebraBackends.Default));

        var tanh = TestNetworks.Dense("2-3-1", new TanhActivation(), 1);
        var e = Assert.Throws<ExactRankUnavailableException>(() => ModularParameterJacobian.Compute(tanh, single, Field, null, LinearAlgebraBackends.Default));
        Assert.Equal("tanh", e.ActivationSpec);
    }
}

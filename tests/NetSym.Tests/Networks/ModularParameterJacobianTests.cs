using CsCheck;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Networks;

public class ModularParameterJacobianTests
{
    private static readonly PrimeField Field = new(8388593); // the largest prime below 2^23

    /// <summary>The rows of <paramref name="x"/> whose pattern has no kink, and their pattern.</summary>
    private static (Matrix Inputs, ActivationPattern Pattern) OffKinks(Network net, Matrix x)
    {
        var pattern = ActivationPattern.Certify(net, x, LinearAlgebraBackends.Default);
        var keep = Enumerable.Range(0, x.Rows).Except(pattern.SamplesOnKinks).ToArray();
        return (Matrix.FromRows([.. keep.Select(i => x.Row(i).ToArray())]), pattern.Subset(keep));
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
        // float Jacobian is the exact rational one and its residues must match entry by entry.
        foreach (var net in ExactTestNetworks.Networks(ActivationCatalog.Parse(spec), 400).Select(ExactTestNetworks.OnGrid))
        {
            var (x, pattern) = OffKinks(net, ExactTestNetworks.OnGrid(TestNetworks.GaussianInputs(40, net.InputSize, 401)));
            Assert.True(x.Rows >= 20, $"only {x.Rows} inputs off the kinks");
            var j = ParameterJacobian.Compute(net, x, LinearAlgebraBackends.Default);
            var modular = ModularParameterJacobian.Compute(net, x, Field, pattern, LinearAlgebraBackends.Default);
            Assert.Equal(j.Rows, modular.Rows);
            Assert.Equal(j.Columns, modular.Columns);
            for (int k = 0; k < j.Data.Length; k++)
                Assert.True(Field.FromDouble(j.Data[k]) == modular.Data[k],
                    $"entry ({k / j.Columns}, {k % j.Columns}): float {j.Data[k]} ≡ {Field.FromDouble(j.Data[k])}, modular {modular.Data[k]}");
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
    public void Refuses_kinks_smooth_activations_and_patterns_that_do_not_fit()
    {
        var net = Network.Sequential(2, [([1.0, -1.0], [0.0], new ReluActivation()), ([1.0], [0.0], new IdentityActivation())]);
        var x = Matrix.FromRows([[0.5, 0.5], [1.0, 0.0]]);
        Assert.Contains("kink", Assert.Throws<ArgumentException>(() => ModularParameterJacobian.Compute(net, x, Field, null, LinearAlgebraBackends.Default)).Message);
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

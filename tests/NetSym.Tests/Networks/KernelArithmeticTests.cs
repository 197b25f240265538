using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Networks;

/// <summary>
/// Every arithmetic of <see cref="LayerKernel"/> against the double one on random networks, skip
/// connections and masks included: the dyadic pass is the exact value, the double pass rounds it,
/// the residue pass reduces it mod p, and intervals enclose it.
/// </summary>
public class KernelArithmeticTests
{
    private static readonly PrimeField Field = new(8388593);

    private static IEnumerable<Network> Networks(Activation activation, int seed) =>
        Enumerable.Range(0, 3).SelectMany(k => ExactTestNetworks.Networks(activation, seed + 10 * k));

    private static Matrix Inputs(Network net, int seed) => TestNetworks.GaussianInputs(12, net.InputSize, seed);

    /// <summary>Every pre-activation and node value of every input, from the double pass and the dyadic pass.</summary>
    private static IEnumerable<(double[] Float, Dyadic[] Exact, string What)> Values(Network net, Matrix x)
    {
        var trace = Forward.Trace(net, x, LinearAlgebraBackends.Default);
        var exact = new ExactEvaluation(net);
        for (int i = 0; i < x.Rows; i++)
        {
            var e = exact.Trace(x.Row(i));
            for (int l = 0; l < net.Layers.Count; l++)
            {
                yield return (trace.PreActivations[l].Row(i).ToArray(), e.PreActivations[l], $"input {i}, layer {l}, pre-activation");
                yield return (trace.Nodes[l + 1].Row(i).ToArray(), e.Nodes[l + 1], $"input {i}, layer {l}, output");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ExactTestNetworks.PiecewiseLinear), MemberType = typeof(ExactTestNetworks))]
    public void Dyadic_pass_equals_the_double_pass_where_no_rounding_occurs(string spec)
    {
        // On a 1/16 grid every product and sum of these small networks fits in 53 bits.
        foreach (var net in Networks(ActivationCatalog.Parse(spec), 700).Select(ExactTestNetworks.OnGrid))
        {
            var x = ExactTestNetworks.OnGrid(Inputs(net, 701));
            foreach (var (values, exact, what) in Values(net, x))
                for (int j = 0; j < exact.Length; j++)
                    Assert.True(Dyadic.FromDouble(values[j]) == exact[j], $"{net.Architecture}, {what} {j}: {values[j]:R} vs {exact[j]}");
        }
    }

    [Theory]
    [MemberData(nameof(ExactTestNetworks.PiecewiseLinear), MemberType = typeof(ExactTestNetworks))]
    public void Double_pass_is_the_dyadic_pass_rounded(string spec)
    {
        foreach (var net in Networks(ActivationCatalog.Parse(spec), 710))
        {
            var x = Inputs(net, 711);
            foreach (var (values, exact, what) in Values(net, x))
                for (int j = 0; j < exact.Length; j++)
                {
                    // A few roundings of unit-scale Gaussian sums, each within 2⁻⁵³ of its result: far below 1e-12.
                    double e = exact[j].ToDouble(), error = Math.Abs(values[j] - e);
                    Assert.True(error <= 1e-12 * (1 + Math.Abs(e)), $"{net.Architecture}, {what} {j}: {values[j]:R} vs {e:R}");
                }
        }
    }

    /// <summary>The inputs whose activation pattern has no kink, and that pattern.</summary>
    private static (Matrix Inputs, ActivationPattern Pattern) OffKinks(Network net, Matrix x)
    {
        var pattern = ActivationPattern.Certify(net, x, LinearAlgebraBackends.Default);
        var keep = Enumerable.Range(0, x.Rows).Except(pattern.SamplesOnKinks).ToArray();
        return (Matrix.FromRows([.. keep.Select(i => x.Row(i).ToArray())]), pattern.Subset(keep));
    }

    private static ResidueArithmetic Residues(Network net, ActivationPattern pattern) =>
        new(net, [.. net.Layers.Select(l => ExactPieces.Of(l.Activation))], pattern, Field, LinearAlgebraBackends.Default);

    private static Matrix Reduce(Matrix x)
    {
        var r = new Matrix(x.Rows, x.Columns);
        DyadicResidues.Map(Field, x.Data, r.Data);
        return r;
    }

    [Theory]
    [MemberData(nameof(ExactTestNetworks.PiecewiseLinear), MemberType = typeof(ExactTestNetworks))]
    public void Residue_pass_is_the_dyadic_pass_mod_p(string spec)
    {
        foreach (var net in Networks(ActivationCatalog.Parse(spec), 720))
        {
            var (x, pattern) = OffKinks(net, Inputs(net, 721));
            Assert.True(x.Rows >= 6, $"only {x.Rows} inputs off the kinks");
            var nodes = LayerKernel.Forward(net, Reduce(x), Residues(net, pattern));
            var exact = new ExactEvaluation(net);
            for (int i = 0; i < x.Rows; i++)
            {
                var e = exact.Trace(x.Row(i));
                for (int l = 1; l <= net.Layers.Count; l++)
                    for (int j = 0; j < e.Nodes[l].Length; j++)
                        Assert.True(e.Nodes[l][j].Residue(Field) == nodes[l][i, j],
                            $"{net.Architecture}, input {i}, node {l}, neuron {j}: {e.Nodes[l][j]} mod p ≠ {nodes[l][i, j]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ExactTestNetworks.PiecewiseLinear), MemberType = typeof(ExactTestNetworks))]
    public void Residue_reverse_pass_is_the_double_reverse_pass_mod_p_where_no_rounding_occurs(string spec)
    {
        foreach (var net in Networks(ActivationCatalog.Parse(spec), 730).Select(ExactTestNetworks.OnGrid))
        {
            var (x, pattern) = OffKinks(net, ExactTestNetworks.OnGrid(Inputs(net, 731)));
            var (deltas, _) = Backpropagation.Run(Forward.Trace(net, x, LinearAlgebraBackends.Default), LinearAlgebraBackends.Default, wantInput: false);
            var seeds = LayerKernel.OutputSeeds(x.Rows, net.OutputSize);
            var residues = LayerKernel.Reverse(net, seeds, Residues(net, pattern), wantInput: false, out var input);
            Assert.Null(input);
            for (int l = 0; l < net.Layers.Count; l++)
                for (int k = 0; k < deltas[l].Data.Length; k++)
                    Assert.True(Field.FromDouble(deltas[l].Data[k]) == residues[l].Data[k],
                        $"{net.Architecture}, layer {l}, entry {k}: {deltas[l].Data[k]:R} mod p ≠ {residues[l].Data[k]}");
        }
    }

    [Theory]
    [MemberData(nameof(ExactTestNetworks.PiecewiseLinear), MemberType = typeof(ExactTestNetworks))]
    public void Intervals_enclose_the_exact_pass_at_points_of_the_box(string spec)
    {
        var r = RandomKey.FromSeed(740).Stream();
        foreach (var net in Networks(ActivationCatalog.Parse(spec), 740))
        {
            var lower = Enumerable.Range(0, net.InputSize).Select(_ => r.NextNormal()).ToArray();
            var box = new Box(lower, [.. lower.Select(v => v + r.NextDouble())]);
            var bounds = IntervalBounds.Compute(net, box);
            var exact = new ExactEvaluation(net);
            for (int trial = 0; trial < 20; trial++)
            {
                // Corners too: the extremes of an affine map over a box are attained there.
                var point = Enumerable.Range(0, net.InputSize)
                    .Select(k => trial < 4 ? (r.NextInt32(2) == 0 ? box.Lower[k] : box.Upper[k]) : box.Lower[k] + r.NextDouble() * (box.Upper[k] - box.Lower[k]))
                    .ToArray();
                var e = exact.Trace(point);
                for (int l = 0; l < net.Layers.Count; l++)
                    for (int j = 0; j < e.Nodes[l + 1].Length; j++)
                    {
                        AssertEncloses(bounds.PreActivation(l, j), e.PreActivations[l][j], $"{net.Architecture}, layer {l}, pre-activation {j}");
                        AssertEncloses(bounds.Output(l, j), e.Nodes[l + 1][j], $"{net.Architecture}, layer {l}, output {j}");
                    }
            }
        }
    }

    private static void AssertEncloses((double Lower, double Upper) bounds, Dyadic value, string what) =>
        Assert.True((double.IsNegativeInfinity(bounds.Lower) || Dyadic.FromDouble(bounds.Lower) <= value)
            && (double.IsPositiveInfinity(bounds.Upper) || value <= Dyadic.FromDouble(bounds.Upper)),
            $"{what}: {value} outside [{bounds.Lower:R}, {bounds.Upper:R}]");

    // The activations whose interval image is computed without rounding (leaky ReLU's α·x steps outward).
    [Theory]
    [InlineData("relu")]
    [InlineData("abs")]
    [InlineData("hardtanh")]
    [InlineData("relu6")]
    public void Intervals_of_a_point_are_the_double_pass_where_no_rounding_occurs(string spec)
    {
        foreach (var net in Networks(ActivationCatalog.Parse(spec), 750).Select(ExactTestNetworks.OnGrid))
        {
            var x = ExactTestNetworks.OnGrid(Inputs(net, 751));
            var trace = Forward.Trace(net, x, LinearAlgebraBackends.Default);
            for (int i = 0; i < x.Rows; i++)
            {
                var point = x.Row(i).ToArray();
                var bounds = IntervalBounds.Compute(net, new Box(point, point));
                for (int l = 0; l < net.Layers.Count; l++)
                    for (int j = 0; j < net.Layers[l].OutputSize; j++)
                    {
                        double z = trace.PreActivations[l][i, j], y = trace.Nodes[l + 1][i, j];
                        Assert.Equal((z, z), bounds.PreActivation(l, j));
                        Assert.Equal((y, y), bounds.Output(l, j));
                    }
            }
        }
    }
}

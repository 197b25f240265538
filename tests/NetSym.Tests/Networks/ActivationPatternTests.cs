using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Networks;

public class ActivationPatternTests
{
    private static readonly Activation Identity = new IdentityActivation();

    /// <summary>Every decision of the pattern against an independent exact evaluation of every input.</summary>
    private static void AssertMatchesExact(Network net, Matrix x, ActivationPattern pattern)
    {
        var exact = new ExactEvaluation(net);
        var kinks = new List<Kink>();
        for (int i = 0; i < x.Rows; i++)
        {
            var trace = exact.Trace(x.Row(i));
            for (int l = 0; l < net.Layers.Count; l++)
                for (int j = 0; j < net.Layers[l].OutputSize; j++)
                {
                    int piece = exact.Pieces[l].PieceOf(trace.PreActivations[l][j], out int breakpoint);
                    Assert.True(piece == pattern.Piece(i, l, j), $"input {i} layer {l} neuron {j}: exact piece {piece}, certified {pattern.Piece(i, l, j)}");
                    if (breakpoint >= 0) kinks.Add(new Kink(i, new(l, j)));
                }
        }
        Assert.Equal(kinks, pattern.Kinks);
        Assert.Equal(kinks.Select(k => k.Sample).Distinct(), pattern.SamplesOnKinks);
    }

    [Theory]
    [MemberData(nameof(ExactTestNetworks.PiecewiseLinear), MemberType = typeof(ExactTestNetworks))]
    public void Certified_pattern_is_the_exact_one_and_the_float_one_where_the_margin_is_large(string spec)
    {
        foreach (var net in ExactTestNetworks.Networks(ActivationCatalog.Parse(spec), 200))
        {
            var x = TestNetworks.GaussianInputs(40, net.InputSize, 201);
            var pattern = ActivationPattern.Certify(net, x, LinearAlgebraBackends.Default);
            AssertMatchesExact(net, x, pattern);
            Assert.Equal(0, pattern.UncertainDecisions); // generic inputs sit far from every kink
            Assert.Equal(0, pattern.ExactSamples);
            var trace = Forward.Trace(net, x, LinearAlgebraBackends.Default);
            for (int l = 0; l < net.Layers.Count; l++)
            {
                var pieces = net.Layers[l].Activation.Pieces!;
                var z = trace.PreActivations[l];
                for (int i = 0; i < x.Rows; i++)
                    for (int j = 0; j < z.Columns; j++)
                        if (pieces.Breakpoints.All(t => Math.Abs(z[i, j] - t) > 1e-8))
                            Assert.Equal(pieces.PieceOf(z[i, j]), pattern.Piece(i, l, j));
            }
        }
    }

    [Fact]
    public void Inputs_exactly_on_a_kink_are_reported()
    {
        // Neuron 0 of layer 0 is x1 − x2: on ReLU's kink whenever x1 = x2.
        var net = Network.Sequential(2,
        [
            ([1.0, -1.0, 0.5, 0.25], [0.0, 0.125], new ReluActivation()),
            ([1.0, 1.0], [0.0], Identity),
        ]);
        var x = Matrix.FromRows([[0.5, 0.5], [1.0, 0.25], [0.3, 0.3], [-2.0, 1.0]]);
        var pattern = ActivationPattern.Certify(net, x, LinearAlgebraBackends.Default);
        Assert.Equal([new Kink(0, new(0, 0)), new Kink(2, new(0, 0))], pattern.Kinks);
        Assert.Equal([0, 2], pattern.SamplesOnKinks);
        Assert.Equal(0, pattern.Piece(0, 0, 0)); // the piece whose slope is PyTorch's relu′(0) = 0
        Assert.Equal(2, pattern.ExactSamples);
        AssertMatchesExact(net, x, pattern);
    }

    [Fact]
    public void Kinks_away_from_zero_and_in_deeper_layers_are_reported()
    {
        // hardtanh at z = 0.5·1 + 0.5·1 = 1, its upper breakpoint.
        var hardtanh = Network.Sequential(2, [([0.5, 0.5], [0.0], new HardtanhActivation()), ([3.0], [0.0], Identity)]);
        var p1 = ActivationPattern.Certify(hardtanh, Matrix.FromRows([[1.0, 1.0], [0.25, 1.0]]), LinearAlgebraBackends.Default);
        Assert.Equal([new Kink(0, new(0, 0))], p1.Kinks);

        // Layer 1 computes relu(x1) − relu(x2): on the kink when the inputs are equal or both negative.
        var deep = Network.Sequential(2,
        [
            ([1.0, 0.0, 0.0, 1.0], [0.0, 0.0], new ReluActivation()),
            ([1.0, -1.0], [0.0], new LeakyReluActivation(0.25)),
            ([1.0], [0.0], Identity),
        ]);
        var x = Matrix.FromRows([[0.7, 0.7], [0.7, 0.6], [-1.0, -3.0]]);
        var p2 = ActivationPattern.Certify(deep, x, LinearAlgebraBackends.Default);
        Assert.Equal([new Kink(0, new(1, 0)), new Kink(2, new(1, 0))], p2.Kinks);
        AssertMatchesExact(deep, x, p2);
    }

    [Fact]
    public void Cancellation_that_floating_point_gets_wrong_is_decided_exactly()
    {
        // w = (1, 1, −1): z = x1 + x2 − x3 + b, with x1 = x3 so large that x2 is lost in rounding.
        var net = Network.Sequential(3, [([1.0, 1.0, -1.0], [-0.5], new ReluActivation()), ([1.0], [0.0], Identity)]);
        var x = Matrix.FromRows(
        [
            [1e16, 1.0, 1e16],            // exact z = 0.5: active, float gets −0.5 left to right
            [1e16, -1.0, 1e16],           // exact z = −1.5: inactive
            [1e16, 0.5 + Math.ScaleB(1, -30), 1e16],  // exact z = 2^−30: active
            [1e16, 0.5 - Math.ScaleB(1, -30), 1e16],  // exact z = −2^−30: inactive
            [1e16, 0.5, 1e16],            // exact z = 0: on the kink
            [1.0, 0.5, 0.25],             // far from the kink: floating point suffices
        ]);
        var pattern = ActivationPattern.Certify(net, x, LinearAlgebraBackends.Default);
        Assert.Equal([1, 0, 1, 0, 0, 1], Enumerable.Range(0, 6).Select(i => pattern.Piece(i, 0, 0)));
        Assert.Equal([new Kink(4, new(0, 0))], pattern.Kinks);
        Assert.Equal(5, pattern.UncertainDecisions);
        Assert.Equal(5, pattern.ExactSamples);

        // A pre-activation of −1e−17 next to terms of size 1: floating point may round it to 0 and
        // call the neuron active.
        var small = Network.Sequential(3, [([1.0, 1.0, -1.0], [0.0], new ReluActivation()), ([1.0], [0.0], Identity)]);
        var tiny = ActivationPattern.Certify(small, Matrix.FromRows([[1.0, -1e-17, 1.0], [1.0, 1e-17, 1.0]]), LinearAlgebraBackends.Default);
        Assert.Equal(0, tiny.Piece(0, 0, 0));
        Assert.Equal(1, tiny.Piece(1, 0, 0));
        Assert.Empty(tiny.Kinks);
    }

    /// <summary>
    /// Inputs bisected onto the kink of a random neuron in a random layer: its pre-activation ends
    /// within rounding of a breakpoint, where floating point cannot tell the side.
    /// </summary>
    private static Matrix NearKinkInputs(Network net, int count, int seed)
    {
        var r = new Random(seed);
        var rows = new List<double[]>();
        while (rows.Count < count)
        {
            int l = r.Next(net.Layers.Count - 1), j = r.Next(net.Layers[l].OutputSize);
            var breakpoints = net.Layers[l].Activation.Pieces!.Breakpoints;
            double t = breakpoints[r.Next(breakpoints.Count)];
            var a = TestNetworks.GaussianInputs(1, net.InputSize, r.Next()).Data;
            var b = TestNetworks.GaussianInputs(1, net.InputSize, r.Next()).Data;
            double[] At(double lambda) => [.. a.Zip(b, (u, v) => u + lambda * (v - u))];
            double G(double lambda) => Forward.Trace(net, new Matrix(1, net.InputSize, At(lambda)), LinearAlgebraBackends.Default).PreActivations[l][0, j] - t;
            double lo = 0, hi = 1, glo = G(lo);
            if (Math.Sign(glo) == Math.Sign(G(hi))) continue;
            for (int k = 0; k < 60; k++)
            {
                double mid = (lo + hi) / 2, g = G(mid);
                if (Math.Sign(g) == Math.Sign(glo)) lo = mid; else hi = mid;
            }
            rows.Add(At(lo));
        }
        return Matrix.FromRows(rows);
    }

    [Theory]
    [MemberData(nameof(ExactTestNetworks.PiecewiseLinear), MemberType = typeof(ExactTestNetworks))]
    public void Inputs_bisected_onto_kinks_get_the_exact_pattern(string spec)
    {
        int floatWrong = 0;
        foreach (var net in ExactTestNetworks.Networks(ActivationCatalog.Parse(spec), 300))
        {
            var x = NearKinkInputs(net, 30, 301);
            var pattern = ActivationPattern.Certify(net, x, LinearAlgebraBackends.Default);
            Assert.True(pattern.UncertainDecisions >= x.Rows / 2, $"only {pattern.UncertainDecisions} uncertain decisions: the inputs are not near kinks");
            Assert.True(pattern.UncertainDecisions < x.Rows * 3, "the error bound is too loose to be useful");
            AssertMatchesExact(net, x, pattern);
            var trace = Forward.Trace(net, x, LinearAlgebraBackends.Default);
            for (int l = 0; l < net.Layers.Count; l++)
                for (int k = 0; k < trace.PreActivations[l].Data.Length; k++)
                    if (net.Layers[l].Activation.Pieces!.PieceOf(trace.PreActivations[l].Data[k]) != pattern.LayerPieces(l)[k]) floatWrong++;
        }
        Assert.True(floatWrong > 0, "floating point never erred on these inputs: the test does not reach the exact path");
    }

    [Fact]
    public void Subset_keeps_pieces_and_renumbers_kinks()
    {
        var net = Network.Sequential(2, [([1.0, -1.0, 1.0, 1.0], [0.0, 0.0], new ReluActivation()), ([1.0, 2.0], [0.0], Identity)]);
        var x = Matrix.FromRows([[1.0, 1.0], [2.0, 1.0], [-1.0, 1.0], [3.0, 3.0]]);
        var pattern = ActivationPattern.Certify(net, x, LinearAlgebraBackends.Default);
        Assert.Equal([0, 2, 3], pattern.SamplesOnKinks); // x1 = x2, and x1 + x2 = 0
        var smooth = pattern.Subset([1]);
        Assert.Empty(smooth.Kinks);
        Assert.Equal(1, smooth.SampleCount);
        Assert.Equal(pattern.Piece(1, 0, 0), smooth.Piece(0, 0, 0));
        Assert.Equal(pattern.Piece(1, 0, 1), smooth.Piece(0, 0, 1));
        var reordered = pattern.Subset([3, 1]);
        Assert.Equal([new Kink(0, new(0, 0))], reordered.Kinks);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        var tanh = TestNetworks.Dense("2-3-1", new TanhActivation(), 1);
        Assert.Equal("tanh", Assert.Throws<ExactRankUnavailableException>(() => ActivationPattern.Certify(tanh, new Matrix(1, 2), LinearAlgebraBackends.Default)).ActivationSpec);
        var relu = TestNetworks.Dense("2-3-1", new ReluActivation(), 1);
        Assert.Throws<ArgumentException>(() => ActivationPattern.Certify(relu, new Matrix(1, 3), LinearAlgebraBackends.Default));
        Assert.Throws<ArgumentException>(() => ActivationPattern.Certify(relu, Matrix.FromRows([[1.0, double.NaN]]), LinearAlgebraBackends.Default));
    }
}

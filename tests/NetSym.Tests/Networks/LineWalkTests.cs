using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Networks;

public class LineWalkTests
{
    public static TheoryData<string> PiecewiseLinear() => ["relu", "leaky_relu", "abs", "hardtanh", "relu6"];

    /// <summary>
    /// Independent check: on a fine grid of t, a neuron's pre-activation changes side of a breakpoint
    /// between two grid points exactly when the walk reports an odd number of its crossings there.
    /// </summary>
    [Theory]
    [MemberData(nameof(PiecewiseLinear))]
    public void Crossings_match_sign_changes_on_a_fine_grid(string spec)
    {
        var activation = ActivationCatalog.Parse(spec);
        foreach (var net in new[] { TestNetworks.Dense("3-6-5-2", activation, 7), TestNetworks.SkipMasked(activation, 8) })
        {
            var r = RandomKey.FromSeed(11).Stream();
            double[] origin = [.. Enumerable.Range(0, 3).Select(_ => r.NextNormal())];
            double[] direction = [.. Enumerable.Range(0, 3).Select(_ => r.NextNormal())];
            const int steps = 4000;
            const double lo = -4, hi = 4;
            var crossings = LineWalk.Crossings(net, origin, direction, lo, hi);
            var grid = new Matrix(steps + 1, 3);
            for (int k = 0; k <= steps; k++)
                for (int i = 0; i < 3; i++) grid[k, i] = origin[i] + (lo + (hi - lo) * k / steps) * direction[i];
            var trace = Forward.Trace(net, grid, LinearAlgebraBackends.Default);
            int checkedNeurons = 0;
            for (int l = 0; l < net.Layers.Count; l++)
            {
                var breaks = net.Layers[l].Activation.Pieces!.Breakpoints;
                for (int j = 0; j < net.Layers[l].OutputSize; j++)
                    for (int k = 0; k < steps; k++)
                    {
                        double t0 = lo + (hi - lo) * k / steps, t1 = lo + (hi - lo) * (k + 1) / steps;
                        int side0 = breaks.Count(b => trace.PreActivations[l][k, j] >= b);
                        int side1 = breaks.Count(b => trace.PreActivations[l][k + 1, j] >= b);
                        int found = crossings.Count(c => c.Neuron == new Neuron(l, j) && c.T > t0 && c.T <= t1);
                        Assert.Equal(Math.Abs(side1 - side0) % 2, found % 2);
                        checkedNeurons += found;
                    }
            }
            Assert.True(checkedNeurons > 0);
        }
    }

    /// <summary>A first-layer breakpoint planted at x = 1000 is found there, to rounding.</summary>
    [Fact]
    public void Finds_a_planted_breakpoint_far_out_exactly()
    {
        var net = new Network(1, [
            new Layer(1, 1, [1.0], [-1000.0], new ReluActivation(), [0]),
            new Layer(1, 1, [1.0], [0.0], new IdentityActivation(), [1])]);
        var crossings = LineWalk.Crossings(net, [0.0], [1.0], -5000, 5000);
        var c = Assert.Single(crossings);
        Assert.Equal(new Neuron(0, 0), c.Neuron);
        Assert.Equal(1000.0, c.T, 9);
    }
}

public class KinkSamplerTests
{
    /// <summary>The first n rows of Draw(N) are Draw(n).</summary>
    [Fact]
    public void Kinks_draw_has_the_prefix_property()
    {
        var net = TestNetworks.Dense("3-6-5-2", new ReluActivation(), 3);
        var sampler = NetSym.Dimension.InputSampler.Kinks(net);
        var big = sampler.Draw(20, 5);
        var small = sampler.Draw(7, 5);
        for (int i = 0; i < 7; i++)
            for (int j = 0; j < 3; j++) Assert.Equal(small[i, j], big[i, j]);
    }
}

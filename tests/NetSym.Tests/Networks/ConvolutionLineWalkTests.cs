using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Networks;

/// <summary>
/// Line walks through convolutional and residual networks, against a fine grid of forward passes:
/// every ReLU neuron changes side exactly where the walk says (so the affine pass stays right across
/// max-pool switches), and a max pool's winning tap changes only where the walk reports a bend.
/// </summary>
public class ConvolutionLineWalkTests
{
    [Fact]
    public void Crossings_and_switches_match_a_fine_grid()
    {
        foreach (var net in ConvolutionalTestNetworks.All(new ReluActivation(), 900))
        {
            var r = RandomKey.FromSeed(901).Stream();
            int d = net.InputSize;
            double[] origin = [.. Enumerable.Range(0, d).Select(_ => r.NextNormal())];
            double[] direction = [.. Enumerable.Range(0, d).Select(_ => r.NextNormal())];
            const int steps = 2000;
            const double lo = -1, hi = 1;
            var crossings = LineWalk.Crossings(net, origin, direction, lo, hi);
            var grid = new Matrix(steps + 1, d);
            for (int k = 0; k <= steps; k++)
                for (int i = 0; i < d; i++) grid[k, i] = origin[i] + (lo + (hi - lo) * k / steps) * direction[i];
            var trace = Forward.Trace(net, grid, LinearAlgebraBackends.Default);
            int bends = 0, switches = 0;
            for (int l = 0; l < net.Layers.Count; l++)
            {
                var layer = net.Layers[l];
                var breaks = layer.Activation.Pieces!.Breakpoints;
                var taps = layer.Kind == LayerKind.MaxPool ? new int[steps + 1][] : null;
                if (taps is not null)
                    for (int k = 0; k <= steps; k++)
                    {
                        taps[k] = new int[layer.OutputSize];
                        WindowKernels.MaxTaps<double>(layer, trace.Nodes[layer.Sources[0]].Row(k), taps[k]);
                    }
                var byNeuron = crossings.Where(c => c.Neuron.Layer == l).ToLookup(c => c.Neuron.Index, c => c.T);
                for (int j = 0; j < layer.OutputSize; j++)
                    for (int k = 0; k < steps; k++)
                    {
                        double t0 = lo + (hi - lo) * k / steps, t1 = lo + (hi - lo) * (k + 1) / steps;
                        int found = byNeuron[j].Count(t => t > t0 && t <= t1);
                        if (taps is not null)
                        {
                            // A switch and back within one step is possible; a change with nothing reported is not. Taps tied
                            // at a ReLU's zero part where one of them switches on: the ReLU's crossing is the bend reported there.
                            if (taps[k][j] != taps[k + 1][j])
                                Assert.True(found > 0 || crossings.Any(c => c.T > t0 && c.T <= t1), $"{net.Architecture} layer {l} output {j}: tap changes in ({t0}, {t1}] unreported");
                            switches += found;
                            continue;
                        }
                        int side0 = breaks.Count(b => trace.PreActivations[l][k, j] >= b);
                        int side1 = breaks.Count(b => trace.PreActivations[l][k + 1, j] >= b);
                        Assert.True(Math.Abs(side1 - side0) % 2 == found % 2,
                            $"{net.Architecture} layer {l} neuron {j}: {found} crossings reported in ({t0}, {t1}], sides {side0} → {side1}");
                        bends += found;
                    }
            }
            Assert.True(bends > 0);
            if (net.Layers.Any(l => l.Kind == LayerKind.MaxPool)) Assert.True(switches > 0, $"{net.Architecture}: no max-pool switch on the line");
        }
    }
}

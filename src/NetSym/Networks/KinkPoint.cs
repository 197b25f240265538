using System.Numerics.Tensors;
using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Networks;

/// <summary>
/// A point just beside a breakpoint crossing of a piecewise-linear network: a line through an origin
/// ~ N(0, s²I) with a Gaussian direction is walked over t ∈ [−4s, 4s] (<see cref="LineWalk.Crossings"/>),
/// one crossing is picked at random, and the point steps off it to a random side by a quarter of the gap
/// to the neighbouring crossing (or to the end of the segment), so it lies inside the adjacent region.
/// At the origin of the line when the line crosses nothing. <see cref="Aim"/> reaches the breakpoint of one chosen
/// neuron instead, at a cost that does not grow with the number of crossings.
/// </summary>
/// <param name="Point">The point.</param>
/// <param name="Beside">The neurons whose breakpoint the picked crossing is (several when they coincide); empty when there was none.</param>
/// <param name="Crossed">Every neuron the line crossed, with repeats.</param>
public sealed record KinkPoint(double[] Point, IReadOnlyList<Neuron> Beside, IReadOnlyList<Neuron> Crossed)
{
    /// <summary>Draws one point at scale <paramref name="scale"/> from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentException">An activation is not piecewise linear.</exception>
    public static KinkPoint Draw(Network network, RandomStream random, double scale)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(random);
        int d = network.InputSize;
        double[] origin = [.. Enumerable.Range(0, d).Select(_ => scale * random.NextNormal())];
        double[] direction = [.. Enumerable.Range(0, d).Select(_ => random.NextNormal())];
        var all = LineWalk.Crossings(network, origin, direction, -4 * scale, 4 * scale);
        var crossings = all.Select(c => c.T).Distinct().ToArray();
        double t = 0;
        IReadOnlyList<Neuron> beside = [];
        if (crossings.Length > 0)
        {
            int k = (int)(random.NextDouble() * crossings.Length);
            bool right = random.NextDouble() < 0.5;
            double neighbour = right ? (k + 1 < crossings.Length ? crossings[k + 1] : 4 * scale)
                : (k > 0 ? crossings[k - 1] : -4 * scale);
            t = crossings[k] + (neighbour - crossings[k]) / 4;
            beside = [.. all.Where(c => c.T == crossings[k]).Select(c => c.Neuron)];
        }
        return new KinkPoint([.. origin.Select((o, j) => o + t * direction[j])], beside, [.. all.Select(c => c.Neuron)]);
    }

    // Newton on a piecewise-affine pre-activation lands exactly on the breakpoint once its step stays in one
    // region, so a few steps suffice; a neuron that it has not reached after this many is given up.
    private const int NewtonSteps = 40;

    // Newton has converged when the pre-activation is this close (relative) to the breakpoint: well inside the
    // tolerance within which LineWalk takes a neuron to be on its breakpoint, so the look ahead from the point
    // does not find the target's own crossing again.
    private const double Converged = 1e-11;

    /// <summary>
    /// A point beside the breakpoint of one neuron drawn from <paramref name="random"/>: a bending unit (a dense
    /// neuron, or a convolution channel at a random position) is drawn with probability proportional to the
    /// inputs it takes to show its incoming parameters, max(1, parameters per unit) ÷ positions (a channel is
    /// seen at every position of each input, a dense neuron once); then from an origin ~ N(0, s²I) Newton's
    /// method on its pre-activation z, x ← x − (z(x) − b)·∇z/|∇z|², reaches a breakpoint b; and the point steps
    /// off along ±∇z (a random side) by a quarter of the gap to the next crossing of any neuron (or to 4s), so
    /// it lies in the region adjacent to the target's breakpoint, as a <see cref="Draw"/> point does. Each
    /// Newton step is one forward and one reverse pass of a single input through the layers up to the target.
    /// At the origin, beside nothing, when the target's pre-activation is flat there or Newton does not converge.
    /// </summary>
    /// <exception cref="ArgumentException">An activation is not piecewise linear, or no neuron bends.</exception>
    public static KinkPoint Aim(Network network, RandomStream random, double scale, LinearAlgebraBackend backend)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(backend);
        var target = DrawTarget(network, random);
        var breaks = network.Layers[target.Layer].Activation.Pieces!.Breakpoints;
        double b = breaks[random.NextInt32(breaks.Count)];
        bool right = random.NextDouble() < 0.5;
        int d = network.InputSize;
        double[] origin = [.. Enumerable.Range(0, d).Select(_ => scale * random.NextNormal())];
        var probe = Probe(network, target);
        var x = new Matrix(1, d, (double[])origin.Clone());
        for (int step = 0; step < NewtonSteps; step++)
        {
            var trace = Forward.Trace(probe, x, backend);
            double r = trace.Outputs[0, 0] - b;
            var gradient = Backpropagation.Run(trace, backend, wantInput: true).InputGradient!.Data;
            double norm = Math.Sqrt(TensorPrimitives.Dot(gradient, gradient));
            if (norm == 0) break;
            if (Math.Abs(r) <= Converged * (1 + Math.Abs(b)))
            {
                TensorPrimitives.Multiply(gradient, (right ? 1 : -1) / norm, gradient);
                var next = LineWalk.Crossings(network, x.Data, gradient, 0, 4 * scale, places: 1);
                double t = (next.Count > 0 ? next[0].T : 4 * scale) / 4;
                TensorPrimitives.MultiplyAdd(gradient, t, x.Data, x.Data);
                return new KinkPoint(x.Data, [target], [target, .. next.Select(c => c.Neuron)]);
            }
            TensorPrimitives.MultiplyAdd(gradient, -r / (norm * norm), x.Data, x.Data);
        }
        return new KinkPoint(origin, [], []);
    }

    /// <summary>A bending neuron, its unit drawn with probability max(1, parameters per unit) ÷ positions, its position uniformly.</summary>
    private static Neuron DrawTarget(Network network, RandomStream random)
    {
        var layers = network.Layers;
        var weights = layers.Select(layer => layer.Activation.Pieces is { Breakpoints.Count: > 0 }
            ? Math.Max(1, (double)layer.ParameterCount / layer.Units) / (layer.OutputSize / layer.Units) : 0).ToArray();
        double total = weights.Zip(layers, (w, layer) => w * layer.Units).Sum();
        if (total == 0) throw new ArgumentException("no neuron of the network bends");
        double u = random.NextDouble() * total;
        int l = 0;
        for (; l < layers.Count - 1 && u >= weights[l] * layers[l].Units; l++) u -= weights[l] * layers[l].Units;
        int positions = layers[l].OutputSize / layers[l].Units;
        int unit = Math.Min((int)(u / weights[l]), layers[l].Units - 1);
        return new Neuron(l, unit * positions + random.NextInt32(positions));
    }

    /// <summary>The layers up to the target's, that one without its activation, and a dense layer reading the target's pre-activation.</summary>
    private static Network Probe(Network network, Neuron target)
    {
        var layer = network.Layers[target.Layer];
        var select = new double[layer.OutputSize];
        select[target.Index] = 1;
        return new Network(network.InputShape, [.. network.Layers.Take(target.Layer), layer.With(new IdentityActivation()),
            new Layer(layer.OutputSize, 1, select, [0.0], new IdentityActivation(), [target.Layer + 1])]);
    }
}

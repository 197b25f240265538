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
    /// A point beside the breakpoint of one neuron, which <paramref name="targets"/> draws from
    /// <paramref name="random"/> with the side of the breakpoint: from an origin ~ N(0, s²I), Newton's method on the
    /// neuron's pre-activation z, x ← x − (z(x) − b)·∇z/|∇z|², reaches the breakpoint b (piecewise affine, z is
    /// met exactly once a step stays in one region); then the point steps off along ±∇z to the drawn side, by a
    /// distance drawn uniformly up to the distance Newton travelled (halved up to three times while the pre-activation,
    /// which bends on the way, is not on that side), and at least by a quarter of the gap to the next crossing of any
    /// neuron (or to 4s), the step that keeps it in the region adjacent to the breakpoint. Each Newton step is one forward and one reverse pass
    /// of a single input through the layers up to the target, and the gap one affine pass, so the cost does not
    /// grow with the number of neurons a line crosses. At the origin, beside nothing, when the target's
    /// pre-activation is flat there or Newton does not converge.
    /// </summary>
    public static KinkPoint Aim(KinkTargets targets, RandomStream random, double scale, LinearAlgebraBackend backend)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(backend);
        var network = targets.Network;
        var (target, b, above) = targets.Draw(random);
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
                TensorPrimitives.Multiply(gradient, (above ? 1 : -1) / norm, gradient);
                var next = LineWalk.Crossings(network, x.Data, gradient, 0, 4 * scale, places: 1);
                double near = (next.Count > 0 ? next[0].T : 4 * scale) / 4;
                double t = Offset(probe, x.Data, gradient, b, above, near, random.NextDouble() * TensorPrimitives.Distance(x.Data, origin), backend);
                TensorPrimitives.MultiplyAdd(gradient, t, x.Data, x.Data);
                return new KinkPoint(x.Data, [target], [target, .. next.Select(c => c.Neuron)]);
            }
            TensorPrimitives.MultiplyAdd(gradient, -r / (norm * norm), x.Data, x.Data);
        }
        return new KinkPoint(origin, [], []);
    }

    /// <summary>
    /// How far from the breakpoint along the unit <paramref name="direction"/> the point goes: <paramref name="far"/>,
    /// or half, a quarter, an eighth of it, the first that is still on the drawn side (the pre-activation bends on
    /// the way) and farther than <paramref name="near"/>; else <paramref name="near"/>, a quarter gap, which
    /// is on that side by construction. A point only a quarter gap off would keep the target's pre-activation tiny, and
    /// a unit that is active nowhere else would then be seen on inputs all but on one hyperplane of its layer's input:
    /// an exact rank still counts them, a float rank does not.
    /// </summary>
    private static double Offset(Network probe, double[] kink, double[] direction, double b, bool above, double near, double far,
        LinearAlgebraBackend backend)
    {
        var point = new Matrix(1, kink.Length);
        for (double t = far; t > near && t >= far / 8; t /= 2)
        {
            TensorPrimitives.MultiplyAdd(direction, t, kink, point.Data);
            double z = Forward.Evaluate(probe, point, backend)[0, 0];
            if (above ? z > b : z < b) return t;
        }
        return near;
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

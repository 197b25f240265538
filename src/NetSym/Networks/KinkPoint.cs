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

    // Newton on piecewise-affine pre-activations lands exactly on the breakpoints once its step stays in one
    // region, so a few steps suffice; a target that it has not reached after this many is given up.
    private const int NewtonSteps = 40;

    // Newton has converged when each pre-activation is this close (relative) to its breakpoint: well inside the
    // tolerance within which LineWalk takes a neuron to be on its breakpoint, so the look ahead from the point
    // does not find the targets' own crossings again.
    private const double Converged = 1e-11;

    // Two targets whose gradients are this close to parallel (1 − cos², relative) have no corner to reach.
    private const double Parallel = 1e-12;

    /// <summary>
    /// A point beside the breakpoint of a neuron, and of a partner neuron of an earlier layer where there is one,
    /// which <paramref name="targets"/> draws from <paramref name="random"/> with the side of each breakpoint: from an
    /// origin ~ N(0, s²I), Newton's method on the pre-activations z = (z₁, z₂), x ← x − Gᵀ(GGᵀ)⁻¹(z(x) − b) with G
    /// their gradients, reaches the breakpoints b (piecewise affine, they are met exactly once a step stays in one
    /// region); then the point steps off along d = Gᵀ(GGᵀ)⁻¹σ, on which each pre-activation moves to its drawn side
    /// σ = ±1, by a distance drawn uniformly up to the distance Newton travelled (halved up to three times while a
    /// pre-activation, which bends on the way, is not on its side), and at least by a quarter of the gap to the next
    /// crossing of any neuron (or to 4s), the step that keeps it in a region adjacent to the breakpoints (d is solved
    /// again from the region entered when that step is not on the drawn sides). Each Newton
    /// step is one forward and one reverse pass of a single input through the layers up to each target, and the gap
    /// one affine pass, so the cost does not grow with the number of neurons a line crosses. At the origin, beside
    /// nothing, when a pre-activation is flat there, the two gradients are parallel, or Newton or the step off does
    /// not converge.
    /// </summary>
    public static KinkPoint Aim(KinkTargets targets, RandomStream random, double scale, LinearAlgebraBackend backend)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(backend);
        var network = targets.Network;
        var sides = targets.Draw(random);
        int d = network.InputSize;
        double[] origin = [.. Enumerable.Range(0, d).Select(_ => scale * random.NextNormal())];
        double far = random.NextDouble();
        var probes = sides.Select(side => Probe(network, side.Neuron)).ToArray();
        var x = new Matrix(1, d, (double[])origin.Clone());
        var residual = new double[sides.Count];
        var gradients = new double[sides.Count][];
        for (int step = 0; step < NewtonSteps; step++)
        {
            bool converged = true;
            for (int k = 0; k < sides.Count; k++)
            {
                var trace = Forward.Trace(probes[k], x, backend);
                residual[k] = trace.Outputs[0, 0] - sides[k].Breakpoint;
                gradients[k] = Backpropagation.Run(trace, backend, wantInput: true).InputGradient!.Data;
                converged &= Math.Abs(residual[k]) <= Converged * (1 + Math.Abs(sides[k].Breakpoint));
            }
            if (!converged)
            {
                var move = MinimumNorm(gradients, residual);
                if (move is null) break;
                TensorPrimitives.Subtract(x.Data, move, x.Data);
                continue;
            }
            return StepOff(network, probes, sides, x.Data, gradients, scale, far * TensorPrimitives.Distance(x.Data, origin), backend)
                ?? new KinkPoint(origin, [], []);
        }
        return new KinkPoint(origin, [], []);
    }

    // Directions tried from a corner: the first from the gradients there, each later one from those of the region the
    // previous one entered.
    private const int Headings = 3;

    /// <summary>
    /// The point off the breakpoints at <paramref name="kink"/> on the drawn sides, or null. At a corner the
    /// gradients are those of one region around it (ρ′ on a breakpoint is one-sided), not necessarily of the drawn
    /// quadrant, where the partner's slope feeds the target's: so when a quarter gap along d is not on the drawn
    /// sides, d is solved again from the gradients of the region it entered.
    /// </summary>
    private static KinkPoint? StepOff(Network network, Network[] probes, IReadOnlyList<KinkSide> sides, double[] kink,
        double[][] gradients, double scale, double far, LinearAlgebraBackend backend)
    {
        double[] signs = [.. sides.Select(side => side.Above ? 1.0 : -1.0)];
        var point = new Matrix(1, kink.Length);
        for (int heading = 0; heading < Headings; heading++)
        {
            var move = MinimumNorm(gradients, signs);
            if (move is null) return null;
            TensorPrimitives.Divide(move, TensorPrimitives.Norm(move), move);
            var next = LineWalk.Crossings(network, kink, move, 0, 4 * scale, places: 1);
            double near = (next.Count > 0 ? next[0].T : 4 * scale) / 4;
            TensorPrimitives.MultiplyAdd(move, near, kink, point.Data);
            if (!OnSides(probes, sides, point, backend))
            {
                gradients = [.. probes.Select(probe => Backpropagation.Run(Forward.Trace(probe, point, backend), backend, wantInput: true).InputGradient!.Data)];
                continue;
            }
            double t = Offset(probes, sides, kink, move, near, far, backend);
            TensorPrimitives.MultiplyAdd(move, t, kink, point.Data);
            var beside = sides.Select(side => side.Neuron).ToArray();
            return new KinkPoint(point.Data, beside, [.. beside, .. next.Select(c => c.Neuron)]);
        }
        return null;
    }

    private static bool OnSides(Network[] probes, IReadOnlyList<KinkSide> sides, Matrix point, LinearAlgebraBackend backend) =>
        probes.Select((probe, k) => (Z: Forward.Evaluate(probe, point, backend)[0, 0], Side: sides[k]))
            .All(p => p.Side.Above ? p.Z > p.Side.Breakpoint : p.Z < p.Side.Breakpoint);

    /// <summary>Gᵀ(GGᵀ)⁻¹y, the shortest move whose changes of the rows' linear forms are y; null when GGᵀ is (nearly) singular.</summary>
    private static double[]? MinimumNorm(double[][] g, double[] y)
    {
        var move = new double[g[0].Length];
        double a = TensorPrimitives.Dot(g[0], g[0]);
        if (g.Length == 1)
        {
            if (a == 0) return null;
            TensorPrimitives.Multiply(g[0], y[0] / a, move);
            return move;
        }
        double b = TensorPrimitives.Dot(g[0], g[1]), c = TensorPrimitives.Dot(g[1], g[1]), det = a * c - b * b;
        if (!(det > Parallel * a * c)) return null;
        TensorPrimitives.Multiply(g[0], (c * y[0] - b * y[1]) / det, move);
        TensorPrimitives.MultiplyAdd(g[1], (a * y[1] - b * y[0]) / det, move, move);
        return move;
    }

    /// <summary>
    /// How far from the breakpoints along the unit <paramref name="direction"/> the point goes: <paramref name="far"/>,
    /// or half, a quarter, an eighth of it, the first at which every target is still on its drawn side (the
    /// pre-activations bend on the way) and farther than <paramref name="near"/>; else <paramref name="near"/>, a
    /// quarter gap, which is on those sides by construction. A point only a quarter gap off would keep the targets'
    /// pre-activations tiny, and a unit that is active nowhere else would then be seen on inputs all but on one
    /// hyperplane of its layer's input: an exact rank still counts them, a float rank does not.
    /// </summary>
    private static double Offset(Network[] probes, IReadOnlyList<KinkSide> sides, double[] kink, double[] direction,
        double near, double far, LinearAlgebraBackend backend)
    {
        var point = new Matrix(1, kink.Length);
        for (double t = far; t > near && t >= far / 8; t /= 2)
        {
            TensorPrimitives.MultiplyAdd(direction, t, kink, point.Data);
            if (OnSides(probes, sides, point, backend)) return t;
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

using NetSym.Randomness;

namespace NetSym.Networks;

/// <summary>
/// A point just beside a breakpoint crossing of a piecewise-linear network: a line through an origin
/// ~ N(0, s²I) with a Gaussian direction is walked over t ∈ [−4s, 4s] (<see cref="LineWalk.Crossings"/>),
/// one crossing is picked at random, and the point steps off it to a random side by a quarter of the gap
/// to the neighbouring crossing (or to the end of the segment), so it lies inside the adjacent region.
/// At the origin of the line when the line crosses nothing.
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
}

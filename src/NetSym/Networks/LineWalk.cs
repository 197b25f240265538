namespace NetSym.Networks;

/// <summary>
/// The breakpoint crossings of every piecewise-linear neuron along a line x(t) = origin + t·direction,
/// found from the network's own pieces: inside one linear region every pre-activation is affine in t,
/// so its value and slope at the current t give the next t where it meets a breakpoint; the walk
/// steps to the nearest such t, records every neuron that meets a breakpoint there, and carries on.
/// No bisection on outputs is involved, so a kink at |x| ≈ 1000 is found as surely as one near 0.
/// </summary>
public static class LineWalk
{
    // A pre-activation this close (relative) to a breakpoint is on it: rounding in the forward pass
    // must not make the walk find the crossing it has just made a second time.
    private const double OnBreakpoint = 1e-9;

    /// <summary>The crossings with tMin &lt; t ≤ tMax, in increasing t.</summary>
    /// <exception cref="ArgumentException">A layer's activation is not piecewise linear, or the sizes disagree.</exception>
    public static IReadOnlyList<LineCrossing> Crossings(Network network, ReadOnlySpan<double> origin,
        ReadOnlySpan<double> direction, double tMin, double tMax)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (origin.Length != network.InputSize || direction.Length != network.InputSize)
            throw new ArgumentException($"origin and direction need {network.InputSize} entries");
        foreach (var layer in network.Layers)
            if (layer.Activation.Pieces is null)
                throw new ArgumentException($"activation {layer.Activation.Name} is not piecewise linear");
        var o = origin.ToArray();
        var v = direction.ToArray();
        var crossings = new List<LineCrossing>();
        double t = tMin;
        while (true)
        {
            var (pre, slope) = Tangent(network, o, v, t);
            double next = double.PositiveInfinity;
            var hits = new List<Neuron>();
            for (int l = 0; l < network.Layers.Count; l++)
            {
                var breaks = network.Layers[l].Activation.Pieces!.Breakpoints;
                for (int j = 0; j < pre[l].Length; j++)
                {
                    if (slope[l][j] == 0) continue;
                    foreach (double b in breaks)
                    {
                        if (Math.Abs(pre[l][j] - b) <= OnBreakpoint * (1 + Math.Abs(b))) continue;
                        double tb = t + (b - pre[l][j]) / slope[l][j];
                        if (tb <= t) continue;
                        if (tb < next) { next = tb; hits.Clear(); }
                        if (tb == next) hits.Add(new Neuron(l, j));
                    }
                }
            }
            if (next > tMax) return crossings;
            hits.Sort();
            foreach (var n in hits.Distinct()) crossings.Add(new LineCrossing(next, n));
            t = next;
        }
    }

    // Pre-activations at x(t) and their derivatives in t on the region the line enters just after t
    // (a neuron on a breakpoint takes the piece its slope is heading into).
    private static (double[][] Pre, double[][] Slope) Tangent(Network network, double[] o, double[] v, double t)
    {
        var values = new List<double[]> { o.Select((x, i) => x + t * v[i]).ToArray() };
        var tangents = new List<double[]> { v };
        var pre = new double[network.Layers.Count][];
        var slope = new double[network.Layers.Count][];
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var input = layer.Sources.SelectMany(s => values[s]).ToArray();
            var dInput = layer.Sources.SelectMany(s => tangents[s]).ToArray();
            var pieces = layer.Activation.Pieces!;
            var z = new double[layer.OutputSize];
            var dz = new double[layer.OutputSize];
            var a = new double[layer.OutputSize];
            var da = new double[layer.OutputSize];
            for (int j = 0; j < layer.OutputSize; j++)
            {
                double s = layer.Bias[j], ds = 0;
                for (int i = 0; i < layer.InputSize; i++)
                {
                    if (!layer.HasEdge(j, i)) continue;
                    s += layer.Weight(j, i) * input[i];
                    ds += layer.Weight(j, i) * dInput[i];
                }
                z[j] = s;
                dz[j] = ds;
                int piece = pieces.PieceOf(s);
                for (int k = 0; k < pieces.Breakpoints.Count; k++)
                {
                    double b = pieces.Breakpoints[k];
                    if (Math.Abs(s - b) <= OnBreakpoint * (1 + Math.Abs(b))) piece = ds < 0 ? k : k + 1;
                }
                a[j] = layer.Activation.Value(s);
                da[j] = pieces.Slopes[piece] * ds;
            }
            pre[l] = z;
            slope[l] = dz;
            values.Add(a);
            tangents.Add(da);
        }
        return (pre, slope);
    }
}

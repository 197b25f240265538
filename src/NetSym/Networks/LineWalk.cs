namespace NetSym.Networks;

/// <summary>
/// The breakpoint crossings of every piecewise-linear neuron along a line x(t) = origin + t·direction,
/// found from the network's own pieces: inside one linear region every pre-activation is affine in t,
/// so its value and slope at the current t give the next t where it meets a breakpoint; the walk
/// steps to the nearest such t, records every neuron that meets a breakpoint there, and carries on.
/// No bisection on outputs is involved, so a kink at |x| ≈ 1000 is found as surely as one near 0.
/// A max pool's output bends where another tap of its window overtakes the one it takes: those switches
/// are crossings too, of the pooling layer's output.
/// </summary>
public static class LineWalk
{
    // A pre-activation this close (relative) to a breakpoint is on it: rounding in the forward pass
    // must not make the walk find the crossing it has just made a second time.
    private const double OnBreakpoint = 1e-9;

    /// <summary>
    /// The crossings with tMin &lt; t ≤ tMax, in increasing t; only those at the first <paramref name="places"/>
    /// values of t when it is given (the walk stops there, which is what makes a short look ahead cheap).
    /// </summary>
    /// <exception cref="ArgumentException">A layer's activation is not piecewise linear, or the sizes disagree.</exception>
    public static IReadOnlyList<LineCrossing> Crossings(Network network, ReadOnlySpan<double> origin,
        ReadOnlySpan<double> direction, double tMin, double tMax, int places = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(places);
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
            var (pre, slope, nodes) = Tangent(network, o, v, t);
            double next = double.PositiveInfinity;
            var hits = new List<Neuron>();
            void Candidate(double tb, int l, int j)
            {
                if (tb <= t) return;
                if (tb < next) { next = tb; hits.Clear(); }
                if (tb == next) hits.Add(new Neuron(l, j));
            }
            for (int l = 0; l < network.Layers.Count; l++)
            {
                if (network.Layers[l].Kind == LayerKind.MaxPool) Switches(network.Layers[l], l, t, pre[l], slope[l], nodes[network.Layers[l].Sources[0]], Candidate);
                var breaks = network.Layers[l].Activation.Pieces!.Breakpoints;
                for (int j = 0; j < pre[l].Length; j++)
                {
                    if (slope[l][j] == 0) continue;
                    foreach (double b in breaks)
                    {
                        if (Math.Abs(pre[l][j] - b) <= OnBreakpoint * (1 + Math.Abs(b))) continue;
                        Candidate(t + (b - pre[l][j]) / slope[l][j], l, j);
                    }
                }
            }
            if (next > tMax) return crossings;
            hits.Sort();
            foreach (var n in hits.Distinct()) crossings.Add(new LineCrossing(next, n));
            if (--places == 0) return crossings;
            t = next;
        }
    }

    // Pre-activations at x(t) and their derivatives in t on the region the line enters just after t:
    // the kernel's affine pass along the line, each neuron on the piece its slope is heading into; and every node.
    private static (double[][] Pre, double[][] Slope, AffineNode[] Nodes) Tangent(Network network, double[] o, double[] v, double t)
    {
        var point = o.Select((x, i) => x + t * v[i]).ToArray();
        var pre = new AffineNode[network.Layers.Count];
        var nodes = LayerKernel.Forward(network, AffineNode.Line(point, v), new AffineArithmetic<HeadingChoice>(1, default), pre);
        return ([.. pre.Select(z => z.Offset)], [.. pre.Select(z => z.Gradient.Select(g => g[0]).ToArray())], nodes);
    }

    /// <summary>For each output of a max pool, the t where a tap of its window rising faster than the one taken catches up with it.</summary>
    private static void Switches(Layer layer, int l, double t, double[] value, double[] slope, AffineNode source, Action<double, int, int> candidate)
    {
        var taps = layer.Taps;
        int window = layer.Window!.WindowSize, positions = layer.OutputShape.Positions, inPositions = layer.InputShape.Positions;
        for (int c = 0; c < layer.Units; c++)
            for (int p = 0; p < positions; p++)
            {
                int j = c * positions + p;
                foreach (int tap in taps.AsSpan(p * window, window))
                {
                    if (tap < 0) continue;
                    int k = c * inPositions + tap;
                    double gap = value[j] - source.Offset[k], faster = source.Gradient[k][0] - slope[j];
                    if (faster <= 0 || Math.Abs(gap) <= OnBreakpoint * (1 + Math.Abs(value[j]))) continue;
                    candidate(t + gap / faster, l, j);
                }
            }
    }

    /// <summary>The piece holding the value; on a breakpoint, the piece the slope is heading into.</summary>
    private readonly struct HeadingChoice : IPieceChoice
    {
        public int Choose(int layer, int neuron, double offset, double[] gradient, PiecewiseLinearPieces pieces)
        {
            int piece = pieces.PieceOf(offset);
            for (int k = 0; k < pieces.Breakpoints.Count; k++)
            {
                double b = pieces.Breakpoints[k];
                if (Math.Abs(offset - b) <= OnBreakpoint * (1 + Math.Abs(b))) piece = gradient[0] < 0 ? k : k + 1;
            }
            return piece;
        }

        /// <summary>The largest value; among values tied with it, the one rising fastest (the first of equals).</summary>
        public int ChooseTap(int layer, int output, ReadOnlySpan<double> offsets, ReadOnlySpan<double[]> gradients)
        {
            int best = 0;
            for (int t = 1; t < offsets.Length; t++)
                if (offsets[t] > offsets[best]) best = t;
            double top = offsets[best];
            for (int t = 0; t < offsets.Length; t++)
                if (Math.Abs(offsets[t] - top) <= OnBreakpoint * (1 + Math.Abs(top)) && gradients[t][0] > gradients[best][0]) best = t;
            return best;
        }
    }
}

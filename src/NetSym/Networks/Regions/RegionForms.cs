namespace NetSym.Networks.Regions;

/// <summary>
/// The affine forms of a piecewise-linear network on the region of one activation pattern: with every
/// neuron's piece fixed, each pre-activation is affine in the input, so the region is the polyhedron where
/// each stays between its piece's breakpoints (<see cref="Rows"/>), and the network is one affine map
/// there (<see cref="Output"/>). A pattern lists the piece of every neuron, layer by layer.
/// </summary>
internal sealed class RegionForms
{
    private RegionForms(List<double[]> rows, List<double> bounds, AffinePiece output)
    {
        Rows = rows;
        Bounds = bounds;
        Output = output;
    }

    /// <summary>The region is {x : Rows[i]·x ≤ Bounds[i] for all i}; rows that are zero are left out.</summary>
    public IReadOnlyList<double[]> Rows { get; }

    /// <summary>The right-hand sides of <see cref="Rows"/>.</summary>
    public IReadOnlyList<double> Bounds { get; }

    /// <summary>The network on the region.</summary>
    public AffinePiece Output { get; }

    /// <summary>How many neurons a pattern of <paramref name="network"/> lists.</summary>
    public static int PatternLength(Network network) => network.Layers.Sum(l => l.OutputSize);

    /// <summary>
    /// The pattern at <paramref name="x"/>, or null when some pre-activation is within rounding of a
    /// breakpoint there (the point is not safely inside one region).
    /// </summary>
    public static int[]? PatternAt(Network network, ReadOnlySpan<double> x)
    {
        var pattern = new int[PatternLength(network)];
        var values = new List<double[]> { x.ToArray() };
        int n = 0;
        foreach (var layer in network.Layers)
        {
            var input = layer.Sources.SelectMany(s => values[s]).ToArray();
            var pieces = layer.Activation.Pieces!;
            var a = new double[layer.OutputSize];
            for (int j = 0; j < layer.OutputSize; j++)
            {
                double z = layer.Bias[j], scale = Math.Abs(layer.Bias[j]);
                for (int i = 0; i < layer.InputSize; i++)
                {
                    if (!layer.HasEdge(j, i)) continue;
                    z += layer.Weight(j, i) * input[i];
                    scale += Math.Abs(layer.Weight(j, i) * input[i]);
                }
                // The rounding of z is at most about (inputs + 1)·ε·scale; stay well clear of it.
                foreach (double b in pieces.Breakpoints)
                    if (Math.Abs(z - b) <= 1e-12 * (scale + Math.Abs(b)) * (layer.InputSize + 1)) return null;
                pattern[n++] = pieces.PieceOf(z);
                a[j] = layer.Activation.Value(z);
            }
            values.Add(a);
        }
        return pattern;
    }

    /// <summary>The forms of <paramref name="pattern"/>.</summary>
    public static RegionForms Of(Network network, int[] pattern)
    {
        int d = network.InputSize;
        // Each value vector as an affine map of x: gradient rows and offsets.
        var identity = new double[d][];
        for (int k = 0; k < d; k++) { identity[k] = new double[d]; identity[k][k] = 1; }
        var gradients = new List<double[][]> { identity };
        var offsets = new List<double[]> { new double[d] };
        var rows = new List<double[]>();
        var bounds = new List<double>();
        int n = 0;
        foreach (var layer in network.Layers)
        {
            var inG = layer.Sources.SelectMany(s => gradients[s]).ToArray();
            var inC = layer.Sources.SelectMany(s => offsets[s]).ToArray();
            var pieces = layer.Activation.Pieces!;
            var breaks = pieces.Breakpoints;
            var outG = new double[layer.OutputSize][];
            var outC = new double[layer.OutputSize];
            for (int j = 0; j < layer.OutputSize; j++)
            {
                var g = new double[d];
                double h = layer.Bias[j];
                for (int i = 0; i < layer.InputSize; i++)
                {
                    if (!layer.HasEdge(j, i)) continue;
                    double w = layer.Weight(j, i);
                    if (w == 0) continue;
                    for (int k = 0; k < d; k++) g[k] += w * inG[i][k];
                    h += w * inC[i];
                }
                int piece = pattern[n++];
                bool moves = g.Any(v => v != 0);
                if (moves && piece > 0) { rows.Add([.. g.Select(v => -v)]); bounds.Add(h - breaks[piece - 1]); }
                if (moves && piece < breaks.Count) { rows.Add(g); bounds.Add(breaks[piece] - h); }
                double slope = pieces.Slopes[piece];
                double anchor = breaks.Count == 0 ? 0 : piece == 0 ? breaks[0] - 1 : piece == breaks.Count ? breaks[^1] + 1 : (breaks[piece - 1] + breaks[piece]) / 2;
                double intercept = layer.Activation.Value(anchor) - slope * anchor;
                outG[j] = [.. g.Select(v => slope * v)];
                outC[j] = slope * h + intercept;
            }
            gradients.Add(outG);
            offsets.Add(outC);
        }
        return new RegionForms(rows, bounds, new AffinePiece(gradients[^1], offsets[^1]));
    }
}

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

    /// <summary>
    /// The forms of <paramref name="pattern"/> (the piece of every neuron, layer by layer, as
    /// <see cref="ActivationPattern"/> lists them): the kernel's affine pass in x with the pattern held fixed.
    /// </summary>
    public static RegionForms Of(Network network, int[] pattern)
    {
        int d = network.InputSize;
        var starts = new int[network.Layers.Count];
        for (int l = 1; l < starts.Length; l++) starts[l] = starts[l - 1] + network.Layers[l - 1].OutputSize;
        var pre = new AffineNode[network.Layers.Count];
        var nodes = LayerKernel.Forward(network, AffineNode.Identity(d), new AffineArithmetic<PatternChoice>(d, new PatternChoice(pattern, starts)), pre);
        var rows = new List<double[]>();
        var bounds = new List<double>();
        for (int l = 0; l < pre.Length; l++)
        {
            var breaks = network.Layers[l].Activation.Pieces!.Breakpoints;
            for (int j = 0; j < pre[l].Offset.Length; j++)
            {
                var g = pre[l].Gradient[j];
                double h = pre[l].Offset[j];
                int piece = pattern[starts[l] + j];
                // A pre-activation constant in x bounds nothing: its piece holds on all of R^d.
                if (g.All(v => v == 0)) continue;
                if (piece > 0) { rows.Add([.. g.Select(v => -v)]); bounds.Add(h - breaks[piece - 1]); }
                if (piece < breaks.Count) { rows.Add(g); bounds.Add(breaks[piece] - h); }
            }
        }
        return new RegionForms(rows, bounds, new AffinePiece(nodes[^1].Gradient, nodes[^1].Offset));
    }

    /// <summary>The piece the pattern gives.</summary>
    private readonly struct PatternChoice(int[] pattern, int[] starts) : IPieceChoice
    {
        public int Choose(int layer, int neuron, double offset, double[] gradient, PiecewiseLinearPieces pieces) => pattern[starts[layer] + neuron];

        // A region's pattern fixes pieces, not max-pool taps: regions are enumerated for dense networks only.
        public int ChooseTap(int layer, int output, ReadOnlySpan<double> offsets, ReadOnlySpan<double[]> gradients) =>
            throw new NotSupportedException("linear regions of networks with max pooling are not enumerated");
    }
}

namespace NetSym.Networks;

/// <summary>
/// A forward pass whose values are affine functions of a parameter (<see cref="AffineNode"/>): each neuron
/// keeps the piece its <typeparamref name="TChoice"/> picks, on which its activation is s·z + c, so every
/// node stays affine. With a fixed activation pattern it gives a linear region's constraints and map; along
/// a line, the values and slopes from which the next breakpoint crossing follows.
/// </summary>
/// <param name="k">The parameter's dimension.</param>
/// <param name="choice">The piece rule.</param>
internal readonly struct AffineArithmetic<TChoice>(int k, TChoice choice) : IForwardArithmetic<AffineNode>
    where TChoice : struct, IPieceChoice
{
    public AffineNode Bias(int index, Layer layer)
    {
        var gradient = new double[layer.OutputSize][];
        for (int j = 0; j < gradient.Length; j++) gradient[j] = new double[k];
        return new AffineNode(gradient, layer.Bias.ToArray());
    }

    public void Accumulate(int index, Layer layer, AffineNode z, AffineNode source, int offset, int size)
    {
        for (int j = 0; j < layer.OutputSize; j++)
        {
            var g = z.Gradient[j];
            for (int i = 0; i < size; i++)
            {
                // A masked edge is stored as a zero weight.
                double w = layer.Weight(j, offset + i);
                if (w == 0) continue;
                z.Offset[j] += w * source.Offset[i];
                var sg = source.Gradient[i];
                for (int c = 0; c < k; c++) g[c] += w * sg[c];
            }
        }
    }

    public AffineNode Activate(int index, Layer layer, AffineNode z, bool keepPreActivation)
    {
        var pieces = layer.Activation.Pieces
            ?? throw new ArgumentException($"activation {layer.Activation.Name} is not piecewise linear");
        var breaks = pieces.Breakpoints;
        var gradient = new double[layer.OutputSize][];
        var offset = new double[layer.OutputSize];
        for (int j = 0; j < layer.OutputSize; j++)
        {
            int piece = choice.Choose(index, j, z.Offset[j], z.Gradient[j], pieces);
            double slope = pieces.Slopes[piece];
            // The piece's intercept, from the activation's value at a point inside the piece.
            double anchor = breaks.Count == 0 ? 0 : piece == 0 ? breaks[0] - 1 : piece == breaks.Count ? breaks[^1] + 1 : (breaks[piece - 1] + breaks[piece]) / 2;
            double intercept = layer.Activation.Value(anchor) - slope * anchor;
            gradient[j] = [.. z.Gradient[j].Select(v => slope * v)];
            offset[j] = slope * z.Offset[j] + intercept;
        }
        return new AffineNode(gradient, offset);
    }
}

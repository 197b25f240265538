namespace NetSym.Networks;

/// <summary>
/// A forward pass whose values are affine functions of a parameter (<see cref="AffineNode"/>): each neuron
/// keeps the piece its <typeparamref name="TChoice"/> picks, on which its activation is s·z + c, so every
/// node stays affine. With a fixed activation pattern it gives a linear region's constraints and map; along
/// a line, the values and slopes from which the next breakpoint crossing follows. Convolutions and average
/// pools are linear maps of their windows (<see cref="WindowKernels.Gather{T}"/>, padding 0), additions sum,
/// and a max pool takes the tap its <typeparamref name="TChoice"/> picks, affine on that tap's side of the switch.
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

    public AffineNode Convolve(int index, Layer layer, AffineNode source)
    {
        int positions = layer.OutputShape.Positions, width = layer.WeightColumns, groupOut = layer.Units / layer.Groups;
        var offsets = new double[WindowKernels.ColumnsLength(layer)];
        var gradients = new double[]?[offsets.Length];
        var offset = new double[layer.OutputSize];
        var gradient = new double[layer.OutputSize][];
        for (int g = 0; g < layer.Groups; g++)
        {
            WindowKernels.Gather<double>(layer, g, source.Offset, offsets);
            WindowKernels.Gather<double[]?>(layer, g, source.Gradient, gradients);
            for (int o = g * groupOut; o < (g + 1) * groupOut; o++)
                for (int p = 0; p < positions; p++)
                {
                    var row = new double[k];
                    double value = layer.Bias[o];
                    for (int j = 0; j < width; j++)
                    {
                        // Padding (a null gradient) and zero weights add nothing.
                        double w = layer.Weight(o, j);
                        if (w == 0 || gradients[p * width + j] is not { } sg) continue;
                        value += w * offsets[p * width + j];
                        for (int c = 0; c < k; c++) row[c] += w * sg[c];
                    }
                    offset[o * positions + p] = value;
                    gradient[o * positions + p] = row;
                }
        }
        return new AffineNode(gradient, offset);
    }

    public AffineNode Pool(int index, Layer layer, AffineNode source)
    {
        int window = layer.Window!.WindowSize, positions = layer.OutputShape.Positions, width = layer.InputShape.Channels * window;
        // Every window of every channel at once: row p holds the windows of position p, channel after channel.
        var offsets = new double[positions * width];
        var gradients = new double[]?[offsets.Length];
        WindowKernels.Gather<double>(layer, 0, source.Offset, offsets);
        WindowKernels.Gather<double[]?>(layer, 0, source.Gradient, gradients);
        var offset = new double[layer.OutputSize];
        var gradient = new double[layer.OutputSize][];
        var tapOffsets = new double[window];
        var tapGradients = new double[window][];
        for (int c = 0; c < layer.Units; c++)
            for (int p = 0; p < positions; p++)
            {
                int at = p * width + c * window, j = c * positions + p;
                if (layer.Kind == LayerKind.MaxPool)
                {
                    int taps = 0;
                    for (int t = 0; t < window; t++)
                        if (gradients[at + t] is { } g) { tapOffsets[taps] = offsets[at + t]; tapGradients[taps++] = g; }
                    int chosen = choice.ChooseTap(index, j, tapOffsets.AsSpan(0, taps), tapGradients.AsSpan(0, taps));
                    offset[j] = tapOffsets[chosen];
                    gradient[j] = (double[])tapGradients[chosen].Clone();
                    continue;
                }
                var row = new double[k];
                double sum = 0;
                for (int t = 0; t < window; t++)
                {
                    if (gradients[at + t] is not { } g) continue;
                    sum += offsets[at + t];
                    for (int e = 0; e < k; e++) row[e] += g[e];
                }
                offset[j] = sum / window;
                for (int e = 0; e < k; e++) row[e] /= window;
                gradient[j] = row;
            }
        return new AffineNode(gradient, offset);
    }

    public AffineNode Sum(int index, Layer layer, AffineNode[] sources)
    {
        var offset = (double[])sources[0].Offset.Clone();
        var gradient = sources[0].Gradient.Select(g => (double[])g.Clone()).ToArray();
        foreach (var source in sources.Skip(1))
            for (int j = 0; j < offset.Length; j++)
            {
                offset[j] += source.Offset[j];
                for (int e = 0; e < k; e++) gradient[j][e] += source.Gradient[j][e];
            }
        return new AffineNode(gradient, offset);
    }
}

using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// Residues mod p over a batch, with the activation pattern fixed: a node is a matrix of residues
/// in [0, p) stored as doubles; each source block is one <see cref="ModularGemm"/> product added
/// into the layer's values, neuron j of input i outputs s·z + c for the slope s and intercept c of
/// its piece (of <paramref name="pieces"/>) in <paramref name="pattern"/>, and in reverse ρ′ is that slope — or, on a
/// breakpoint whose neighbours both differ from PyTorch's ρ′ there (abs at 0), that ρ′. Forward rows are inputs;
/// reverse rows are (input, output) pairs i·m + o.
/// </summary>
/// <remarks>
/// Reduction mod p is a ring homomorphism on the dyadic rationals (p is odd), so these passes give
/// the residues of the exact dyadic values: <see cref="DyadicArithmetic"/> reduced mod p.
/// </remarks>
internal readonly struct ResidueArithmetic(Network network, ExactPieces[] pieces, ActivationPattern pattern, PrimeField field,
    LinearAlgebraBackend backend)
    : IForwardArithmetic<Matrix>, IReverseArithmetic<Matrix>
{
    private readonly ResidueLayer[] _layers = ResidueLayer.Of(network, pieces, field);

    // Per layer, sample·width + neuron → ρ′ mod p, for the kinks whose piece's slope is not ρ′ at the breakpoint.
    private readonly Dictionary<int, long>[] _kinkSlopes = KinkSlopes(network, pieces, pattern, field);

    private readonly ResidueWindow _window = ResidueWindow.NonNegative(field);

    private int Samples => pattern.SampleCount;

    public Matrix Bias(int index, Layer layer)
    {
        var z = new Matrix(Samples, layer.OutputSize);
        for (int i = 0; i < Samples; i++) _layers[index].Bias.CopyTo(z.Row(i));
        return z;
    }

    public void Accumulate(int index, Layer layer, Matrix z, Matrix source, int offset, int size)
    {
        int width = layer.OutputSize;
        ModularGemm.Update(_window, accumulate: true, subtract: false, Samples, width, size, source.Data, size,
            _layers[index].Transposed.AsSpan(offset * width), width, z.Data, width, backend);
    }

    public Matrix Activate(int index, Layer layer, Matrix z, bool keepPreActivation)
    {
        var y = keepPreActivation ? new Matrix(z.Rows, z.Columns) : z;
        var piece = pattern.LayerPieces(index);
        var slopes = _layers[index].Slopes;
        var intercepts = _layers[index].Intercepts;
        for (int k = 0; k < z.Data.Length; k++)
            y.Data[k] = field.Reduce(field.Multiply(slopes[piece[k]], (long)z.Data[k]) + intercepts[piece[k]]);
        return y;
    }

    public Matrix Zero(int width) => new(checked(Samples * network.OutputSize), width);

    public Matrix Delta(int index, Layer layer, Matrix gradient)
    {
        int width = layer.OutputSize, m = network.OutputSize;
        var piece = pattern.LayerPieces(index);
        var slopes = _layers[index].Slopes;
        var kinks = _kinkSlopes[index];
        for (int r = 0; r < gradient.Rows; r++)
        {
            var row = gradient.Row(r);
            int at = (r / m) * width;
            for (int j = 0; j < width; j++)
                if (row[j] != 0)
                    row[j] = field.Multiply((long)row[j], kinks.Count > 0 && kinks.TryGetValue(at + j, out long s) ? s : slopes[piece[at + j]]);
        }
        return gradient;
    }

    private static Dictionary<int, long>[] KinkSlopes(Network network, ExactPieces[] pieces, ActivationPattern pattern, PrimeField field)
    {
        var slopes = network.Layers.Select(_ => new Dictionary<int, long>()).ToArray();
        for (int k = 0; k < pattern.Kinks.Count; k++)
        {
            var (sample, neuron) = (pattern.Kinks[k].Sample, pattern.Kinks[k].Neuron);
            int at = sample * network.Layers[neuron.Layer].OutputSize + neuron.Index;
            var p = pieces[neuron.Layer];
            var slope = p.SlopeAt(pattern.Piece(sample, neuron.Layer, neuron.Index), pattern.KinkBreakpoints[k]);
            if (slope != p.Slopes[pattern.Piece(sample, neuron.Layer, neuron.Index)]) slopes[neuron.Layer][at] = slope.Residue(field);
        }
        return slopes;
    }

    public void Accumulate(int index, Layer layer, Matrix delta, int offset, int size, ref Matrix? gradient)
    {
        bool fresh = gradient is null;
        gradient ??= new Matrix(delta.Rows, size);
        ModularGemm.Update(_window, accumulate: !fresh, subtract: false, delta.Rows, size, layer.OutputSize,
            delta.Data, layer.OutputSize, _layers[index].Weights.AsSpan(offset), layer.InputSize, gradient.Data, size, backend);
    }

    /// <summary>A layer's W, Wᵀ, b, slopes and intercepts mod p.</summary>
    private sealed class ResidueLayer
    {
        public ResidueLayer(Layer layer, ExactPieces pieces, PrimeField field)
        {
            int width = layer.OutputSize, fanIn = layer.InputSize;
            Weights = new double[width * fanIn];
            Transposed = new double[width * fanIn];
            DyadicResidues.Map(field, layer.Weights, Weights);
            for (int j = 0; j < width; j++)
                for (int k = 0; k < fanIn; k++) Transposed[k * width + j] = Weights[j * fanIn + k];
            Bias = new double[width];
            DyadicResidues.Map(field, layer.Bias, Bias);
            Slopes = [.. pieces.Slopes.Select(s => s.Residue(field))];
            Intercepts = [.. pieces.Intercepts.Select(c => c.Residue(field))];
        }

        public static ResidueLayer[] Of(Network network, ExactPieces[] pieces, PrimeField field) =>
            [.. network.Layers.Select((l, i) => new ResidueLayer(l, pieces[i], field))];

        public double[] Weights { get; }
        public double[] Transposed { get; }
        public double[] Bias { get; }
        public long[] Slopes { get; }
        public long[] Intercepts { get; }
    }
}

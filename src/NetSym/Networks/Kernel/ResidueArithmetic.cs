using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// Residues mod p over a batch, with the activation pattern fixed: a node is a matrix of residues
/// in [0, p) stored as doubles; each source block is one <see cref="ModularGemm"/> product added
/// into the layer's values, neuron j of input i outputs s·z + c for the slope s and intercept c of
/// its piece (of <paramref name="pieces"/>) in <paramref name="pattern"/>, and in reverse ρ′ is that slope — or, on a
/// breakpoint whose neighbours both differ from PyTorch's ρ′ there (abs at 0), that ρ′. Forward rows are inputs;
/// reverse rows are (input, output) pairs i·m + o. A convolution is im2col (<see cref="WindowKernels.Gather{T}"/>)
/// and one modular product per sample and group, col2im in reverse; max pooling takes the tap the pattern
/// certified (residues cannot be compared), average pooling multiplies by the inverse of its window size.
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

    private int Rows => checked(Samples * network.OutputSize);

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

    public Matrix Zero(int width) => new(Rows, width);

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

    public Matrix Convolve(int index, Layer layer, Matrix source)
    {
        var residues = _layers[index];
        int positions = layer.OutputShape.Positions, width = layer.WeightColumns, groupOut = layer.Units / layer.Groups;
        var z = new Matrix(Samples, layer.OutputSize);
        var columns = new double[WindowKernels.ColumnsLength(layer)];
        var product = new double[positions * groupOut];
        for (int n = 0; n < Samples; n++)
        {
            var row = z.Row(n);
            for (int g = 0; g < layer.Groups; g++)
            {
                // Z_gᵀ (P × C_g) = col (P × J)·K_gᵀ, then each channel's bias is added as it is written back in CHW order.
                WindowKernels.Gather<double>(layer, g, source.Row(n), columns);
                ModularGemm.Update(_window, accumulate: false, subtract: false, positions, groupOut, width, columns, width,
                    residues.Transposed.AsSpan(g * groupOut), layer.Units, product, groupOut, backend);
                for (int c = 0; c < groupOut; c++)
                {
                    int o = g * groupOut + c;
                    for (int p = 0; p < positions; p++) row[o * positions + p] = _window.Reduce(residues.Bias[o] + product[p * groupOut + c]);
                }
            }
        }
        return z;
    }

    public Matrix Pool(int index, Layer layer, Matrix source)
    {
        var y = new Matrix(Samples, layer.OutputSize);
        var window = _window;
        double inverse = WindowInverse(layer);
        for (int n = 0; n < Samples; n++)
            WindowKernels.Pool<double>(layer, source.Row(n), y.Row(n), MaxTaps(index, layer, n), (sum, _) => window.Multiply(window.Reduce(sum), inverse));
        return y;
    }

    public Matrix Sum(int index, Layer layer, Matrix[] sources)
    {
        var z = new Matrix(Samples, layer.OutputSize, (double[])sources[0].Data.Clone());
        for (int s = 1; s < sources.Length; s++)
            for (int k = 0; k < z.Data.Length; k++) z.Data[k] += sources[s].Data[k];
        _window.Reduce(z.Data);
        return z;
    }

    public void ConvolveBack(int index, Layer layer, Matrix delta, ref Matrix? gradient)
    {
        var residues = _layers[index];
        gradient ??= new Matrix(delta.Rows, layer.InputSize);
        int positions = layer.OutputShape.Positions, width = layer.WeightColumns, groupOut = layer.Units / layer.Groups;
        var columns = new double[WindowKernels.ColumnsLength(layer)];
        var transposed = new double[positions * groupOut];
        for (int r = 0; r < delta.Rows; r++)
        {
            var d = delta.Row(r);
            var g = gradient.Row(r);
            for (int group = 0; group < layer.Groups; group++)
            {
                // dcol (P × J) = δ_gᵀ·K_g; col2im adds at most P·J residues to an entry, exactly, before the row is reduced.
                for (int c = 0; c < groupOut; c++)
                    for (int p = 0; p < positions; p++) transposed[p * groupOut + c] = d[(group * groupOut + c) * positions + p];
                ModularGemm.Update(_window, accumulate: false, subtract: false, positions, width, groupOut, transposed, groupOut,
                    residues.Weights.AsSpan(group * groupOut * width), width, columns, width, backend);
                WindowKernels.Scatter(layer, group, columns, g);
            }
            _window.Reduce(g);
        }
    }

    public void PoolBack(int index, Layer layer, Matrix delta, ref Matrix? gradient)
    {
        gradient ??= new Matrix(delta.Rows, layer.InputSize);
        var window = _window;
        double inverse = WindowInverse(layer);
        int m = network.OutputSize;
        for (int r = 0; r < delta.Rows; r++)
        {
            WindowKernels.PoolBack(layer, MaxTaps(index, layer, r / m), delta.Row(r), gradient.Row(r), (d, _) => window.Multiply(d, inverse));
            _window.Reduce(gradient.Row(r));
        }
    }

    public void SumBack(int index, Layer layer, Matrix delta, ref Matrix? gradient)
    {
        if (gradient is null)
        {
            gradient = new Matrix(delta.Rows, delta.Columns, (double[])delta.Data.Clone());
            return;
        }
        for (int k = 0; k < gradient.Data.Length; k++) gradient.Data[k] += delta.Data[k];
        _window.Reduce(gradient.Data);
    }

    /// <summary>The certified taps of a max-pooling layer for one input (none for average pooling).</summary>
    private ReadOnlySpan<int> MaxTaps(int index, Layer layer, int sample) =>
        layer.Kind == LayerKind.MaxPool ? pattern.MaxTaps(index, sample) : [];

    /// <summary>1/k mod p for an average pool over k taps; unused by max pooling.</summary>
    /// <exception cref="ArgumentException">p divides k, so that 1/k has no residue.</exception>
    private double WindowInverse(Layer layer) => layer.Kind != LayerKind.AveragePool ? 0
        : layer.Window!.WindowSize % field.P != 0 ? field.Inverse(layer.Window.WindowSize)
        : throw new ArgumentException($"the average pool of layer {network.Layers.ToList().IndexOf(layer)} divides by {layer.Window.WindowSize}, which has no inverse mod {field.P}");

    /// <summary>A layer's W, Wᵀ, b, slopes and intercepts mod p.</summary>
    private sealed class ResidueLayer
    {
        public ResidueLayer(Layer layer, ExactPieces pieces, PrimeField field)
        {
            // Units × weight columns: a dense layer's W (out × in), a convolution's kernels (out × in/groups·taps).
            int width = layer.Units, fanIn = layer.WeightColumns;
            Weights = new double[layer.Weights.Length];
            Transposed = new double[layer.Weights.Length];
            DyadicResidues.Map(field, layer.Weights, Weights);
            for (int j = 0; j < width && fanIn > 0; j++)
                for (int k = 0; k < fanIn; k++) Transposed[k * width + j] = Weights[j * fanIn + k];
            Bias = new double[layer.Bias.Length];
            DyadicResidues.Map(field, layer.Bias, Bias);
            Slopes = [.. pieces.Slopes.Select(s => s.Residue(field))];
            Intercepts = [.. pieces.Intercepts.Select(c => c.Residue(field))];
        }

        public static ResidueLayer[] Of(Network network, ExactPieces[] pieces, PrimeField field) =>
            [.. network.Layers.Select((l, i) => new ResidueLayer(l, pieces[i], field))];

        /// <summary>W (units × weight columns), row-major.</summary>
        public double[] Weights { get; }

        /// <summary>Wᵀ (weight columns × units), row-major.</summary>
        public double[] Transposed { get; }
        public double[] Bias { get; }
        public long[] Slopes { get; }
        public long[] Intercepts { get; }
    }
}

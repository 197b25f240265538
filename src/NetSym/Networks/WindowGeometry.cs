using System.Globalization;

namespace NetSym.Networks;

/// <summary>
/// How a convolution or pooling window slides over the spatial axes (one or two): the kernel extent,
/// stride, zero padding before and after, and dilation per axis — ONNX's <c>kernel_shape</c>,
/// <c>strides</c>, <c>pads</c> and <c>dilations</c>. Output extent per axis:
/// ⌊(n + before + after − dilation·(k − 1) − 1) / stride⌋ + 1 (PyTorch's floor mode).
/// </summary>
public sealed class WindowGeometry
{
    private readonly int[] _kernel, _stride, _padBegin, _padEnd, _dilation;

    /// <summary>Builds a geometry; all arrays have one entry per spatial axis.</summary>
    /// <exception cref="InvalidNetworkException">Arrays of different lengths, not one or two axes, or values out of range.</exception>
    public WindowGeometry(int[] kernel, int[] stride, int[] padBegin, int[] padEnd, int[] dilation)
    {
        int rank = kernel.Length;
        if (rank is < 1 or > 2) throw new InvalidNetworkException($"a window has one or two spatial axes, got {rank}");
        if (stride.Length != rank || padBegin.Length != rank || padEnd.Length != rank || dilation.Length != rank)
            throw new InvalidNetworkException($"window kernel, stride, padding and dilation must all have {rank} entries");
        for (int a = 0; a < rank; a++)
        {
            if (kernel[a] <= 0 || stride[a] <= 0 || dilation[a] <= 0)
                throw new InvalidNetworkException($"window kernel, stride and dilation must be positive, got kernel {Text(kernel)}, stride {Text(stride)}, dilation {Text(dilation)}");
            if (padBegin[a] < 0 || padEnd[a] < 0)
                throw new InvalidNetworkException($"window padding must not be negative, got {Text(padBegin)} before and {Text(padEnd)} after");
        }
        (_kernel, _stride, _padBegin, _padEnd, _dilation) = ([.. kernel], [.. stride], [.. padBegin], [.. padEnd], [.. dilation]);
        WindowSize = kernel.Aggregate(1, (p, k) => p * k);
    }

    /// <summary>A window of the given extents with stride 1, no padding and no dilation.</summary>
    public static WindowGeometry Plain(params int[] kernel) =>
        new(kernel, [.. kernel.Select(_ => 1)], new int[kernel.Length], new int[kernel.Length], [.. kernel.Select(_ => 1)]);

    /// <summary>Number of spatial axes (1 or 2).</summary>
    public int Rank => _kernel.Length;

    /// <summary>Kernel extent per axis.</summary>
    public IReadOnlyList<int> Kernel => _kernel;

    /// <summary>Stride per axis.</summary>
    public IReadOnlyList<int> Stride => _stride;

    /// <summary>Zero padding before the first position, per axis.</summary>
    public IReadOnlyList<int> PadBegin => _padBegin;

    /// <summary>Zero padding after the last position, per axis.</summary>
    public IReadOnlyList<int> PadEnd => _padEnd;

    /// <summary>Dilation per axis (1: adjacent taps).</summary>
    public IReadOnlyList<int> Dilation => _dilation;

    /// <summary>Number of taps of one window: the product of the kernel extents.</summary>
    public int WindowSize { get; }

    /// <summary>Whether any window reaches into the padding.</summary>
    public bool IsPadded => _padBegin.Any(p => p > 0) || _padEnd.Any(p => p > 0);

    /// <summary>The output extents for the given input extents.</summary>
    /// <exception cref="InvalidNetworkException">The input has another number of axes, or is smaller than one window.</exception>
    public int[] OutputSpatial(IReadOnlyList<int> input)
    {
        if (input.Count != Rank)
            throw new InvalidNetworkException($"a {Rank}-d window cannot slide over an input with {input.Count} spatial axes");
        var output = new int[Rank];
        for (int a = 0; a < Rank; a++)
        {
            int span = input[a] + _padBegin[a] + _padEnd[a] - _dilation[a] * (_kernel[a] - 1) - 1;
            if (span < 0)
                throw new InvalidNetworkException($"a window of {Text(_kernel)} (dilation {Text(_dilation)}, padding {Text(_padBegin)}+{Text(_padEnd)}) does not fit an input of {string.Join("×", input)}");
            output[a] = span / _stride[a] + 1;
        }
        return output;
    }

    /// <summary>
    /// For every output position p (row-major over the output extents) and tap t of the window
    /// (row-major over the kernel), the input position it reads, at [p·<see cref="WindowSize"/> + t],
    /// or −1 where the tap falls on padding.
    /// </summary>
    public int[] TapPositions(IReadOnlyList<int> input)
    {
        var output = OutputSpatial(input);
        int outH = Rank == 2 ? output[0] : 1, outW = output[^1];
        int inH = Rank == 2 ? input[0] : 1, inW = input[^1];
        int kH = Rank == 2 ? _kernel[0] : 1, kW = _kernel[^1];
        int sH = Rank == 2 ? _stride[0] : 1, sW = _stride[^1];
        int pH = Rank == 2 ? _padBegin[0] : 0, pW = _padBegin[^1];
        int dH = Rank == 2 ? _dilation[0] : 1, dW = _dilation[^1];
        var taps = new int[outH * outW * WindowSize];
        int t = 0;
        for (int oy = 0; oy < outH; oy++)
            for (int ox = 0; ox < outW; ox++)
                for (int ky = 0; ky < kH; ky++)
                {
                    int y = oy * sH - pH + ky * dH;
                    for (int kx = 0; kx < kW; kx++)
                    {
                        int x = ox * sW - pW + kx * dW;
                        taps[t++] = y < 0 || y >= inH || x < 0 || x >= inW ? -1 : y * inW + x;
                    }
                }
        return taps;
    }

    /// <summary>"kernel 3×3, stride 2, padding 1, dilation 1" in short: "k3×3 s2 p1 d1" (padding before+after where they differ).</summary>
    public override string ToString()
    {
        string pads = _padBegin.AsSpan().SequenceEqual(_padEnd) ? Text(_padBegin) : $"{Text(_padBegin)}+{Text(_padEnd)}";
        return $"k{Text(_kernel)} s{Text(_stride)} p{pads} d{Text(_dilation)}";
    }

    private static string Text(int[] values) =>
        values.All(v => v == values[0]) ? values[0].ToString(CultureInfo.InvariantCulture) : string.Join("×", values);
}

using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// The double forward convolution without im2col: each sample is copied once into a zero-padded buffer, and
/// every output row is accumulated straight from it, 4 (AVX2) or 8 (AVX-512) positions per vector, 4 output
/// channels × 3 vectors of positions in registers at a time, starting from the channels' biases.
/// </summary>
/// <remarks>
/// <para>
/// im2col + GEMM (<see cref="WindowKernels.Convolve"/>) writes every input value once per tap (9 times for a
/// 3 × 3 window) and BLAS packs that copy again before it multiplies, so a small network's convolution spends
/// about as long moving columns as multiplying. Here the window's taps are offsets into the padded sample
/// (tap (ky, kx) of output (y, x) reads row y·s + ky·d of the buffer at column x·s + kx·d), so the input is read
/// from cache and nothing is copied per tap. A stride s along rows is undone by storing each padded row as s
/// phases (every s-th column together), where consecutive outputs read consecutive values. Positions past
/// the end of a row are computed on whatever follows and thrown away, which is what lets every load be a
/// whole vector.
/// </para>
/// <para>
/// Samples are independent and run in parallel; each sample's output is written once, and the layer's
/// activation, when the caller fuses it, runs over the sample right after, while it is in cache, rather than in
/// a pass of its own over the batch. The sums are the same products as im2col's in another order, so results
/// agree with it to rounding (not bit for bit).
/// </para>
/// </remarks>
internal static unsafe class DirectConvolution
{
    private const int ChannelBlock = 4, SlotBlock = 3;

    /// <summary>
    /// Whether the processor has fused multiply-add on vectors of 4 or 8 doubles (AVX2 + FMA, or AVX-512), which
    /// the kernel is written for; elsewhere im2col + BLAS is the faster way.
    /// </summary>
    public static bool IsFast => Vector512.IsHardwareAccelerated || (Vector256.IsHardwareAccelerated && Fma.IsSupported);

    /// <summary>
    /// z (samples × output channels × positions) = <paramref name="bias"/> (one per output channel) + the
    /// convolution of every row of <paramref name="x"/> by <paramref name="kernel"/>, then
    /// <paramref name="activation"/> applied in place when given, each sample while it is still in cache.
    /// </summary>
    public static void Convolve(Layer layer, double[] kernel, double[] bias, double[] x, Matrix z, Activation? activation) =>
        Convolve(layer, kernel, bias, x, z, activation, wide: Vector512.IsHardwareAccelerated);

    /// <summary><see cref="Convolve(Layer, double[], double[], double[], Matrix, Activation?)"/> on vectors of 8 doubles (<paramref name="wide"/>) or 4, whatever the processor (tests run both).</summary>
    internal static void Convolve(Layer layer, double[] kernel, double[] bias, double[] x, Matrix z, Activation? activation, bool wide)
    {
        if (wide) Convolve<Lanes512, Vector512<double>>(layer, kernel, bias, x, z, activation);
        else Convolve<Lanes256, Vector256<double>>(layer, kernel, bias, x, z, activation);
    }

    private static void Convolve<TLanes, TVector>(Layer layer, double[] kernel, double[] bias, double[] x, Matrix z, Activation? activation)
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        var plan = new Plan(layer, TLanes.Count);
        var packed = plan.Pack(kernel);
        int inputSize = layer.InputSize, outputSize = layer.OutputSize;
        Parallel.For(0, z.Rows, () => new double[plan.BufferLength], (n, _, buffer) =>
        {
            plan.Pad(x.AsSpan(n * inputSize, inputSize), buffer);
            var output = z.Data.AsSpan(n * outputSize, outputSize);
            fixed (double* b = buffer, k = packed, c = bias, zn = output)
                plan.Run<TLanes, TVector>(b, k, c, zn);
            activation?.Apply(output);
            return buffer;
        }, _ => { });
    }

    /// <summary>The geometry of one layer as the kernel walks it: a 1-d layer is a 2-d one of height 1.</summary>
    private sealed class Plan
    {
        private readonly int _channelsIn, _groupOut, _groups, _kh, _kw, _dy, _dx, _sy, _sx, _padTop, _padLeft;
        private readonly int _inH, _inW, _outH, _outW, _hp, _phase, _row, _plane, _lanes, _vectors, _slots, _blocks;
        private readonly int[] _tapOffsets, _slotInputs, _slotOutputs, _slotWidths;

        public Plan(Layer layer, int lanes)
        {
            _lanes = lanes;
            var w = layer.Window!;
            bool flat = w.Rank == 1;
            _groups = layer.Groups;
            _channelsIn = layer.InputShape.Channels / _groups;
            _groupOut = layer.Units / _groups;
            _kh = flat ? 1 : w.Kernel[0];
            _kw = w.Kernel[^1];
            _dy = flat ? 1 : w.Dilation[0];
            _dx = w.Dilation[^1];
            _sy = flat ? 1 : w.Stride[0];
            _sx = w.Stride[^1];
            _padTop = flat ? 0 : w.PadBegin[0];
            _padLeft = w.PadBegin[^1];
            _inH = flat ? 1 : layer.InputShape.Spatial[0];
            _inW = layer.InputShape.Spatial[^1];
            _outH = flat ? 1 : layer.OutputShape.Spatial[0];
            _outW = layer.OutputShape.Spatial[^1];
            _hp = _inH + _padTop + (flat ? 0 : w.PadEnd[0]);
            // A padded row of width Wp is stored as s phases of ⌈Wp / s⌉ (column c at phase c mod s, place c div s),
            // so that the columns a tap reads for consecutive outputs are consecutive whatever the stride s.
            _phase = (_inW + _padLeft + w.PadEnd[^1] + _sx - 1) / _sx;
            _row = _sx * _phase;
            _plane = _hp * _row;
            // Tap (ky, kx) of a window reads row ky·d of the padded plane, at the phase and place of column kx·d.
            _tapOffsets = [.. Enumerable.Range(0, _kh * _kw).Select(t => (t / _kw) * _dy * _row + t % _kw * _dx % _sx * _phase + t % _kw * _dx / _sx)];
            _vectors = (_outW + lanes - 1) / lanes;
            _slots = _outH * _vectors;
            // Where slot (output row y, vector v) reads in a padded plane and writes in an output plane, computed
            // once here rather than by division in the loop; a short last tile repeats the last slot.
            int tiles = (_slots + SlotBlock - 1) / SlotBlock * SlotBlock;
            _slotInputs = [.. Enumerable.Range(0, tiles).Select(t => Math.Min(t, _slots - 1)).Select(t => t / _vectors * _sy * _row + t % _vectors * lanes)];
            _slotOutputs = [.. Enumerable.Range(0, _slots).Select(t => t / _vectors * _outW + t % _vectors * lanes)];
            _slotWidths = [.. Enumerable.Range(0, _slots).Select(t => Math.Min(lanes, _outW - t % _vectors * lanes))];
            _blocks = (_groupOut + ChannelBlock - 1) / ChannelBlock;
        }

        /// <summary>The padded sample, with room for the last vector of the last row to run past its end.</summary>
        public int BufferLength => _groups * _channelsIn * _plane + _vectors * _lanes + _row;

        /// <summary>
        /// The kernel as the loop reads it: per group and block of 4 output channels, for each (input channel,
        /// ky, kx) the 4 channels' weights side by side; channels past the group's end are 0.
        /// </summary>
        public double[] Pack(double[] kernel)
        {
            int taps = _kh * _kw, width = _channelsIn * taps;
            var packed = new double[_groups * _blocks * width * ChannelBlock];
            for (int g = 0; g < _groups; g++)
                for (int o = 0; o < _groupOut; o++)
                {
                    int block = g * _blocks + o / ChannelBlock, lane = o % ChannelBlock;
                    var row = kernel.AsSpan((g * _groupOut + o) * width, width);
                    for (int j = 0; j < width; j++) packed[(block * width + j) * ChannelBlock + lane] = row[j];
                }
            return packed;
        }

        /// <summary>Copies a sample into the middle of its zero-padded planes (the buffer's border stays 0 from the first call on).</summary>
        public void Pad(ReadOnlySpan<double> sample, Span<double> buffer)
        {
            for (int c = 0; c < _groups * _channelsIn; c++)
                for (int y = 0; y < _inH; y++)
                {
                    var source = sample.Slice((c * _inH + y) * _inW, _inW);
                    var row = buffer.Slice(c * _plane + (y + _padTop) * _row, _row);
                    if (_sx == 1) source.CopyTo(row.Slice(_padLeft));
                    else
                        // Padded column i + left goes to phase (i + left) mod s, place (i + left) div s: each phase
                        // takes every s-th column from its first one on.
                        for (int phase = 0; phase < _sx; phase++)
                        {
                            int column = _padLeft + ((phase - _padLeft % _sx) % _sx + _sx) % _sx;
                            var destination = row.Slice(phase * _phase + column / _sx);
                            for (int i = column - _padLeft, place = 0; i < _inW; i += _sx, place++) destination[place] = source[i];
                        }
                }
        }

        /// <summary>
        /// One sample: every output (channel block × tile of slots) is accumulated in registers from its channels'
        /// biases and stored once.
        /// </summary>
        public void Run<TLanes, TVector>(double* buffer, double* packed, double* bias, double* z)
            where TLanes : struct, ILanes<TVector>
            where TVector : struct
        {
            int taps = _kh * _kw, width = _channelsIn * taps, positions = _outH * _outW;
            var blockBias = stackalloc double[ChannelBlock];
            var tile = stackalloc double[ChannelBlock * SlotBlock * _lanes];
            fixed (int* inputs = _slotInputs, outputs = _slotOutputs, widths = _slotWidths)
            for (int g = 0; g < _groups; g++)
            {
                double* input = buffer + g * _channelsIn * _plane;
                for (int b = 0; b < _blocks; b++)
                {
                    double* weights = packed + (g * _blocks + b) * width * ChannelBlock;
                    int channels = Math.Min(ChannelBlock, _groupOut - b * ChannelBlock);
                    for (int o = 0; o < ChannelBlock; o++) blockBias[o] = o < channels ? bias[g * _groupOut + b * ChannelBlock + o] : 0;
                    for (int first = 0; first < _slots; first += SlotBlock)
                    {
                        Accumulate<TLanes, TVector>(input, weights, inputs + first, blockBias, tile);
                        for (int o = 0; o < channels; o++)
                        {
                            double* output = z + (g * _groupOut + b * ChannelBlock + o) * positions;
                            for (int s = 0; s < SlotBlock && first + s < _slots; s++)
                            {
                                int count = widths[first + s];
                                double* values = tile + (o * SlotBlock + s) * _lanes;
                                double* target = output + outputs[first + s];
                                if (count == _lanes) TLanes.Store(TLanes.Load(values), target);
                                else
                                    for (int lane = 0; lane < count; lane++) target[lane] = values[lane];
                            }
                        }
                    }
                }
            }
        }

        // 12 accumulators (4 channels × 3 vectors) stay in registers, with room for 3 loads and a broadcast in
        // AVX2's 16; per tap, 3 loads and 4 broadcasts feed 12 FMAs, enough in flight to hide their latency.
        private void Accumulate<TLanes, TVector>(double* input, double* weights, int* bases, double* bias, double* tile)
            where TLanes : struct, ILanes<TVector>
            where TVector : struct
        {
            TVector a00 = TLanes.Broadcast(bias[0]), a01 = a00, a02 = a00;
            TVector a10 = TLanes.Broadcast(bias[1]), a11 = a10, a12 = a10;
            TVector a20 = TLanes.Broadcast(bias[2]), a21 = a20, a22 = a20;
            TVector a30 = TLanes.Broadcast(bias[3]), a31 = a30, a32 = a30;
            double* w = weights;
            fixed (int* offsets = _tapOffsets)
            for (int c = 0, taps = _kh * _kw; c < _channelsIn; c++)
            {
                double* plane = input + c * _plane;
                double* r0 = plane + bases[0], r1 = plane + bases[1], r2 = plane + bases[2];
                for (int t = 0; t < taps; t++, w += ChannelBlock)
                {
                    int off = offsets[t];
                    var v0 = TLanes.Load(r0 + off);
                    var v1 = TLanes.Load(r1 + off);
                    var v2 = TLanes.Load(r2 + off);
                    var w0 = TLanes.Broadcast(w[0]);
                    a00 = TLanes.MultiplyAdd(w0, v0, a00); a01 = TLanes.MultiplyAdd(w0, v1, a01); a02 = TLanes.MultiplyAdd(w0, v2, a02);
                    var w1 = TLanes.Broadcast(w[1]);
                    a10 = TLanes.MultiplyAdd(w1, v0, a10); a11 = TLanes.MultiplyAdd(w1, v1, a11); a12 = TLanes.MultiplyAdd(w1, v2, a12);
                    var w2 = TLanes.Broadcast(w[2]);
                    a20 = TLanes.MultiplyAdd(w2, v0, a20); a21 = TLanes.MultiplyAdd(w2, v1, a21); a22 = TLanes.MultiplyAdd(w2, v2, a22);
                    var w3 = TLanes.Broadcast(w[3]);
                    a30 = TLanes.MultiplyAdd(w3, v0, a30); a31 = TLanes.MultiplyAdd(w3, v1, a31); a32 = TLanes.MultiplyAdd(w3, v2, a32);
                }
            }
            int l = _lanes;
            TLanes.Store(a00, tile); TLanes.Store(a01, tile + l); TLanes.Store(a02, tile + 2 * l);
            TLanes.Store(a10, tile + 3 * l); TLanes.Store(a11, tile + 4 * l); TLanes.Store(a12, tile + 5 * l);
            TLanes.Store(a20, tile + 6 * l); TLanes.Store(a21, tile + 7 * l); TLanes.Store(a22, tile + 8 * l);
            TLanes.Store(a30, tile + 9 * l); TLanes.Store(a31, tile + 10 * l); TLanes.Store(a32, tile + 11 * l);
        }
    }

    /// <summary>
    /// The few vector operations the kernel needs, over one register width: the kernel is generic over them so
    /// that one loop compiles to AVX-512 or AVX2 code, each call inlined.
    /// </summary>
    private interface ILanes<TVector>
        where TVector : struct
    {
        static abstract int Count { get; }
        static abstract TVector Load(double* source);
        static abstract TVector Broadcast(double value);
        static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);
        static abstract void Store(TVector value, double* destination);
    }

    private readonly struct Lanes512 : ILanes<Vector512<double>>
    {
        public static int Count => Vector512<double>.Count;
        public static Vector512<double> Load(double* source) => Vector512.Load(source);
        public static Vector512<double> Broadcast(double value) => Vector512.Create(value);
        public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Vector512.FusedMultiplyAdd(a, b, c);
        public static void Store(Vector512<double> value, double* destination) => value.Store(destination);
    }

    private readonly struct Lanes256 : ILanes<Vector256<double>>
    {
        public static int Count => Vector256<double>.Count;
        public static Vector256<double> Load(double* source) => Vector256.Load(source);
        public static Vector256<double> Broadcast(double value) => Vector256.Create(value);
        public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Vector256.FusedMultiplyAdd(a, b, c);
        public static void Store(Vector256<double> value, double* destination) => value.Store(destination);
    }
}

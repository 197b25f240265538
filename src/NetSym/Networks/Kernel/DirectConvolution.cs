using System.Runtime.Intrinsics;
using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// The double forward convolution without im2col: each sample is copied once into a zero-padded buffer, and
/// every output row is accumulated straight from it, 8 positions per AVX-512 vector, 4 output channels ×
/// 4 vectors of positions in registers at a time.
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
/// Samples are independent and run in parallel. The sums are the same products as im2col's in another
/// order, so results agree with it to rounding (not bit for bit).
/// </para>
/// </remarks>
internal static unsafe class DirectConvolution
{
    private const int Lanes = 8, ChannelBlock = 4, SlotBlock = 4;

    /// <summary>
    /// Whether the processor runs AVX-512, without which 16 accumulators of 8 doubles do not fit in registers
    /// and im2col + BLAS is the faster way.
    /// </summary>
    public static bool IsFast => Vector512.IsHardwareAccelerated;

    /// <summary>z (samples × output channels × positions, holding the bias) += the convolution of every row of <paramref name="x"/> by <paramref name="kernel"/>.</summary>
    public static void Convolve(Layer layer, double[] kernel, double[] x, Matrix z)
    {
        var plan = new Plan(layer);
        var packed = plan.Pack(kernel);
        int inputSize = layer.InputSize, outputSize = layer.OutputSize;
        Parallel.For(0, z.Rows, () => new double[plan.BufferLength], (n, _, buffer) =>
        {
            plan.Pad(x.AsSpan(n * inputSize, inputSize), buffer);
            fixed (double* b = buffer, k = packed, zn = z.Data.AsSpan(n * outputSize, outputSize))
                plan.Run(b, k, zn);
            return buffer;
        }, _ => { });
    }

    /// <summary>The geometry of one layer as the kernel walks it: a 1-d layer is a 2-d one of height 1.</summary>
    private sealed class Plan
    {
        private readonly int _channelsIn, _groupOut, _groups, _kh, _kw, _dy, _dx, _sy, _sx, _padTop, _padLeft;
        private readonly int _inH, _inW, _outH, _outW, _hp, _phase, _row, _plane, _vectors, _slots, _blocks;
        private readonly int[] _tapOffsets;

        public Plan(Layer layer)
        {
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
            _tapOffsets = [.. Enumerable.Range(0, _kw).Select(kx => kx * _dx % _sx * _phase + kx * _dx / _sx)];
            _vectors = (_outW + Lanes - 1) / Lanes;
            _slots = _outH * _vectors;
            _blocks = (_groupOut + ChannelBlock - 1) / ChannelBlock;
        }

        /// <summary>The padded sample, with room for the last vector of the last row to run past its end.</summary>
        public int BufferLength => _groups * _channelsIn * _plane + _vectors * Lanes + _row;

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
                        for (int i = 0; i < source.Length; i++)
                        {
                            int column = i + _padLeft;
                            row[column % _sx * _phase + column / _sx] = source[i];
                        }
                }
        }

        public void Run(double* buffer, double* packed, double* z)
        {
            int taps = _kh * _kw, width = _channelsIn * taps, positions = _outH * _outW;
            var bases = stackalloc int[SlotBlock];
            var tile = stackalloc double[ChannelBlock * SlotBlock * Lanes];
            for (int g = 0; g < _groups; g++)
            {
                double* input = buffer + g * _channelsIn * _plane;
                for (int b = 0; b < _blocks; b++)
                {
                    double* weights = packed + (g * _blocks + b) * width * ChannelBlock;
                    for (int first = 0; first < _slots; first += SlotBlock)
                    {
                        // A short last tile repeats its last slot: the same sums, stored twice.
                        for (int s = 0; s < SlotBlock; s++)
                        {
                            int slot = Math.Min(first + s, _slots - 1);
                            bases[s] = slot / _vectors * _sy * _row + slot % _vectors * Lanes;
                        }
                        Accumulate(input, weights, bases, tile);
                        for (int o = 0; o < ChannelBlock && b * ChannelBlock + o < _groupOut; o++)
                        {
                            double* output = z + (g * _groupOut + b * ChannelBlock + o) * positions;
                            for (int s = 0; s < SlotBlock && first + s < _slots; s++)
                            {
                                int slot = first + s, y = slot / _vectors, x0 = slot % _vectors * Lanes;
                                double* values = tile + (o * SlotBlock + s) * Lanes;
                                double* target = output + y * _outW + x0;
                                if (x0 + Lanes <= _outW) (Vector512.Load(target) + Vector512.Load(values)).Store(target);
                                else
                                    for (int lane = 0; x0 + lane < _outW; lane++) target[lane] += values[lane];
                            }
                        }
                    }
                }
            }
        }

        /// <summary>One channel's 4 vectors of positions, side by side.</summary>
        private static void Store(double* tile, Vector512<double> v0, Vector512<double> v1, Vector512<double> v2, Vector512<double> v3)
        {
            v0.Store(tile);
            v1.Store(tile + Lanes);
            v2.Store(tile + 2 * Lanes);
            v3.Store(tile + 3 * Lanes);
        }

        // 16 accumulators (4 channels × 4 vectors) stay in registers; per tap, 4 loads and 4 broadcasts feed 16 FMAs.
        private void Accumulate(double* input, double* weights, int* bases, double* tile)
        {
            Vector512<double> a00 = default, a01 = default, a02 = default, a03 = default;
            Vector512<double> a10 = default, a11 = default, a12 = default, a13 = default;
            Vector512<double> a20 = default, a21 = default, a22 = default, a23 = default;
            Vector512<double> a30 = default, a31 = default, a32 = default, a33 = default;
            double* w = weights;
            fixed (int* offsets = _tapOffsets)
            for (int c = 0; c < _channelsIn; c++)
            {
                double* plane = input + c * _plane;
                for (int ky = 0; ky < _kh; ky++)
                {
                    double* row = plane + ky * _dy * _row;
                    double* r0 = row + bases[0], r1 = row + bases[1], r2 = row + bases[2], r3 = row + bases[3];
                    for (int kx = 0; kx < _kw; kx++, w += ChannelBlock)
                    {
                        int off = offsets[kx];
                        var v0 = Vector512.Load(r0 + off);
                        var v1 = Vector512.Load(r1 + off);
                        var v2 = Vector512.Load(r2 + off);
                        var v3 = Vector512.Load(r3 + off);
                        var w0 = Vector512.Create(w[0]);
                        a00 = Vector512.FusedMultiplyAdd(w0, v0, a00); a01 = Vector512.FusedMultiplyAdd(w0, v1, a01);
                        a02 = Vector512.FusedMultiplyAdd(w0, v2, a02); a03 = Vector512.FusedMultiplyAdd(w0, v3, a03);
                        var w1 = Vector512.Create(w[1]);
                        a10 = Vector512.FusedMultiplyAdd(w1, v0, a10); a11 = Vector512.FusedMultiplyAdd(w1, v1, a11);
                        a12 = Vector512.FusedMultiplyAdd(w1, v2, a12); a13 = Vector512.FusedMultiplyAdd(w1, v3, a13);
                        var w2 = Vector512.Create(w[2]);
                        a20 = Vector512.FusedMultiplyAdd(w2, v0, a20); a21 = Vector512.FusedMultiplyAdd(w2, v1, a21);
                        a22 = Vector512.FusedMultiplyAdd(w2, v2, a22); a23 = Vector512.FusedMultiplyAdd(w2, v3, a23);
                        var w3 = Vector512.Create(w[3]);
                        a30 = Vector512.FusedMultiplyAdd(w3, v0, a30); a31 = Vector512.FusedMultiplyAdd(w3, v1, a31);
                        a32 = Vector512.FusedMultiplyAdd(w3, v2, a32); a33 = Vector512.FusedMultiplyAdd(w3, v3, a33);
                    }
                }
            }
            Store(tile, a00, a01, a02, a03);
            Store(tile + 32, a10, a11, a12, a13);
            Store(tile + 64, a20, a21, a22, a23);
            Store(tile + 96, a30, a31, a32, a33);
        }
    }
}

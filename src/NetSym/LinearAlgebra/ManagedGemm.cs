using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetSym.LinearAlgebra;

/// <summary>
/// C ← C + α·op(A)·op(B) on row-major matrices by cache blocking (Goto's scheme): a KC-deep slice
/// of op(B) is packed into NR-wide column panels that stay in L3, a block of MC rows of α·op(A)
/// into MR-high row panels that stay in L2, and each MR×NR tile of C is accumulated in registers
/// with Vector256 fused multiply-adds over the slice. Transposes and strides are dealt with while
/// packing, so the kernel sees one layout; row blocks × column chunks run in parallel.
/// </summary>
internal static unsafe class ManagedGemm
{
    private const int MR = 6, NR = 8;           // register tile: 6 rows × 2 Vector256 = 12 accumulators
    private const int KC = 512;                 // slice depth: long enough that updating C costs little beside the FMAs
    private const int MC = 120;                 // row block: MC×KC doubles (480 KiB) fit L2
    private const int NC = 4096;                // column block: KC×NC doubles (16 MiB) fit L3
    private const long ParallelWork = 1L << 22; // multiply-adds below which threads cost more than they gain

    /// <summary>C ← C + α·op(A)·op(B) for m, n, k ≥ 1 and checked strides.</summary>
    public static void MultiplyAdd(bool transposeA, bool transposeB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc)
    {
        int rowBlocks = (m + MC - 1) / MC;
        int mc = RoundUp((m + rowBlocks - 1) / rowBlocks, MR); // near-equal blocks balance the threads
        rowBlocks = (m + mc - 1) / mc;
        bool parallel = (long)m * n * k >= ParallelWork && Environment.ProcessorCount > 1;
        double[] packedB = ArrayPool<double>.Shared.Rent(Math.Min(k, KC) * Math.Min(RoundUp(n, NR), NC));
        try
        {
            fixed (double* pa = a, pb = b, pc = c, pp = packedB)
            {
                var operands = new Operands(pa, lda, transposeA, pb, ldb, transposeB, pc, ldc, alpha, m, mc);
                for (int jc = 0; jc < n; jc += NC)
                    for (int p0 = 0; p0 < k; p0 += KC)
                        MultiplySlice(operands, new Slice(pp, jc, Math.Min(NC, n - jc), p0, Math.Min(KC, k - p0)), rowBlocks, parallel);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(packedB);
        }
    }

    // C[:, jc..jc+nc) += α·op(A)[:, p0..p0+kc)·op(B)[p0..p0+kc, jc..jc+nc).
    private static void MultiplySlice(Operands op, Slice s, int rowBlocks, bool parallel)
    {
        int panels = (s.Columns + NR - 1) / NR;
        if (parallel) Parallel.For(0, panels, q => PackB(op, s, q));
        else for (int q = 0; q < panels; q++) PackB(op, s, q);

        // With few row blocks, split the columns too, so every core has work.
        int chunks = parallel ? Math.Clamp((4 * Environment.ProcessorCount + rowBlocks - 1) / rowBlocks, 1, panels) : 1;
        int panelsPerChunk = (panels + chunks - 1) / chunks;
        chunks = (panels + panelsPerChunk - 1) / panelsPerChunk;
        var tasks = new Tasks(rowBlocks, chunks, panelsPerChunk, panels);
        if (parallel)
            Parallel.For(0, tasks.Count, () => new PackedA(op.RowBlock), (t, _, packed) => Run(op, s, tasks, t, packed), packed => packed.Dispose());
        else
        {
            using var packed = new PackedA(op.RowBlock);
            for (int t = 0; t < tasks.Count; t++) Run(op, s, tasks, t, packed);
        }
    }

    // Task t: one row block times one chunk of column panels. Consecutive tasks share the row block,
    // so a thread packs it once for its run of tasks.
    private static PackedA Run(Operands op, Slice s, Tasks tasks, int t, PackedA packed)
    {
        int block = t / tasks.Chunks, chunk = t % tasks.Chunks;
        int i0 = block * op.RowBlock, rows = Math.Min(op.RowBlock, op.M - i0);
        if (packed.Block != block)
        {
            fixed (double* ap = packed.Buffer) PackA(op, s, i0, rows, ap);
            packed.Block = block;
        }
        int firstPanel = chunk * tasks.PanelsPerChunk, endPanel = Math.Min(firstPanel + tasks.PanelsPerChunk, tasks.Panels);
        double* tile = stackalloc double[MR * NR];
        fixed (double* ap = packed.Buffer)
            for (int q = firstPanel; q < endPanel; q++)
            {
                int j = q * NR, columns = Math.Min(NR, s.Columns - j);
                double* bPanel = s.PackedB + (long)q * NR * s.Depth;
                for (int r = 0; r < rows; r += MR)
                {
                    int height = Math.Min(MR, rows - r);
                    double* cTile = op.C + (long)(i0 + r) * op.Ldc + s.FirstColumn + j;
                    double* aPanel = ap + (long)r * s.Depth;
                    if (height == MR && columns == NR)
                        Kernel(s.Depth, aPanel, bPanel, cTile, op.Ldc);
                    else
                    {
                        new Span<double>(tile, MR * NR).Clear();
                        Kernel(s.Depth, aPanel, bPanel, tile, NR);
                        for (int x = 0; x < height; x++)
                            for (int y = 0; y < columns; y++)
                                cTile[(long)x * op.Ldc + y] += tile[x * NR + y];
                    }
                }
            }
        return packed;
    }

    // The tile C[0..MR, 0..NR) += Σ_p a[p, 0..MR)ᵀ·b[p, 0..NR) over packed panels (a: MR per step, b: NR per step).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel(int depth, double* a, double* b, double* c, int ldc)
    {
        Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
            c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        if (Sse.IsSupported) // C's tile is touched only at the end: fetch it while the FMAs run
            for (int r = 0; r < MR; r++)
            {
                Sse.Prefetch0(c + (long)r * ldc);
                Sse.Prefetch0(c + (long)r * ldc + NR - 1);
            }
        for (int p = 0; p < depth; p++, a += MR, b += NR)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 4);
            MultiplyAddRow(a[0], b0, b1, ref c00, ref c01);
            MultiplyAddRow(a[1], b0, b1, ref c10, ref c11);
            MultiplyAddRow(a[2], b0, b1, ref c20, ref c21);
            MultiplyAddRow(a[3], b0, b1, ref c30, ref c31);
            MultiplyAddRow(a[4], b0, b1, ref c40, ref c41);
            MultiplyAddRow(a[5], b0, b1, ref c50, ref c51);
        }
        AddRow(c, c00, c01);
        AddRow(c + ldc, c10, c11);
        AddRow(c + 2L * ldc, c20, c21);
        AddRow(c + 3L * ldc, c30, c31);
        AddRow(c + 4L * ldc, c40, c41);
        AddRow(c + 5L * ldc, c50, c51);
    }

    // One row of the tile: (left, right) += a·(b0, b1). Inlined, the refs become the registers of the
    // caller's accumulators (the JIT turns an inlined ref to a local back into the local itself).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAddRow(double a, Vector256<double> b0, Vector256<double> b1, ref Vector256<double> left, ref Vector256<double> right)
    {
        var x = Vector256.Create(a);
        left = Vector256.FusedMultiplyAdd(x, b0, left);
        right = Vector256.FusedMultiplyAdd(x, b1, right);
    }

    private static void AddRow(double* c, Vector256<double> left, Vector256<double> right)
    {
        (Vector256.Load(c) + left).Store(c);
        (Vector256.Load(c + 4) + right).Store(c + 4);
    }

    // Rows i0..i0+rows of α·op(A)[:, slice] into MR-high panels, step p holding MR consecutive rows; short panels padded with zeros.
    private static void PackA(Operands op, Slice s, int i0, int rows, double* dst)
    {
        for (int r0 = 0; r0 < rows; r0 += MR, dst += MR * s.Depth)
        {
            int height = Math.Min(MR, rows - r0);
            if (height < MR) new Span<double>(dst, MR * s.Depth).Clear();
            if (op.TransposeA) // op(A)'s column p is a row of A: read along it
                for (int p = 0; p < s.Depth; p++)
                {
                    double* row = op.A + (long)(s.FirstDepth + p) * op.Lda + i0 + r0;
                    for (int x = 0; x < height; x++) dst[p * MR + x] = op.Alpha * row[x];
                }
            else
                for (int x = 0; x < height; x++)
                {
                    double* row = op.A + (long)(i0 + r0 + x) * op.Lda + s.FirstDepth;
                    for (int p = 0; p < s.Depth; p++) dst[p * MR + x] = op.Alpha * row[p];
                }
        }
    }

    // Column panel q of op(B)[slice], step p holding NR consecutive columns; a short panel padded with zeros.
    private static void PackB(Operands op, Slice s, int q)
    {
        double* dst = s.PackedB + (long)q * NR * s.Depth;
        int j0 = s.FirstColumn + q * NR, width = Math.Min(NR, s.FirstColumn + s.Columns - j0);
        if (width < NR) new Span<double>(dst, NR * s.Depth).Clear();
        if (op.TransposeB) // op(B)'s column j is a row of B: read along it
            for (int y = 0; y < width; y++)
            {
                double* row = op.B + (long)(j0 + y) * op.Ldb + s.FirstDepth;
                for (int p = 0; p < s.Depth; p++) dst[p * NR + y] = row[p];
            }
        else
            for (int p = 0; p < s.Depth; p++)
            {
                double* row = op.B + (long)(s.FirstDepth + p) * op.Ldb + j0;
                for (int y = 0; y < width; y++) dst[p * NR + y] = row[y];
            }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    // The pinned operands (pointers, not spans, so that parallel loops can carry them).
    private readonly struct Operands(double* a, int lda, bool transposeA, double* b, int ldb, bool transposeB,
        double* c, int ldc, double alpha, int m, int rowBlock)
    {
        public readonly double* A = a, B = b, C = c;
        public readonly int Lda = lda, Ldb = ldb, Ldc = ldc, M = m, RowBlock = rowBlock;
        public readonly bool TransposeA = transposeA, TransposeB = transposeB;
        public readonly double Alpha = alpha;
    }

    // Columns FirstColumn.. of C and depths FirstDepth.. of the product, with op(B)'s part packed at PackedB.
    private readonly struct Slice(double* packedB, int firstColumn, int columns, int firstDepth, int depth)
    {
        public readonly double* PackedB = packedB;
        public readonly int FirstColumn = firstColumn, Columns = columns, FirstDepth = firstDepth, Depth = depth;
    }

    private readonly record struct Tasks(int RowBlocks, int Chunks, int PanelsPerChunk, int Panels)
    {
        public int Count => RowBlocks * Chunks;
    }

    // A thread's packed row block of α·op(A), and which block it holds.
    private sealed class PackedA(int rowBlock) : IDisposable
    {
        public double[] Buffer { get; } = ArrayPool<double>.Shared.Rent(RoundUp(rowBlock, MR) * KC);
        public int Block { get; set; } = -1;
        public void Dispose() => ArrayPool<double>.Shared.Return(Buffer);
    }
}

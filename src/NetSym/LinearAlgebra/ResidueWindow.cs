using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetSym.LinearAlgebra;

/// <summary>
/// A set of representatives of F_p stored as integer-valued doubles: the p integers
/// [<see cref="Low"/>, <see cref="Low"/> + p). Either [0, p) (the residues the public API takes)
/// or the centered window [−(p−1)/2, (p−1)/2], whose products are four times smaller, so that a
/// floating-point GEMM can sum four times as many of them exactly before a reduction.
/// </summary>
internal readonly struct ResidueWindow
{
    private const double TwoTo53 = 9007199254740992.0;

    private ResidueWindow(long p, long low)
    {
        P = p;
        Low = low;
        InverseP = 1.0 / p;
        double largest = Math.Max(-low, low + p - 1);
        // A sum of ExactDepth products plus one representative stays below 2^53 − 2p, so every
        // partial sum is an exact integer and so is the quotient·p formed while reducing it.
        ExactDepth = (int)Math.Min(1 << 20, Math.Floor((TwoTo53 - 2.0 * p - largest) / (largest * largest)));
    }

    /// <summary>The prime.</summary>
    public double P { get; }

    /// <summary>The smallest representative: 0 or −(p−1)/2.</summary>
    public double Low { get; }

    /// <summary>1/p rounded; quotients formed with it are off by at most one, which the reduction corrects.</summary>
    public double InverseP { get; }

    /// <summary>How many products of representatives (plus one representative) a double sums exactly.</summary>
    public int ExactDepth { get; }

    /// <summary>The window [0, p).</summary>
    public static ResidueWindow NonNegative(PrimeField field) => new(field.P, 0);

    /// <summary>The window [−(p−1)/2, (p−1)/2].</summary>
    public static ResidueWindow Centered(PrimeField field) => new(field.P, -(field.P - 1) / 2);

    /// <summary>The representative of the integer x (|x| &lt; 2^53 − 2p) in this window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Reduce(double x)
    {
        double r = x - Math.Floor((x - Low) * InverseP) * P;
        if (r < Low) r += P;
        else if (r >= Low + P) r -= P;
        return r;
    }

    /// <summary>a·b reduced, for representatives a and b of this window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Multiply(double a, double b) => Reduce(a * b);

    /// <summary>The representative of a residue r ∈ [0, p).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double FromResidue(double r) => r >= Low + P ? r - P : r;

    /// <summary>The residue in [0, p) of a representative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ToResidue(double x) => x < 0 ? x + P : x;

    /// <summary>a⁻¹ for a representative a ≠ 0.</summary>
    public double Inverse(PrimeField field, double a) => FromResidue(field.Inverse((long)a));

    /// <summary>
    /// into[i] ← the representative of residues[i] (the spans may be the same, and then a bad
    /// entry may leave it partly rewritten).
    /// </summary>
    /// <exception cref="ArgumentException">An entry is not an integer in [0, p).</exception>
    public unsafe void FromResidues(ReadOnlySpan<double> residues, Span<double> into)
    {
        if (into.Length < residues.Length) throw new ArgumentException("no room for the representatives", nameof(into));
        var window = this;
        long firstBad = long.MaxValue;
        fixed (double* from = residues, to = into)
        {
            double* source = from, target = to;
            ParallelChunks.For(residues.Length, 1, (start, end) =>
            {
                long bad = window.ConvertChunk(new ReadOnlySpan<double>(source + start, (int)(end - start)), new Span<double>(target + start, (int)(end - start)));
                if (bad >= 0) InterlockedMin(ref firstBad, start + bad);
            });
        }
        if (firstBad != long.MaxValue)
            throw new ArgumentException($"entry {firstBad} is {residues[(int)firstBad]}, not a residue mod {P} (an integer in [0, {P}))", nameof(residues));
    }

    /// <summary>Converts one chunk; returns the index of its first bad entry, or −1.</summary>
    private long ConvertChunk(ReadOnlySpan<double> residues, Span<double> into)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var p = Vector256.Create(P);
            var high = Vector256.Create(Low + P);
            for (; i <= residues.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var r = Vector256.Create(residues.Slice(i, Vector256<double>.Count));
                var good = Vector256.GreaterThanOrEqual(r, Vector256<double>.Zero) & Vector256.LessThan(r, p) & Vector256.Equals(r, Vector256.Floor(r));
                if (!Vector256.EqualsAll(good.AsInt64(), Vector256<long>.AllBitsSet)) break; // the scalar loop finds which
                (r - Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(r, high), p, Vector256<double>.Zero)).CopyTo(into.Slice(i));
            }
        }
        for (; i < residues.Length; i++)
        {
            double r = residues[i];
            if (!(r >= 0 && r < P && r == Math.Floor(r))) return i;
            into[i] = FromResidue(r);
        }
        return -1;
    }

    private static void InterlockedMin(ref long target, long value)
    {
        long seen = Volatile.Read(ref target);
        while (value < seen)
        {
            long previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }

    /// <summary>Reduces every entry of <paramref name="values"/> (integers, |x| &lt; 2^53 − 2p) into this window.</summary>
    public void Reduce(Span<double> values)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<double>.Count)
        {
            var p = Vector256.Create(P);
            var low = Vector256.Create(Low);
            var high = Vector256.Create(Low + P);
            var inverse = Vector256.Create(InverseP);
            ref double start = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var x = Vector256.LoadUnsafe(ref start, (nuint)i);
                var r = x - Vector256.Floor((x - low) * inverse) * p;
                r += Vector256.ConditionalSelect(Vector256.LessThan(r, low), p, Vector256<double>.Zero);
                r -= Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(r, high), p, Vector256<double>.Zero);
                r.StoreUnsafe(ref start, (nuint)i);
            }
        }
        for (; i < values.Length; i++) values[i] = Reduce(values[i]);
    }

    /// <summary>Reduces a rows×columns block with row stride ld, in parallel when it is large.</summary>
    public unsafe void Reduce(Span<double> c, int rows, int columns, int ld)
    {
        var window = this;
        fixed (double* origin = c)
        {
            double* baseAddress = origin;
            ParallelChunks.For(rows, columns, (start, end) =>
            {
                for (long i = start; i < end; i++) window.Reduce(new Span<double>(baseAddress + i * ld, columns));
            });
        }
    }

}

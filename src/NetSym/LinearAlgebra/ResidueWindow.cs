using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetSym.LinearAlgebra;

/// <summary>
/// A set of representatives of F_p stored as integer-valued doubles: the p integers
/// [<see cref="Low"/>, <see cref="Low"/> + p). Either [0, p) (the residues the public API takes)
/// or the centred window [−(p−1)/2, (p−1)/2], whose products are four times smaller, so that a
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
    /// into[i] ← the representative of residues[i] (the spans may be the same).
    /// </summary>
    /// <exception cref="ArgumentException">An entry is not an integer in [0, p).</exception>
    public void FromResidues(ReadOnlySpan<double> residues, Span<double> into)
    {
        for (int i = 0; i < residues.Length; i++)
        {
            double r = residues[i];
            if (!(r >= 0 && r < P && r == Math.Floor(r)))
                throw new ArgumentException($"entry {i} is {r}, not a residue mod {P} (an integer in [0, {P}))", nameof(residues));
            into[i] = FromResidue(r);
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
    public void Reduce(Span<double> c, int rows, int columns, int ld)
    {
        if ((long)rows * columns < ParallelThreshold || rows < 2)
        {
            for (int i = 0; i < rows; i++) Reduce(c.Slice(i * ld, columns));
            return;
        }
        var window = this;
        unsafe
        {
            // Parallel.For cannot capture a span; the caller's span outlives the loop, so a pointer is safe.
            fixed (double* origin = c)
            {
                double* baseAddress = origin;
                int chunks = Math.Min(rows, Environment.ProcessorCount * 4);
                Parallel.For(0, chunks, chunk =>
                {
                    int from = (int)((long)rows * chunk / chunks), to = (int)((long)rows * (chunk + 1) / chunks);
                    for (int i = from; i < to; i++) window.Reduce(new Span<double>(baseAddress + (long)i * ld, columns));
                });
            }
        }
    }

    /// <summary>Below this many entries a reduction runs on one thread: the hand-off would cost more.</summary>
    private const long ParallelThreshold = 1 << 16;
}

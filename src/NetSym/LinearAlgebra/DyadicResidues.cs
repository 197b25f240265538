using System.Numerics.Tensors;

namespace NetSym.LinearAlgebra;

/// <summary>
/// The residues in F_p of many finite doubles at once: x = ±M·2^e (M &lt; 2^53) maps to
/// ±M·2^e mod p, the same value as <see cref="PrimeField.FromDouble"/>, at the cost of a few
/// floating-point operations per entry (2^e mod p is tabulated for every binary exponent), so that
/// a whole Jacobian can be mapped before an exact rank.
/// </summary>
public static class DyadicResidues
{
    private const int HalfMantissaBits = 26;
    private const int MinExponent = -1074; // of the least subnormal, 2^−1074
    private const int MaxExponent = 971;   // of the mantissa's last bit in the largest double

    /// <summary>
    /// residues[i] ← values[i] mod p, in [0, p). The spans may be the same (mapping in place).
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ, or an entry is NaN or infinite (not a rational).</exception>
    public static void Map(PrimeField field, ReadOnlySpan<double> values, Span<double> residues) =>
        Map(field, ResidueWindow.NonNegative(field), values, residues);

    /// <summary>
    /// A new array of the centered residues of <paramref name="values"/> (read as the dyadic rationals they
    /// are): what the blocked eliminations of <see cref="ModularRank"/> and <see cref="ModularKernel"/> start from.
    /// </summary>
    /// <exception cref="ArgumentException">An entry is NaN or infinite.</exception>
    internal static double[] Centered(PrimeField field, ReadOnlySpan<double> values)
    {
        var work = GC.AllocateUninitializedArray<double>(values.Length);
        Map(field, ResidueWindow.Centered(field), values, work);
        return work;
    }

    /// <summary>Like <see cref="Map(PrimeField, ReadOnlySpan{double}, Span{double})"/>, into the representatives of <paramref name="window"/>.</summary>
    internal static unsafe void Map(PrimeField field, ResidueWindow window, ReadOnlySpan<double> values, Span<double> residues)
    {
        if (values.Length != residues.Length)
            throw new ArgumentException($"{values.Length} values but room for {residues.Length} residues", nameof(residues));
        // IsFiniteAll is false for an empty span; an empty span has nothing to reject.
        if (!values.IsEmpty && !TensorPrimitives.IsFiniteAll(values))
            throw new ArgumentException("a NaN or infinite entry has no residue: only finite doubles are rationals", nameof(values));
        var powers = PowersOfTwo(field);
        fixed (double* from = values, to = residues)
        {
            double* source = from, target = to;
            ParallelChunks.For(values.Length, 1, (start, end) =>
            {
                for (long i = start; i < end; i++) target[i] = Residue(source[i], powers, window);
            });
        }
    }

    private static double Residue(double x, double[] powers, ResidueWindow window)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int biased = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (biased == 0) biased = 1; // subnormal (or zero): no implicit leading bit
        else mantissa |= 1L << 52;
        int e = biased - 1075 - MinExponent;
        // Both halves times a residue stay below 2^50, so the sum is exact before the reduction.
        double r = window.Reduce((mantissa >> HalfMantissaBits) * powers[e + HalfMantissaBits]
            + (mantissa & ((1L << HalfMantissaBits) - 1)) * powers[e]);
        return bits < 0 ? window.Reduce(-r) : r;
    }

    /// <summary>powers[i] = 2^(i − 1074) mod p for every exponent a mantissa half can carry.</summary>
    private static double[] PowersOfTwo(PrimeField field)
    {
        var powers = new double[MaxExponent + HalfMantissaBits - MinExponent + 1];
        long power = field.PowerOfTwo(MinExponent);
        for (int i = 0; i < powers.Length; i++)
        {
            powers[i] = power;
            power = power * 2 % field.P;
        }
        return powers;
    }
}

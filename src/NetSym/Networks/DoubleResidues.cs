using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// <see cref="PrimeField.FromDouble"/> for many doubles: x = y·2^(k−52) with k = ⌊log2 |x|⌋ and y an
/// integer, so each entry costs the residue of an integer and one tabulated power of two instead
/// of a modular exponentiation.
/// </summary>
internal sealed class DoubleResidues
{
    private const int MinLog = -1074; // the smallest subnormal is 2^−1074
    private readonly long[] _powers = new long[1024 - MinLog]; // 2^(k − 52) mod p for k = −1074 … 1023

    /// <summary>Tabulates the powers of two in <paramref name="field"/>.</summary>
    public DoubleResidues(PrimeField field)
    {
        Field = field;
        _powers[0] = field.PowerOfTwo(MinLog - 52);
        for (int k = 1; k < _powers.Length; k++) _powers[k] = field.Reduce(2 * _powers[k - 1]);
    }

    /// <summary>The field.</summary>
    public PrimeField Field { get; }

    /// <summary>The residue of x, equal to <see cref="PrimeField.FromDouble"/>(x).</summary>
    /// <exception cref="ArgumentException">x is NaN or infinite.</exception>
    public double Of(double x)
    {
        if (x == 0 || !double.IsFinite(x)) return Field.FromDouble(x);
        int k = Math.ILogB(x);
        return Field.Multiply(Field.FromDouble(Math.ScaleB(x, 52 - k)), _powers[k - MinLog]);
    }
}

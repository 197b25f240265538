using CsCheck;
using NetSym.Dimension;
using NetSym.LinearAlgebra;

namespace NetSym.Tests.Dimension;

public class SmallRationalTests
{
    private static readonly PrimeField Field = new(4194319); // bound ⌊√((p−1)/2)⌋ = 1448

    [Fact]
    public void Every_fraction_within_the_bound_comes_back_from_its_residue()
    {
        Gen.Select(Gen.Long[-1448, 1448], Gen.Long[1, 1448]).Sample((a, b) =>
        {
            long g = Gcd(Math.Abs(a), b);
            var fraction = new SmallRational(a / g, b / g);
            Assert.Equal(fraction, SmallRational.Reconstruct(fraction.Residue(Field), Field));
        }, iter: 2000);
    }

    [Fact]
    public void Residues_and_text_are_those_of_the_fraction()
    {
        Assert.Equal(0, new SmallRational(0, 1).Residue(Field));
        Assert.Equal(Field.Inverse(2), new SmallRational(1, 2).Residue(Field));
        Assert.Equal(Field.P - 3, new SmallRational(-3, 1).Residue(Field));
        Assert.Equal("-2/3", new SmallRational(-2, 3).ToString());
        Assert.Equal("5", new SmallRational(5, 1).ToString());
        Assert.Equal(new SmallRational(0, 1), SmallRational.Reconstruct(0, Field));
    }

    [Fact]
    public void A_fraction_beyond_the_bound_is_not_reconstructed_as_itself()
    {
        // 1/4099 has a denominator above the bound: its residue must not come back as 1/4099 (nothing that tall can).
        var residue = new SmallRational(1, 4099).Residue(Field);
        var back = SmallRational.Reconstruct(residue, Field);
        Assert.True(back is null || (Math.Abs(back.Value.Numerator) <= 1448 && back.Value.Denominator <= 1448));
        if (back is { } r) Assert.Equal(residue, r.Residue(Field)); // a chance small fraction with the same residue
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}

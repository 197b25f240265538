using System.Numerics;
using CsCheck;
using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Tests.LinearAlgebra;

public class PrimeFieldTests
{
    private static readonly PrimeField F = ModularReference.Field();

    /// <summary>x = M·2^e exactly, so its residue is M·2^e mod p with 2^e ≡ 2^(e mod (p−1)) by Fermat: a BigInteger reference.</summary>
    internal static long ReferenceResidue(double x, long p)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int biased = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (biased != 0) mantissa |= 1L << 52;
        int e = Math.Max(biased, 1) - 1075;
        long exponent = ((e % (p - 1)) + (p - 1)) % (p - 1);
        var value = new BigInteger(mantissa) * BigInteger.ModPow(2, exponent, p);
        return ModularReference.Mod(x < 0 ? -value : value, p);
    }

    /// <summary>A double with a mantissa of at most 24 bits and a moderate exponent: products of two are exact.</summary>
    private static readonly Gen<double> ShortDyadic =
        Gen.Select(Gen.Int[-(1 << 24), 1 << 24], Gen.Int[-60, 60]).Select((m, e) => Math.ScaleB(m, e));

    [Fact]
    public void FromDoubleIsMultiplicativeWhenTheProductIsExact() =>
        Gen.Select(ShortDyadic, ShortDyadic).Sample((a, b) =>
            F.Multiply(F.FromDouble(a), F.FromDouble(b)) == F.FromDouble(a * b), iter: 2000);

    [Fact]
    public void FromDoubleIsAdditiveWhenTheSumIsExact() =>
        Gen.Select(Gen.Int[-(1 << 20), 1 << 20], Gen.Int[-(1 << 20), 1 << 20], Gen.Int[-40, 40]).Sample((m1, m2, e) =>
        {
            double a = Math.ScaleB(m1, e), b = Math.ScaleB(m2, e);
            return F.Reduce(F.FromDouble(a) + F.FromDouble(b)) == F.FromDouble(a + b);
        }, iter: 2000);

    [Fact]
    public void HalfTimesTwoIsOne()
    {
        Assert.Equal(1, F.Multiply(F.FromDouble(0.5), 2));
        Assert.Equal(1, F.Multiply(F.FromDouble(0.125), F.FromDouble(8)));
        Assert.Equal(F.Multiply(3, F.Inverse(4)), F.FromDouble(0.75));
    }

    [Fact]
    public void NegativesAreAdditiveInverses() =>
        Gen.Double.Where(double.IsFinite).Sample(x => F.Reduce(F.FromDouble(x) + F.FromDouble(-x)) == 0, iter: 2000);

    [Fact]
    public void IntegersMapToTheirResidues() =>
        Gen.Long[-(1L << 53), 1L << 53].Sample(x => F.FromDouble(x) == ModularReference.Mod(x, F.P), iter: 2000);

    [Fact]
    public void SubnormalsAreDyadicRationals()
    {
        // 2^−1074 times 2^1074 is 1; 3·2^−1074 is three times it; the largest subnormal is (2^52 − 1)·2^−1074.
        Assert.Equal(1, F.Multiply(F.FromDouble(double.Epsilon), F.PowerOfTwo(1074)));
        Assert.Equal(F.Reduce(3 * F.FromDouble(double.Epsilon)), F.FromDouble(3 * double.Epsilon));
        double largestSubnormal = BitConverter.Int64BitsToDouble(0x000FFFFFFFFFFFFFL);
        Assert.Equal(F.Multiply(F.Reduce((1L << 52) - 1), F.PowerOfTwo(-1074)), F.FromDouble(largestSubnormal));
        Assert.Equal(F.Reduce(-F.FromDouble(largestSubnormal)), F.FromDouble(-largestSubnormal));
    }

    [Fact]
    public void FromDoubleAgreesWithTheBigIntegerReference() =>
        Gen.Double.Where(double.IsFinite).Sample(x => F.FromDouble(x) == ReferenceResidue(x, F.P), iter: 2000);

    [Fact]
    public void ZeroAndNegativeZeroAreZero()
    {
        Assert.Equal(0, F.FromDouble(0.0));
        Assert.Equal(0, F.FromDouble(-0.0));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteValuesHaveNoResidue(double x) => Assert.Throws<ArgumentException>(() => F.FromDouble(x));

    [Fact]
    public void InverseTimesElementIsOne()
    {
        Gen.Long[1, F.P - 1].Sample(a => F.Multiply(a, F.Inverse(a)) == 1, iter: 1000);
        Assert.Equal(1, F.Multiply(F.Reduce(-5), F.Inverse(-5)));
        Assert.Throws<DivideByZeroException>(() => F.Inverse(0));
        Assert.Throws<DivideByZeroException>(() => F.Inverse(F.P));
    }

    [Fact]
    public void ExactBlockIsTheLongestExactDotProduct()
    {
        foreach (long p in new long[] { 3, 101, F.P, 8388593 /* the largest prime below 2^23 */ })
        {
            var field = new PrimeField(p);
            var worst = new BigInteger(p - 1) * (p - 1);
            Assert.True(field.ExactBlock * worst <= BigInteger.Pow(2, 53));
            Assert.True((field.ExactBlock + 1L) * worst > BigInteger.Pow(2, 53) || field.ExactBlock == int.MaxValue);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(9)]
    [InlineData(1L << 23)]
    [InlineData(8388617)] // a prime above 2^23
    public void RejectsWhatIsNotAnOddPrimeBelow2To23(long p) => Assert.Throws<ArgumentException>(() => new PrimeField(p));

    [Fact]
    public void RandomPrimesAreReproducibleAnd22Bits()
    {
        var first = PrimeField.Random(RandomKey.FromSeed(7).Stream());
        Assert.Equal(first, PrimeField.Random(RandomKey.FromSeed(7).Stream()));
        Assert.InRange(first.P, 1L << 22, PrimeField.MaxPrime);
        Assert.All(Enumerable.Range(0, 20).Select(s => PrimeField.Random(RandomKey.FromSeed(s).Stream()).P),
            p => Assert.True(BigInteger.ModPow(2, p - 1, p).IsOne && BigInteger.ModPow(3, p - 1, p).IsOne));
    }
}

using System.Numerics;
using CsCheck;
using NetSym.LinearAlgebra;

namespace NetSym.Tests.LinearAlgebra;

public class ResidueWindowTests
{
    private static readonly long[] Primes = [3, 101, ModularReference.Field().P, 8388593];

    private static IEnumerable<ResidueWindow> Windows(PrimeField field) => [ResidueWindow.NonNegative(field), ResidueWindow.Centered(field)];

    [Fact]
    public void ReduceGivesTheRepresentativeInTheWindowOverTheWholeExactRange()
    {
        foreach (long p in Primes)
            foreach (var window in Windows(new PrimeField(p)))
            {
                double limit = Math.ScaleB(1, 53) - 2 * p;
                var near = new List<double> { 0, 1, -1, p, -p, p - 1, 1 - p, limit, -limit, limit - 1, 1 - limit, (p - 1) / 2, -(p - 1) / 2, (p + 1) / 2, -(p + 1) / 2 };
                for (long q = 1; q < 1L << 52; q = q * 3 + 1) near.AddRange([q * p, q * p - 1, q * p + 1, -q * p, -q * p + 1, q * p + (p - 1) / 2, q * p + (p + 1) / 2]);
                var random = new Random((int)p);
                near.AddRange(Enumerable.Range(0, 2000).Select(_ => Math.Floor((random.NextDouble() * 2 - 1) * limit)));
                double[] values = [.. near.Where(x => Math.Abs(x) <= limit)];
                var vectorised = (double[])values.Clone();
                window.Reduce(vectorised);
                for (int i = 0; i < values.Length; i++)
                {
                    double scalar = window.Reduce(values[i]);
                    Assert.Equal(scalar, vectorised[i]);
                    Assert.InRange(scalar, window.Low, window.Low + p - 1);
                    Assert.Equal(ModularReference.Mod(new BigInteger(values[i]), p), ModularReference.Mod((long)scalar, p));
                }
            }
    }

    [Fact]
    public void ExactDepthProductsOfTheLargestRepresentativesStayBelow2To53()
    {
        foreach (long p in Primes)
            foreach (var window in Windows(new PrimeField(p)))
            {
                var largest = new BigInteger(Math.Max(-window.Low, window.Low + p - 1));
                var sum = window.ExactDepth * largest * largest + largest + 2 * p;
                Assert.True(sum <= BigInteger.Pow(2, 53));
            }
    }

    [Fact]
    public void CenteredWindowSumsFourTimesDeeper()
    {
        var field = new PrimeField(8388593);
        Assert.InRange(ResidueWindow.Centered(field).ExactDepth, 4 * ResidueWindow.NonNegative(field).ExactDepth - 4, 4 * ResidueWindow.NonNegative(field).ExactDepth + 4);
    }

    [Fact]
    public void FromResiduesRejectsWhatIsNotAResidue()
    {
        var window = ResidueWindow.Centered(new PrimeField(101));
        var into = new double[1];
        foreach (double bad in new[] { -1.0, 101, 0.5, double.NaN, double.PositiveInfinity })
            Assert.Throws<ArgumentException>(() => window.FromResidues([bad], into));
        window.FromResidues([100.0], into);
        Assert.Equal(-1, into[0]);
    }

    [Fact]
    public void FromResiduesOnALongSpanConvertsEveryEntryAndNamesTheFirstBadOne()
    {
        var field = ModularReference.Field();
        var window = ResidueWindow.Centered(field);
        var random = new Random(6);
        double[] residues = [.. Enumerable.Range(0, 300_001).Select(_ => (double)random.NextInt64(field.P))];
        var into = new double[residues.Length];
        window.FromResidues(residues, into);
        Assert.Equal(residues, into.Select(window.ToResidue));
        residues[250_003] = field.P;
        residues[150_001] = -0.5;
        var error = Assert.Throws<ArgumentException>(() => window.FromResidues(residues, into));
        Assert.Contains("entry 150001 ", error.Message);
    }

    [Fact]
    public void ArithmeticAgreesWithIntegerArithmetic()
    {
        var field = ModularReference.Field();
        var window = ResidueWindow.Centered(field);
        Gen.Select(Gen.Long[0, field.P - 1], Gen.Long[1, field.P - 1]).Sample((a, b) =>
        {
            double ra = window.FromResidue(a), rb = window.FromResidue(b);
            Assert.Equal(a * b % field.P, (long)window.ToResidue(window.Multiply(ra, rb)));
            Assert.Equal(1, (long)window.ToResidue(window.Multiply(rb, window.Inverse(field, rb))));
        }, iter: 1000);
    }
}

using CsCheck;
using NetSym.LinearAlgebra;

namespace NetSym.Tests.LinearAlgebra;

public class DyadicResiduesTests
{
    private static readonly PrimeField F = ModularReference.Field(2);

    /// <summary>Every kind of finite double: normal of any exponent, subnormal, zero, both signs, the extremes.</summary>
    private static readonly double[] Edges =
    [
        0.0, -0.0, 1, -1, 0.5, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue,
        BitConverter.Int64BitsToDouble(0x000FFFFFFFFFFFFFL), BitConverter.Int64BitsToDouble(0x0010000000000000L),
        Math.ScaleB(1, 52) - 1, Math.ScaleB(1, 53) - 1, F.P, -F.P, 2.0 * F.P, 1e-300, 1e300,
    ];

    [Fact]
    public void MapAgreesWithFromDoubleOnEveryKindOfDouble() =>
        Gen.Double.Where(double.IsFinite).Array[0, 300].Sample(values =>
        {
            double[] all = [.. values, .. Edges];
            var residues = new double[all.Length];
            DyadicResidues.Map(F, all, residues);
            for (int i = 0; i < all.Length; i++)
                Assert.Equal(F.FromDouble(all[i]), (long)residues[i]);
        }, iter: 200);

    [Fact]
    public void MapInPlaceAndInParallelAgreesWithTheReference()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 100_000).Select(_ => Math.ScaleB(random.NextDouble() - 0.5, random.Next(-1080, 1000))).ToArray();
        var expected = values.Select(x => (double)PrimeFieldTests.ReferenceResidue(x, F.P)).ToArray();
        DyadicResidues.Map(F, values, values);
        Assert.Equal(expected, values);
    }

    [Fact]
    public void CenteredWindowHoldsTheSameResidues()
    {
        double[] values = [.. Edges];
        var centered = new double[values.Length];
        DyadicResidues.Map(F, ResidueWindow.Centered(F), values, centered);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.InRange(centered[i], -(F.P - 1) / 2, (F.P - 1) / 2);
            Assert.Equal(F.FromDouble(values[i]), ModularReference.Mod((long)centered[i], F.P));
        }
    }

    [Fact]
    public void RejectsNonFiniteValuesAndMismatchedLengths()
    {
        Assert.Throws<ArgumentException>(() => DyadicResidues.Map(F, [1.0, double.NaN], new double[2]));
        Assert.Throws<ArgumentException>(() => DyadicResidues.Map(F, [double.PositiveInfinity], new double[1]));
        Assert.Throws<ArgumentException>(() => DyadicResidues.Map(F, [1.0, 2.0], new double[1]));
    }
}

using NetSym.Canonical;
using NetSym.Extraction;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;

namespace NetSym.Tests.Extraction;

/// <summary>The truth is compared with the recovery rounded to the bits its certificate proves.</summary>
public class TruthComparisonTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    [InlineData(30)]
    [InlineData(52)]
    public void RoundingKeepsTheBitsAskedForAndMovesAValueByAtMostHalfAUnitInTheLast(int bits)
    {
        var random = RandomKey.FromSeed(bits).Stream();
        for (int k = 0; k < 1000; k++)
        {
            double v = random.NextNormal() * Math.Pow(10, random.NextInt32(20) - 10);
            double r = TruthComparison.RoundToBits(v, bits);
            Assert.True(Math.Abs(r - v) <= Math.ScaleB(Math.Abs(v), -bits), $"{v:R} → {r:R}");
            // At most `bits` significant bits: scaled to [2^(bits−1), 2^bits) it is a whole number.
            double scaled = Math.ScaleB(r, bits - 1 - Math.ILogB(r));
            Assert.Equal(Math.Round(scaled), scaled);
            Assert.Equal(r, TruthComparison.RoundToBits(r, bits));
        }
        Assert.Equal(0, TruthComparison.RoundToBits(0, bits));
    }

    [Fact]
    public void ASymmetricCopyIsEquivalentWithTheMapThatUndoesIt()
    {
        var truth = ShallowTruth.Create(4, 6, 2, 7);
        var copy = SymmetryGroup.Of(truth).RandomElement(RandomKey.FromSeed(8).Stream()).Apply(truth);
        var comparison = TruthComparison.Compare(truth, copy, 40.3, LinearAlgebraBackends.Default, 0);
        Assert.Equal(40, comparison.SignificantBits);
        Assert.Equal(1e-9, comparison.Tolerance);
        Assert.Equal(EquivalenceVerdict.Equivalent, comparison.Equivalence.Verdict);
        Assert.True(comparison.Equivalence.Map!.Apply(comparison.Rounded).GetParameters()
            .Zip(truth.GetParameters()).All(p => Math.Abs(p.First - p.Second) <= 1e-9));
    }

    [Fact]
    public void AFewCertifiedBitsWidenTheToleranceWithTheRounding()
    {
        var truth = ShallowTruth.Create(3, 4, 1, 9);
        var comparison = TruthComparison.Compare(truth, truth, 12.9, LinearAlgebraBackends.Default, 0);
        Assert.Equal(12, comparison.SignificantBits);
        Assert.Equal(Math.ScaleB(1, -10), comparison.Tolerance);
        Assert.Equal(EquivalenceVerdict.Equivalent, comparison.Equivalence.Verdict);
    }

    [Fact]
    public void AWrongRecoveryIsNotEquivalent()
    {
        var truth = ShallowTruth.Create(3, 4, 1, 10);
        var theta = truth.GetParameters();
        theta[0] += 0.25;
        var comparison = TruthComparison.Compare(truth, truth.WithParameters(theta), 45, LinearAlgebraBackends.Default, 0);
        Assert.NotEqual(EquivalenceVerdict.Equivalent, comparison.Equivalence.Verdict);
        Assert.Null(comparison.Equivalence.Map);
    }

    [Fact]
    public void ATruthOfAnotherShapeIsRefusedByName()
    {
        var oracle = new NetworkOracle(ShallowTruth.Create(3, 4, 1, 11));
        var e = Assert.Throws<ArgumentException>(() => TruthComparison.CheckShape(ShallowTruth.Create(2, 4, 1, 11), oracle, "t.json"));
        Assert.StartsWith("t.json: the truth maps 2 inputs to 1 outputs, but the oracle maps 3 to 1", e.Message);
    }
}

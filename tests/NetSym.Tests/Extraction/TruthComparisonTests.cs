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

    /// <summary>
    /// On a box, a truth with a unit on throughout it, and the same function with two crossing units turned
    /// (v·ReLU(z) = v·ReLU(−z) + v·z) and a unit on throughout the box carrying the linear part: no symmetry
    /// relates their canonical forms, but turned back as the truth's they are equivalent with a map.
    /// </summary>
    [Fact]
    public void OnABoxCrossingUnitsAreTurnedAsTheTruthsBeforeTheComparison()
    {
        var box = Box.Uniform(5, 0, 1);
        var truth = BoxTruth.Create(5, 6, 1, 11, box, on: 1);
        const int d = 5;
        var w = truth.Layers[0].Weights.ToArray();
        var b = truth.Layers[0].Bias.ToArray();
        var v = truth.Layers[1].Weights.ToArray();
        double c = truth.Layers[1].Bias[0];
        // Turn units 0 and 3 (crossing); unit 6 is on throughout the box and takes their v·z.
        foreach (int j in (int[])[0, 3])
        {
            for (int i = 0; i < d; i++)
            {
                w[6 * d + i] += v[j] / v[6] * w[j * d + i];
                w[j * d + i] = -w[j * d + i];
            }
            b[6] += v[j] / v[6] * b[j];
            b[j] = -b[j];
        }
        // Lifted clear of 0 on the box (its least value there 1), the output bias taking back what that adds.
        double lift = 1 - b[6];
        for (int i = 0; i < d; i++) lift -= Math.Min(0, w[6 * d + i]);
        b[6] += lift;
        c -= lift * v[6];
        var turned = Network.Sequential(d, [(w, b, new ReluActivation()), (v, [c], new IdentityActivation())]);
        var bounds = IntervalBounds.Compute(turned, box);
        Assert.True(bounds.PreActivation(0, 6).Lower > 0, "the carrying unit stays on throughout the box");
        Assert.True(ShallowTruth.MaxRelativeError(truth, turned, SearchSpace.Within(box).Draw(10_000, 1, RandomKey.FromSeed(12).Stream())) < 1e-13);

        var plain = Equivalence.Compare(truth, turned, LinearAlgebraBackends.Default, new EquivalenceOptions { Box = box });
        Assert.NotEqual(EquivalenceVerdict.Equivalent, plain.Verdict);
        var comparison = TruthComparison.Compare(truth, turned, 53, LinearAlgebraBackends.Default, 0, domain: box);
        Assert.Equal(2, comparison.Turned);
        Assert.Equal(EquivalenceVerdict.Equivalent, comparison.Equivalence.Verdict);
        Assert.NotNull(comparison.Equivalence.Map);
        // Without a box nothing is turned, and the networks differ off it.
        Assert.Equal(0, TruthComparison.Compare(truth, turned, 53, LinearAlgebraBackends.Default, 0).Turned);
    }
}

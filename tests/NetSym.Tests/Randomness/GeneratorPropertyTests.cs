using NetSym.Randomness;

namespace NetSym.Tests.Randomness;

/// <summary>Statistical sanity of the generator and the mathematics of its parts.</summary>
public class GeneratorPropertyTests
{
    private const int Draws = 100_000;

    [Fact]
    public void NormalsHaveMeanZeroAndVarianceOne()
    {
        var stream = RandomKey.FromSeed(1).Stream();
        double sum = 0, sumSquares = 0;
        for (int i = 0; i < Draws; i++)
        {
            double z = stream.NextNormal();
            sum += z;
            sumSquares += z * z;
        }
        double mean = sum / Draws, variance = sumSquares / Draws - mean * mean;
        // Five standard errors: 5/√n for the mean, 5·√(2/n) for the variance.
        Assert.InRange(mean, -5 / Math.Sqrt(Draws), 5 / Math.Sqrt(Draws));
        Assert.InRange(variance, 1 - 5 * Math.Sqrt(2.0 / Draws), 1 + 5 * Math.Sqrt(2.0 / Draws));
    }

    [Fact]
    public void NormalTailFrequencyMatchesTheGaussian()
    {
        var stream = RandomKey.FromSeed(2).Stream();
        int beyondTwo = Enumerable.Range(0, Draws).Count(_ => Math.Abs(stream.NextNormal()) > 2);
        // P(|Z| > 2) = 0.0455003; binomial standard deviation √(n·p·(1−p)) ≈ 65.9.
        Assert.InRange(beyondTwo, Draws * 0.0455003 - 5 * 65.9, Draws * 0.0455003 + 5 * 65.9);
    }

    [Fact]
    public void UniformsPassChiSquareOnHundredBins()
    {
        const int bins = 100;
        var counts = new int[bins];
        var stream = RandomKey.FromSeed(3).Stream();
        for (int i = 0; i < Draws; i++) counts[(int)(stream.NextDouble() * bins)]++;
        double expected = (double)Draws / bins;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        // 99 degrees of freedom: the 0.999 quantile is 148.2.
        Assert.True(chiSquare < 148.2, $"χ² = {chiSquare}");
    }

    [Fact]
    public void BoundedIntegersPassChiSquareOnSevenValues()
    {
        var counts = new int[7];
        var stream = RandomKey.FromSeed(4).Stream();
        for (int i = 0; i < Draws; i++) counts[stream.NextInt32(7)]++;
        double expected = Draws / 7.0;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        // 6 degrees of freedom: the 0.999 quantile is 22.46.
        Assert.True(chiSquare < 22.46, $"χ² = {chiSquare}");
    }

    [Fact]
    public void UniformsLieInTheirIntervals()
    {
        var stream = RandomKey.FromSeed(5).Stream();
        for (int i = 0; i < 10_000; i++)
        {
            Assert.InRange(stream.NextDouble(), 0.0, Math.BitDecrement(1.0));
            double open = stream.NextOpenDouble();
            Assert.True(open > 0 && open < 1);
        }
    }

    [Fact]
    public void SplitChildrenDifferFromEachOtherAndFromTheParentStream()
    {
        var root = RandomKey.FromSeed(6);
        var children = Enumerable.Range(0, 1000).Select(i => root.Split(i).Value).ToList();
        var parentWords = Enumerable.Range(0, 1000).Select(_ => 0UL).ToArray();
        var stream = root.Stream();
        for (int i = 0; i < parentWords.Length; i++) parentWords[i] = stream.NextUInt64();
        Assert.Equal(children.Count, children.Distinct().Count());
        Assert.Empty(children.Intersect(parentWords));
        Assert.NotEqual(root.Split("weights"), root.Split("inputs"));
        Assert.NotEqual(root.Split(1).Split(0), root.Split(0).Split(1));
    }

    [Fact]
    public void SplitChildrenStreamsAreUncorrelated()
    {
        var root = RandomKey.FromSeed(8);
        var a = root.Split(0).Stream();
        var b = root.Split(1).Stream();
        double sum = 0;
        for (int i = 0; i < Draws; i++) sum += a.NextNormal() * b.NextNormal();
        // The sample correlation of independent normals has standard error 1/√n.
        Assert.InRange(sum / Draws, -5 / Math.Sqrt(Draws), 5 / Math.Sqrt(Draws));
    }

    [Fact]
    public void StreamIsCounterBased()
    {
        var stream = RandomKey.FromSeed(9).Stream();
        for (int i = 0; i < 5; i++) stream.NextUInt64();
        Assert.Equal(5UL, stream.Counter);
        Assert.Equal(SplitMix64.Word(9, 5), stream.NextUInt64());
    }

    [Fact]
    public void ShuffleIsAPermutationAndUniformOnThreeItems()
    {
        var stream = RandomKey.FromSeed(10).Stream();
        var counts = new Dictionary<string, int>();
        for (int i = 0; i < 60_000; i++)
        {
            int[] items = [0, 1, 2];
            stream.Shuffle<int>(items);
            string key = string.Concat(items);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        Assert.Equal(6, counts.Count);
        double chiSquare = counts.Values.Sum(c => (c - 10_000.0) * (c - 10_000.0) / 10_000.0);
        // 5 degrees of freedom: the 0.999 quantile is 20.52.
        Assert.True(chiSquare < 20.52, $"χ² = {chiSquare}");
    }

    [Fact]
    public void PortableMathAgreesWithTheLogarithm()
    {
        var stream = RandomKey.FromSeed(11).Stream();
        for (int i = 0; i < 100_000; i++)
        {
            double x = stream.NextOpenDouble() * Math.Pow(2, stream.NextInt32(200) - 100);
            double reference = Math.Log(x);
            double ulp = Math.BitIncrement(Math.Abs(reference)) - Math.Abs(reference);
            Assert.True(Math.Abs(PortableMath.Log(x) - reference) <= 4 * ulp,
                $"ln {x:R}: {PortableMath.Log(x):R} against {reference:R}");
        }
        Assert.Equal(0.0, PortableMath.Log(1.0));
        Assert.Equal(-Math.Log(2), PortableMath.Log(0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Log(0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Log(-1.0));
    }

    [Fact]
    public void PortableExpAgreesWithTheExponential()
    {
        var stream = RandomKey.FromSeed(12).Stream();
        for (int i = 0; i < 100_000; i++)
        {
            double x = (2 * stream.NextDouble() - 1) * (i % 2 == 0 ? 3 : 700);
            double reference = Math.Exp(x);
            double ulp = Math.BitIncrement(reference) - reference;
            Assert.True(Math.Abs(PortableMath.Exp(x) - reference) <= 4 * ulp, $"e^{x:R}: {PortableMath.Exp(x):R} against {reference:R}");
        }
        Assert.Equal(1.0, PortableMath.Exp(0.0));
        Assert.Equal(Math.E, PortableMath.Exp(1.0), 1e-15);
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Exp(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Exp(701));
    }

    [Fact]
    public void PortableExpGoldenValues()
    {
        // Bits computed from the specification (docs/randomness.md) by an independent Python implementation.
        Assert.Equal(2.7182818284590455, PortableMath.Exp(1.0));
        Assert.Equal(0.1353352832366127, PortableMath.Exp(-2.0));
        Assert.Equal(1.6487212707001282, PortableMath.Exp(0.5));
    }
}

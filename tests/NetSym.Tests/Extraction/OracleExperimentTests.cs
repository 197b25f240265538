using NetSym.Extraction;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Extraction;

/// <summary>The robustness options do what they say: float32 outputs, seeded Gaussian noise, a box domain.</summary>
public class OracleExperimentTests
{
    private static readonly QueryLabel Label = new(ExtractionStage.Sweep, 1);

    [Fact]
    public void Float32OutputsAreTheExactOutputsRoundedToNearestFloat32()
    {
        var network = OracleTestData.Relu("6-10-3", 11);
        var oracle = CountingOracle.Create(new NetworkOracle(network), "test", new OracleOptions { Float32Outputs = true });
        var x = RandomNetworks.GaussianInputs(200, 6, RandomKey.FromSeed(11));
        var exact = Forward.Evaluate(network, x, LinearAlgebraBackends.Default);
        var y = oracle.Query(Label, x);
        Assert.Equal(exact.Data.Select(v => (double)(float)v), y.Data);
        // The rounding is not vacuous: most exact outputs are not float32 values.
        Assert.True(exact.Data.Count(v => v != (float)v) > exact.Data.Length / 2);
    }

    [Fact]
    public void NoiseIsSigmaTimesTheKeysNormalDrawsInRowMajorOrder()
    {
        var network = OracleTestData.Relu("4-7-2", 12);
        var key = RandomKey.FromSeed(99);
        const double sigma = 0.125;
        var oracle = CountingOracle.Create(new NetworkOracle(network), "test", new OracleOptions { NoiseSigma = sigma, NoiseKey = key });
        var draws = key.Stream();
        for (int q = 0; q < 5; q++)
        {
            var x = RandomNetworks.GaussianInputs(1 + q, 4, RandomKey.FromSeed(12).Split(q));
            var exact = Forward.Evaluate(network, x, LinearAlgebraBackends.Default);
            Assert.Equal(exact.Data.Select(v => v + sigma * draws.NextNormal()), oracle.Query(Label, x).Data);
        }
    }

    [Fact]
    public void NoiseHasMeanZeroAndStandardDeviationSigma()
    {
        var network = OracleTestData.Relu("3-5-2", 13);
        const double sigma = 0.3;
        var oracle = CountingOracle.Create(new NetworkOracle(network), "test", new OracleOptions { NoiseSigma = sigma, NoiseKey = RandomKey.FromSeed(5) });
        var x = RandomNetworks.GaussianInputs(5000, 3, RandomKey.FromSeed(13));
        var exact = Forward.Evaluate(network, x, LinearAlgebraBackends.Default);
        var y = oracle.Query(Label, x);
        double[] e = [.. y.Data.Zip(exact.Data, (a, b) => a - b)];
        int n = e.Length;
        double mean = e.Average(), variance = e.Sum(v => v * v) / n;
        // Five standard errors: the mean's is σ/√n, the variance's σ²·√(2/n).
        Assert.True(Math.Abs(mean) < 5 * sigma / Math.Sqrt(n), $"mean {mean}");
        Assert.True(Math.Abs(variance - sigma * sigma) < 5 * sigma * sigma * Math.Sqrt(2.0 / n), $"variance {variance}");
    }

    [Fact]
    public void NoiseIsReproducibleBySeedAndFreshForEveryQuery()
    {
        var network = OracleTestData.Relu("4-6-1", 14);
        var x = RandomNetworks.GaussianInputs(20, 4, RandomKey.FromSeed(14));
        Matrix[] Run(long seed)
        {
            var oracle = CountingOracle.Create(new NetworkOracle(network), "test", new OracleOptions { NoiseSigma = 0.01, NoiseKey = RandomKey.FromSeed(seed) });
            return [oracle.Query(Label, x), oracle.Query(Label, x)];
        }
        var a = Run(7);
        var b = Run(7);
        var c = Run(8);
        Assert.Equal(a[0].Data, b[0].Data);
        Assert.Equal(a[1].Data, b[1].Data);
        Assert.NotEqual(a[0].Data, a[1].Data);
        Assert.NotEqual(a[0].Data, c[0].Data);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ANoiseLevelThatIsNotAFiniteNonNegativeNumberIsRefused(double sigma) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            CountingOracle.Create(new NetworkOracle(OracleTestData.Relu("2-3-1", 1)), "test", new OracleOptions { NoiseSigma = sigma }));

    [Fact]
    public void TheDomainIsExposedAndPointsInsideItAreAnswered()
    {
        var network = OracleTestData.Relu("5-6-2", 15);
        var box = Box.Uniform(5, 0, 1);
        var oracle = CountingOracle.Create(new NetworkOracle(network), "test", new OracleOptions { Domain = box });
        Assert.Equal(box, oracle.Domain);
        var x = RandomNetworks.Inputs(30, 5, RandomKey.FromSeed(15), (random, _) => random.NextDouble());
        x[0, 0] = 0; x[0, 4] = 1; // the box is closed
        Assert.Equal(Forward.Evaluate(network, x, LinearAlgebraBackends.Default).Data, oracle.Query(Label, x).Data);
        Assert.Null(CountingOracle.Create(new NetworkOracle(network), "test", new OracleOptions()).Domain);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-1e-300)]
    public void AQueryLeavingTheDomainIsRefusedWholeBeforeAnythingIsCounted(double outside)
    {
        var inner = new NetworkOracle(OracleTestData.Relu("5-6-2", 16));
        var oracle = CountingOracle.Create(inner, "test", new OracleOptions { Domain = Box.Uniform(5, 0, 1) });
        var x = new Matrix(10, 5);
        x[7, 3] = outside;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => oracle.Query(Label, x));
        Assert.Contains("row 7", e.Message);
        Assert.Contains("coordinate 3", e.Message);
        Assert.Equal(0, inner.RowsEvaluated);
        Assert.Equal(0, oracle.Ledger.Total);
    }

    [Fact]
    public void ADomainOfAnotherDimensionIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            CountingOracle.Create(new NetworkOracle(OracleTestData.Relu("5-6-2", 1)), "test", new OracleOptions { Domain = Box.Uniform(4, 0, 1) }));
        Assert.Contains("4 coordinates", e.Message);
    }
}

using NetSym.Extraction;
using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Tests.Extraction;

/// <summary>The refinement's weighted least-squares fit of a surface through located kinks.</summary>
public class SurfaceRefinerTests
{
    /// <summary>A refiner whose probe is never asked: only its fit is tested.</summary>
    private static SurfaceRefiner Refiner() =>
        new(new KinkProbe(CountingOracle.Create(new DelegateOracle(1, 1, x => new Matrix(x.Rows, 1)), "unused", new OracleOptions()),
            new Scalarizer([1.0]), new QueryLabel(ExtractionStage.Refinement, 1)), 1, 4);

    /// <summary>
    /// Kinks on a hyperplane in 100 dimensions, located to 1e−14, barely more of them than the dimension
    /// (as at layer 1 of a 784-input network, where each point's leverage is near 0.9), and among them one
    /// or two wrong ones, 1e−7 off (a segment whose second kink the probe did not see): the wrong ones
    /// are left out, and the fit is as precise as the right kinks allow.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AWrongKinkIsLeftOutOfTheFit(int wrong)
    {
        const int d = 100, count = 120;
        var random = RandomKey.FromSeed(7).Split("surface fit").Stream();
        var normal = Unit([.. Enumerable.Range(0, d).Select(_ => random.NextNormal())]);
        double bias = 0.3;
        var points = new List<SurfaceRefiner.FitPoint>();
        for (int p = 0; p < count; p++)
        {
            var x = Enumerable.Range(0, d).Select(_ => random.NextNormal()).ToArray();
            // Onto the plane, then off it by the kink's rounding, or by far more for a wrong kink.
            double off = Dot(normal, x) + bias - (p < wrong ? 1e-7 : 1e-14 * random.NextNormal());
            for (int i = 0; i < d; i++) x[i] -= off * normal[i];
            points.Add(new SurfaceRefiner.FitPoint(x, 1));
        }
        var estimate = new Hyperplane(Unit([.. normal.Select(v => v + 1e-6 * random.NextNormal())]), bias);

        var fit = Refiner().Fit(points, estimate);

        Assert.NotNull(fit);
        double error = Math.Sqrt(normal.Select((v, i) => (fit.Normal[i] - v) * (fit.Normal[i] - v)).Sum() + (fit.Bias - bias) * (fit.Bias - bias));
        Assert.True(error < 1e-12, $"surface off by {error:G3}");
    }

    private static double Dot(double[] a, double[] b) => a.Select((v, i) => v * b[i]).Sum();

    private static double[] Unit(double[] v)
    {
        double norm = Math.Sqrt(Dot(v, v));
        return [.. v.Select(x => x / norm)];
    }
}

using NetSym.Extraction;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Extraction;

/// <summary>The refinement's weighted least-squares fit of a surface through located kinks.</summary>
public class SurfaceRefinerTests
{
    /// <summary>A refiner whose probe is never asked: only its fit is tested.</summary>
    private static SurfaceRefiner Refiner() =>
        new(new KinkProbe(CountingOracle.Create(new DelegateOracle(1, 1, x => new Matrix(x.Rows, 1)), "unused", new OracleOptions()),
            new Scalarizer([1.0]), new QueryLabel(ExtractionStage.Refinement, 1)), SearchSpace.Unbounded(1, 1), 4);

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

    /// <summary>
    /// A second-layer unit z = 0.05 − Σ ReLU(n_j·x − 0.1) + c·ReLU(−x₁ − 0.5), c &lt; 0, over
    /// <see cref="Triangle"/>: its surface is a closed curve round a small triangle, crossing the three units,
    /// and it lies where the fourth unit J is off (x₁ ≥ −0.25), though J is on at a third of Gaussian inputs.
    /// Every kink has J's feature zero, so the kinks fit z, z plus any multiple of J's feature, and J's
    /// feature alone exactly; a least-squares fit returns the last, z = ReLU(−x₁ − 0.5), which J's own kink
    /// then confirms (nn.Linear-initialised 40-20-10-10-1 had kept three such "units" in layer 3). The
    /// output's offset of 10⁴ has the kinks located to about 1e−12, as in a deep network, not to rounding
    /// (then the true surface too fits exactly, and the fit's rank test refuses). The refiner returns the
    /// surface with J's coefficient zero and names J free, for the sign solve of the layer below to set.
    /// </summary>
    [Theory]
    [InlineData(-0.5, 1)]
    [InlineData(-2.0, 2)]
    public void ASurfaceOnOneSideOfAKnownUnitLeavesItsCoefficientFree(double c, long seed)
    {
        var truth = new Network(2, [
            new Layer(2, 4, [.. Triangle.SelectMany(p => p.Normal)], [.. Triangle.Select(p => p.Bias)], new ReluActivation(), [0]),
            new Layer(4, 1, [-1, -1, -1, c], [0.05], new ReluActivation(), [1]),
            new Layer(1, 1, [1], [1e4], new IdentityActivation(), [2]),
        ]);
        var prefix = new NetworkPrefix(2, [Triangle]);
        var unit = Hyperplane.Scaled([-1, -1, -1, c, 0, 0], 0.05);
        var label = new QueryLabel(ExtractionStage.Refinement, 2);
        var oracle = CountingOracle.Create(new NetworkOracle(truth), "truth", new OracleOptions());
        var refiner = new SurfaceRefiner(new KinkProbe(oracle, new Scalarizer([1.0]), label), SearchSpace.Unbounded(oracle.InputSize, 1), 4);

        var check = refiner.Refine(prefix, [], unit, RandomKey.FromSeed(seed).Split("one-sided").Stream());

        Assert.NotNull(check.Refined);
        Assert.Equal([new FreeFeature(3, On: false)], check.Free);
        double[] expected = [-1, -1, -1, 0, 0, 0, 0.05], found = [.. check.Refined.Normal, check.Refined.Bias];
        double cosine = Dot(expected, found) / Math.Sqrt(Dot(expected, expected) * Dot(found, found));
        Assert.True(1 - cosine < 1e-9, $"1 − cos = {1 - cosine:G3}");
    }

    /// <summary>
    /// A first-layer unit whose estimate lies 3e−4 of the scale beside its surface (a normal measured at a
    /// kink with another one near, as at nn.Linear-initialised 40-20-10-10-1, seed 3): no kink lies within
    /// the loose tolerance of the prediction (1e−3 of a half-segment of at most a quarter of the scale), but
    /// each lies 3e−4 beside it, on one plane. Those kinks give the estimate again, and the unit is
    /// refined to rounding.
    /// </summary>
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 3)]
    [InlineData(3, 7)]
    public void AnEstimateBesideItsSurfaceIsFittedAgainFromItsKinks(long seed, int unit)
    {
        var truth = DeepTruth.Create("12-10-1", seed);
        var first = truth.Layers[0];
        var units = Enumerable.Range(0, first.OutputSize).Select(j => new Hyperplane(first.Weights.Slice(j * 12, 12).ToArray(), first.Bias[j])).ToList();
        var random = RandomKey.FromSeed(seed).Split("beside").Stream();
        var normal = units[unit].Normal;
        double norm = Math.Sqrt(Dot(normal, normal));
        var estimate = new Hyperplane([.. normal.Select(v => v + 1e-6 * norm * random.NextNormal())], units[unit].Bias + 3e-4 * norm);
        var oracle = CountingOracle.Create(new NetworkOracle(truth), "truth", new OracleOptions());
        var refiner = new SurfaceRefiner(new KinkProbe(oracle, new Scalarizer([1.0]), new QueryLabel(ExtractionStage.Refinement, 1)), SearchSpace.Unbounded(oracle.InputSize, 1), 4);

        var check = refiner.Refine(new NetworkPrefix(12, []), [.. units.Where((_, j) => j != unit)], estimate, random);

        Assert.NotNull(check.Refined);
        double[] expected = [.. normal, units[unit].Bias], found = [.. check.Refined.Normal, check.Refined.Bias];
        double cosine = Dot(expected, found) / Math.Sqrt(Dot(expected, expected) * Dot(found, found));
        Assert.True(1 - cosine < 1e-12, $"1 − cos = {1 - cosine:G3}");
    }

    /// <summary>Three first-layer units n_j·x − 0.1 with normals at 120° round a small triangle, and J = −x₁ − 0.5, off near it.</summary>
    private static readonly Hyperplane[] Triangle =
    [
        new([1, 0], -0.1), new([-0.5, Math.Sqrt(3) / 2], -0.1), new([-0.5, -Math.Sqrt(3) / 2], -0.1), new([-1, 0], -0.5),
    ];

    /// <summary>
    /// On the piece x₁ = 0.15 of the surface 0.05 − Σ ReLU(n_j·x − 0.1) = 0 above (only the first unit on):
    /// that surface has a gradient there, while J's ReLU (off there) and the first unit's ReLU minus its
    /// pre-activation (on there), which fit the same kinks exactly, vanish on the whole region.
    /// </summary>
    [Fact]
    public void AFitThatVanishesOnTheRegionOfItsKinksIsNoSurface()
    {
        var prefix = new NetworkPrefix(2, [Triangle]);
        double[][] kinks = [.. Enumerable.Range(-3, 7).Select(k => new[] { 0.15, 0.05 * k })];

        Assert.True(SurfaceRefiner.IsSurface(prefix, Hyperplane.Scaled([-1, -1, -1, -0.5, 0, 0], 0.05), kinks));
        Assert.False(SurfaceRefiner.IsSurface(prefix, new Hyperplane([0, 0, 0, 1, 0, 0], 0), kinks));
        Assert.False(SurfaceRefiner.IsSurface(prefix, Hyperplane.Scaled([1, 0, 0, 0, -1, 0], 0.1), kinks));
    }

    private static double Dot(double[] a, double[] b) => a.Select((v, i) => v * b[i]).Sum();

    private static double[] Unit(double[] v)
    {
        double norm = Math.Sqrt(Dot(v, v));
        return [.. v.Select(x => x / norm)];
    }
}

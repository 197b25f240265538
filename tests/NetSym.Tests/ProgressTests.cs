using NetSym.Dimension;
using NetSym.Identifiability;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;

namespace NetSym.Tests;

/// <summary>The long-running analyses report progress that never goes back and ends at its total.</summary>
public class ProgressTests
{
    /// <summary>Keeps every report, synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class Recorder : IProgress<ProgressReport>
    {
        public List<ProgressReport> Reports { get; } = [];

        public void Report(ProgressReport value) => Reports.Add(value);
    }

    private static void AssertMonotoneToTotal(List<ProgressReport> reports)
    {
        Assert.True(reports.Count >= 2, $"only {reports.Count} report(s)");
        int total = reports[0].Total;
        Assert.True(total > 0);
        for (int i = 0; i < reports.Count; i++)
        {
            Assert.Equal(total, reports[i].Total);
            Assert.InRange(reports[i].Done, 0, total);
            Assert.False(string.IsNullOrWhiteSpace(reports[i].Stage));
            Assert.InRange(reports[i].StageFraction, 0, 1);
            if (i > 0) Assert.True(reports[i].Done >= reports[i - 1].Done && reports[i].Fraction >= reports[i - 1].Fraction,
                $"report {i} went back: {reports[i - 1]} then {reports[i]}");
        }
        Assert.Equal(0, reports[0].Done);
        Assert.Equal(total, reports[^1].Done);
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.Single(reports, r => r.Done == total);
    }

    [Theory]
    [InlineData(RankMethod.Exact, 1)]
    [InlineData(RankMethod.Exact, 3)]
    [InlineData(RankMethod.Float, 1)]
    public void Functional_dimension_reports_each_stage(RankMethod method, int primes)
    {
        var network = TestNetworks.Dense("3-6-4-2", new ReluActivation(), 5);
        var recorder = new Recorder();
        var x = TestNetworks.GaussianInputs(40, 3, 7);
        var options = new FunctionalDimensionOptions { Method = method, Primes = primes };
        var result = FunctionalDimension.Compute(network, x, LinearAlgebraBackends.Default, options, recorder);
        AssertMonotoneToTotal(recorder.Reports);
        Assert.Equal(FunctionalDimension.Compute(network, x, LinearAlgebraBackends.Default, options).Rank, result.Rank);
        if (method == RankMethod.Float) Assert.Contains(recorder.Reports, r => r.Stage.StartsWith("singular values"));
        else Assert.Contains(recorder.Reports, r => r.StageFraction > 0); // the elimination reports its panels
    }

    [Fact]
    public void A_large_elimination_reports_its_panels_in_order()
    {
        // 600 columns: three panels of 256, so three reports within the stage.
        var field = PrimeField.Draws(1).First();
        var random = RandomNetworks.GaussianInputs(300, 600, RandomKey.FromSeed(4));
        var residues = random.Data.Select(v => (double)(((long)Math.Floor(v * 1000) % field.P + field.P) % field.P)).ToArray();
        var fractions = new List<double>();
        var rank = ModularRank.ComputeInPlace(field, residues, 300, 600, LinearAlgebraBackends.Default, fractions.Add);
        Assert.Equal(300, rank.Rank);
        Assert.True(fractions.Count >= 2, $"{fractions.Count} report(s)");
        Assert.Equal(fractions.Order(), fractions);
        Assert.All(fractions, f => Assert.InRange(f, 0, 1));
    }

    [Theory]
    [InlineData("3-5-4-2", RankMethod.Exact, 3)]
    [InlineData("3-5-4-2", RankMethod.Float, 1)]
    [InlineData("2-4-4-4-1", RankMethod.Exact, 1)]
    public void Growth_reports_each_batch_and_ends_at_its_total_even_when_it_stops_early(string architecture, RankMethod method, int primes)
    {
        var network = TestNetworks.Dense(architecture, new ReluActivation(), 3);
        var recorder = new Recorder();
        var grown = FunctionalDimension.Grow(network, n => InputSampler.Gaussian(network.InputSize).Draw(n, 3), new GrowthOptions(4, 4096),
            LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Method = method, Primes = primes }, recorder);
        AssertMonotoneToTotal(recorder.Reports);
        Assert.True(grown.Curve.Count < 11, "the batches stopped before 4096 points, so stages were skipped");
        Assert.Equal(grown.Curve.Count, recorder.Reports.Count(r => r.Stage.StartsWith("rank on") && r.StageFraction == 0 && r.Done < grown.Curve.Count));
    }

    [Fact]
    public void Identifiability_reports_its_four_stages()
    {
        var network = TestNetworks.Dense("2-4-1", new ReluActivation(), 2);
        var recorder = new Recorder();
        LocalIdentifiability.Check(network, TestNetworks.GaussianInputs(200, 2, 3), LinearAlgebraBackends.Default, null, recorder);
        AssertMonotoneToTotal(recorder.Reports);
        Assert.Equal(4, recorder.Reports[0].Total);
    }

    [Fact]
    public void Orbit_sampling_reports_each_member()
    {
        var network = TestNetworks.Dense("3-6-4-2", new ReluActivation(), 5);
        var recorder = new Recorder();
        OrbitSampler.Sample(network, 5, RandomKey.FromSeed(1), LinearAlgebraBackends.Default, progress: recorder);
        AssertMonotoneToTotal(recorder.Reports);
        Assert.Equal(6, recorder.Reports.Count);
    }
}

using NetSym.Canonical;
using NetSym.Dimension;
using NetSym.Embedding;
using NetSym.Identifiability;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Reduction;
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

    /// <summary>
    /// A 2-3-2-1 ReLU chain that takes three passes: pass 1 removes layer 1's neuron 1 (its only
    /// outgoing weight is 0), which leaves layer 0's neuron 2 without a reader, removed in pass 2;
    /// pass 3 finds the fixed point, beyond the two passes the stages count.
    /// </summary>
    private static Network ThreePassChain() => new(2,
    [
        new Layer(2, 3, [1.0, 2.0, -1.0, 0.5, 0.7, -0.3], [0.1, 0.2, 0.3], new ReluActivation(), [0]),
        new Layer(3, 2, [1.0, -2.0, 0.0, 0.5, 0.4, 1.5], [0.1, -0.2], new ReluActivation(), [1]),
        new Layer(2, 1, [2.0, 0.0], [0.3], new IdentityActivation(), [2]),
    ]);

    [Fact]
    public void Reduction_reports_each_layer_of_its_passes_and_renames_the_last_for_further_passes()
    {
        var network = ThreePassChain();
        var recorder = new Recorder();
        var reduced = Reducer.Reduce(network, progress: recorder);
        AssertMonotoneToTotal(recorder.Reports);
        Assert.Equal(4, recorder.Reports[0].Total); // two hidden layers, two passes counted
        Assert.Contains(recorder.Reports, r => r.Stage.StartsWith("pass 3") && r.Done == 3);
        Assert.Contains(recorder.Reports, r => r.StageFraction > 0); // the twin search's share of pairs
        Assert.Equal([(1, 1), (0, 2)], reduced.Steps.Select(s => (s.Layer, s.Neuron)));
        var plain = Reducer.Reduce(network);
        Assert.Equal(plain.Steps, reduced.Steps);
        Assert.Equal(plain.Network.GetParameters(), reduced.Network.GetParameters());
    }

    [Fact]
    public void Reduction_on_a_box_reports_and_reduces_as_without_a_sink()
    {
        var network = TestNetworks.Dense("3-6-4-2", new ReluActivation(), 5);
        var box = Box.Uniform(3, 2, 3);
        var recorder = new Recorder();
        var reduced = Reducer.Reduce(network, box, 0, recorder);
        AssertMonotoneToTotal(recorder.Reports);
        var plain = Reducer.Reduce(network, box);
        Assert.Equal(plain.Steps, reduced.Steps);
        Assert.Equal(plain.Network.GetParameters(), reduced.Network.GetParameters());
    }

    [Fact]
    public void Canonicalisation_reports_each_layer_and_gives_the_same_form()
    {
        var network = TestNetworks.Dense("3-6-4-2", new TanhActivation(), 5);
        var recorder = new Recorder();
        var form = Canonicalizer.Canonicalize(network, recorder);
        AssertMonotoneToTotal(recorder.Reports);
        Assert.Equal(network.Layers.Count + 1, recorder.Reports.Count);
        Assert.Equal(Canonicalizer.Canonicalize(network).Network.GetParameters(), form.Network.GetParameters());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Alignment_reports_its_normalisations_layers_and_sweeps_and_aligns_as_without_a_sink(bool refine)
    {
        var a = TestNetworks.Dense("3-6-5-2", new ReluActivation(), 5);
        var b = TestNetworks.Dense("3-6-5-2", new ReluActivation(), 6); // unrelated: the refinement runs
        var options = new AlignmentOptions { Refine = refine };
        var recorder = new Recorder();
        var aligned = Aligner.Align(a, b, LinearAlgebraBackends.Default, options, recorder);
        AssertMonotoneToTotal(recorder.Reports);
        Assert.Equal(2 + 2 + (refine ? options.MaxSweeps : 0), recorder.Reports[0].Total);
        Assert.Equal(refine, recorder.Reports.Any(r => r.Stage.StartsWith("weight matching")));
        if (refine) Assert.Contains(recorder.Reports, r => r.StageFraction > 0); // a sweep's second layer
        var plain = Aligner.Align(a, b, LinearAlgebraBackends.Default, options);
        Assert.Equal(plain.DistanceAfter, aligned.DistanceAfter);
        Assert.Equal(plain.Sweeps, aligned.Sweeps);
        Assert.Equal(plain.Aligned.GetParameters(), aligned.Aligned.GetParameters());
    }

    [Theory]
    [InlineData("2-3-1")]     // fewer than 100 paths: a batch each
    [InlineData("4-6-5-3-2")] // hundreds: a hundred batches
    public void The_path_lifting_reports_batches_of_paths_and_lifts_as_without_a_sink(string architecture)
    {
        var network = TestNetworks.Dense(architecture, new ReluActivation(), 5);
        int entries = (int)PathCount.Of(network).Total;
        var phiReports = new Recorder();
        var phi = PathLifting.Compute(network, progress: phiReports);
        AssertMonotoneToTotal(phiReports.Reports);
        Assert.Equal(Math.Min(entries, 100), phiReports.Reports[0].Total);
        Assert.Equal(phiReports.Reports[0].Total + 1, phiReports.Reports.Count);
        Assert.Equal(PathLifting.Compute(network), phi);
        var pathReports = new Recorder();
        var paths = PathLifting.Paths(network, progress: pathReports);
        AssertMonotoneToTotal(pathReports.Reports);
        Assert.Equal(PathLifting.Paths(network).Select(p => p.ToString()), paths.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData(".json")]
    [InlineData(".onnx")]
    public void Model_files_report_each_layer_written_and_each_mebibyte_read_and_hold_the_same_bytes(string extension)
    {
        // About 90,000 weights: several MiB of JSON, one of ONNX's float32s.
        var network = TestNetworks.Dense("300-200-150-1", new ReluActivation(), 5);
        string directory = Directory.CreateTempSubdirectory("netsym-progress-").FullName;
        try
        {
            string tracked = Path.Combine(directory, "tracked" + extension), plain = Path.Combine(directory, "plain" + extension);
            var writing = new Recorder();
            ModelFiles.Write(network, tracked, writing);
            ModelFiles.Write(network, plain);
            AssertMonotoneToTotal(writing.Reports);
            Assert.Equal(network.Layers.Count + (extension == ".onnx" ? 1 : 0), writing.Reports[0].Total);
            Assert.Equal(File.ReadAllBytes(plain), File.ReadAllBytes(tracked));

            var reading = new Recorder();
            var read = ModelFiles.Read(tracked, progress: reading);
            AssertMonotoneToTotal(reading.Reports);
            long mebibytes = (new FileInfo(tracked).Length + (1 << 20) - 1) >> 20;
            Assert.True(mebibytes >= (extension == ".json" ? 2 : 1), $"{mebibytes} MiB");
            Assert.Equal(2, reading.Reports[0].Total); // the reading, then the parsing
            // The stage's begin, then one report before each MiB, the first at 0.
            Assert.Equal(1 + mebibytes, reading.Reports.Count(r => r.Stage.StartsWith("reading") && r.Done == 0));
            if (extension == ".json") Assert.Contains(reading.Reports, r => r.Stage.StartsWith("parsing") && r.StageFraction > 0.5);
            Assert.Equal(ModelFiles.Read(plain).GetParameters(), read.GetParameters());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_random_network_reports_each_layer_and_draws_the_same_parameters()
    {
        var architecture = Architecture.Parse("5-7-6-2");
        var recorder = new Recorder();
        var network = RandomNetworks.Create(architecture, new ReluActivation(), Initialization.HeBias, RandomKey.FromSeed(3), recorder);
        AssertMonotoneToTotal(recorder.Reports);
        Assert.Equal(4, recorder.Reports.Count); // three layers, then done
        Assert.Equal(RandomNetworks.Create(architecture, new ReluActivation(), Initialization.HeBias, RandomKey.FromSeed(3)).GetParameters(), network.GetParameters());
    }

    [Fact]
    public void Equivalence_reports_its_stages_and_decides_as_without_a_sink()
    {
        // The identity written two ways: reduction, the search and the region comparison all run.
        var a = Network.Sequential(1, [([1.0, -1.0], [0.0, 0.0], new ReluActivation()), ([1.0, -1.0], [0.0], new IdentityActivation())]);
        var b = Network.Sequential(1, [([1.0, -1.0], [1.0, -1.0], new ReluActivation()), ([1.0, -1.0], [-1.0], new IdentityActivation())]);
        var recorder = new Recorder();
        var options = new EquivalenceOptions { WitnessBudget = 500 };
        var result = Equivalence.Compare(a, b, LinearAlgebraBackends.Default, options, recorder);
        AssertMonotoneToTotal(recorder.Reports);
        Assert.Contains(recorder.Reports, r => r.Stage == "comparing linear regions");
        var quiet = Equivalence.Compare(a, b, LinearAlgebraBackends.Default, options);
        Assert.Equal(quiet.Verdict, result.Verdict);
        Assert.Equal(quiet.Search!.LargestDifference, result.Search!.LargestDifference);
    }
}

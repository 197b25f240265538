using System.Globalization;
using NetSym.Cli.Plots;
using NetSym.Dimension;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Tests.Dimension;
using ScottPlot.Plottables;
using SkiaSharp;

namespace NetSym.Tests.Cli;

public sealed class FunctionalDimensionPlotTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static void AssertPng(string path)
    {
        Assert.Equal(PngSignature, File.ReadAllBytes(path)[..PngSignature.Length]);
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(PlotImage.Width, bitmap.Width);
        Assert.Equal(PlotImage.Height, bitmap.Height);
    }

    private static List<(int Points, int Rank)> JsonCurve(System.Text.Json.JsonElement json) =>
        [.. json.GetProperty("growth").EnumerateArray().Select(s => (s.GetProperty("points").GetInt32(), s.GetProperty("rank").GetInt32()))];

    [Fact]
    public void The_growth_figure_plots_the_steps_that_fdim_grow_prints()
    {
        var network = PlantedNetworks.Generic(16);
        string model = _cli.WriteModel(network);
        string png = _cli.PathOf("growth.png");
        var json = CliHarness.Run("fdim", model, "--grow", "--dist", "gaussian", "--points", "4", "--max-points", "512", "--patience", "2",
            "--seed", "7", "--plot", png, "--json").Json();
        Assert.Equal(png, json.GetProperty("plots").GetString());
        AssertPng(png);
        Assert.False(File.Exists(FunctionalDimensionPlots.SpectrumPath(png)), "an exact rank has no spectrum");

        // The same growth in the library, turned into the figure's data, is the curve the command printed.
        var growth = FunctionalDimension.Grow(network, n => InputSampler.Gaussian(3).Draw(n, 7), new GrowthOptions(4, 512, 2),
            LinearAlgebraBackends.Default, new FunctionalDimensionOptions { Seed = 7 });
        var data = GrowthPlotData.Of(growth, "gaussian", 7);
        var printed = JsonCurve(json);
        Assert.True(printed.Count >= 3, "the curve has several steps");
        Assert.Equal(printed, data.Steps.Select(s => (s.Points, s.Rank)));
        Assert.Equal(json.GetProperty("bound").GetInt32(), data.Bound);
        Assert.Equal(json.GetProperty("params").GetInt32(), data.Parameters);
        Assert.True(data.Grown);
        Assert.Contains(growth.Final.Primes[0].ToString(CultureInfo.InvariantCulture), data.Rank);

        // What the figure draws: log₂ of the points against the ranks, and the bound as a line.
        using var plot = GrowthPlot.Create(data);
        var curve = Assert.Single(plot.GetPlottables().OfType<Scatter>());
        Assert.Equal(printed.Select(s => (Math.Log2(s.Points), (double)s.Rank)), curve.Data.GetScatterPoints().Select(c => (c.X, c.Y)));
        Assert.Equal(data.Bound, Assert.Single(plot.GetPlottables().OfType<HorizontalLine>()).Y);
    }

    [Fact]
    public void Without_grow_the_figure_is_the_one_batch_and_a_float_rank_adds_the_spectrum()
    {
        string model = _cli.WriteModel(CliHarness.SampleNetwork());
        string png = _cli.PathOf("one.png");
        var json = CliHarness.Run("fdim", model, "--float", "--points", "30", "--seed", "3", "--plot", png, "--json").Json();
        string spectrum = _cli.PathOf("one-spectrum.png");
        Assert.Equal($"{png}, {spectrum}", json.GetProperty("plots").GetString());
        AssertPng(png);
        AssertPng(spectrum);
        Assert.DoesNotContain(_cli.Files(), f => f.EndsWith(".tmp", StringComparison.Ordinal));

        var result = FunctionalDimension.Compute(CliHarness.SampleNetwork(), InputSampler.Gaussian(3).Draw(30, 3), LinearAlgebraBackends.Default,
            new FunctionalDimensionOptions { Method = RankMethod.Float, Seed = 3 });
        Assert.Equal(json.GetProperty("rank").GetInt32(), result.Rank);
        var data = GrowthPlotData.Of(result, "gaussian", 3);
        Assert.False(data.Grown);
        Assert.Equal((30, result.Rank), Assert.Single(data.Steps.Select(s => (s.Points, s.Rank))));
        Assert.Contains("float64", data.Rank);
        Assert.Contains(result.Tolerance!.Value.ToString("G3", CultureInfo.InvariantCulture), data.Rank);
    }

    [Fact]
    public void The_spectrum_draws_the_singular_values_split_at_the_tolerance_with_zeros_at_a_floor()
    {
        var network = TestNetworks.Dense("2-3-1", new TanhActivation(), 1);
        var real = FunctionalDimension.Compute(network, TestNetworks.GaussianInputs(20, 2, 4), LinearAlgebraBackends.Default,
            new FunctionalDimensionOptions { Method = RankMethod.Float });
        // A planted spectrum: three values above 1e-8, one below, two exactly zero.
        var planted = real with { SingularValues = [5, 0.5, 1e-3, 1e-12, 0, 0], Tolerance = 1e-8, Rank = 3 };
        using var plot = SpectrumPlot.Create(planted, "x ~ N(0, I)", 4);
        var series = plot.GetPlottables().OfType<Scatter>().Select(s => s.Data.GetScatterPoints()).ToList();
        Assert.Equal(3, series.Count);
        Assert.Equal([(1.0, Math.Log10(5)), (2.0, Math.Log10(0.5)), (3.0, -3.0)], series[0].Select(c => (c.X, c.Y)));
        Assert.Equal([(4.0, -12.0)], series[1].Select(c => (c.X, c.Y)));
        // One decade below the smallest positive value: 1e-12 → drawn at 1e-13.
        Assert.Equal([(5.0, -13.0), (6.0, -13.0)], series[2].Select(c => (c.X, c.Y)));
        Assert.Equal(-8, Assert.Single(plot.GetPlottables().OfType<HorizontalLine>()).Y, 12);
        Assert.Equal(planted.Bound + 0.5, Assert.Single(plot.GetPlottables().OfType<VerticalLine>()).X);
        string title = plot.Axes.Title.Label.Text;
        Assert.Contains("tolerance 1E-08", title);
        Assert.Contains("x ~ N(0, I)", title);
        Assert.Contains("seed 4", title);
        Assert.Throws<ArgumentException>(() => SpectrumPlot.Create(real with { SingularValues = null, Tolerance = null }, "", 0));
    }

    [Fact]
    public void A_further_series_goes_on_the_right_axis_beside_the_rank()
    {
        var steps = new List<GrowthStep> { new(8, 8, 8), new(16, 16, 12), new(32, 32, 13) };
        var data = new GrowthPlotData(steps, 13, 20, true, "exact", null, "x ~ N(0, I)", 1)
        {
            Extra = [new GrowthPlotSeries("neurons whose kinks were reached", "neurons", [8, 16, 32], [3, 5, 7])],
        };
        using var plot = GrowthPlot.Create(data);
        var scatters = plot.GetPlottables().OfType<Scatter>().ToList();
        Assert.Equal(2, scatters.Count);
        Assert.Same(plot.Axes.Right, scatters[1].Axes.YAxis);
        Assert.Equal([(3.0, 3.0), (4.0, 5.0), (5.0, 7.0)], scatters[1].Data.GetScatterPoints().Select(c => (c.X, c.Y)));
        Assert.Equal("neurons", plot.Axes.Right.Label.Text);
        using var bitmap = SKBitmap.Decode(PlotImage.Png(plot));
        Assert.Equal(PlotImage.Width, bitmap.Width);
    }

    [Theory]
    [InlineData("missing-dir/fig.png", "does not exist")]
    [InlineData("fig.svg", "ending in .png")]
    [InlineData("adir.png", "is a directory")]
    [InlineData("taken.png", "-spectrum.png: is a directory")]
    public void A_bad_plot_path_is_refused_before_the_model_is_read_and_nothing_is_written(string name, string problem)
    {
        System.IO.Directory.CreateDirectory(_cli.PathOf("adir.png"));
        System.IO.Directory.CreateDirectory(_cli.PathOf("taken-spectrum.png"));
        string model = _cli.WriteModel(CliHarness.SampleNetwork());
        var before = _cli.Files();
        // A model that does not exist: the refusal names the plot path, so it came first.
        string line = CliHarness.Run("fdim", _cli.PathOf("absent.json"), "--plot", _cli.PathOf(name)).AssertOneErrorLine();
        Assert.Contains(problem, line);
        Assert.Contains(problem, CliHarness.Run("fdim", model, "--grow", "--plot", _cli.PathOf(name)).AssertOneErrorLine());
        Assert.Equal(before, _cli.Files());
    }

    [Fact]
    public void A_directory_that_cannot_be_written_is_refused_before_the_work()
    {
        if (!OperatingSystem.IsLinux()) return; // /proc refuses new files on Linux, even to root
        string model = _cli.WriteModel(CliHarness.SampleNetwork());
        Assert.Contains("cannot write", CliHarness.Run("fdim", model, "--plot", "/proc/netsym-fig.png").AssertOneErrorLine());
        Assert.Contains("cannot write", CliHarness.Run("analyze", model, "--plots", "/proc/netsym-figs").AssertOneErrorLine());
    }

    [Fact]
    public void Analyze_writes_its_figures_into_a_new_directory()
    {
        string exact = _cli.PathOf("exact-figs");
        var json = CliHarness.Run("analyze", _cli.WriteModel(CliHarness.SampleNetwork()), "--plots", exact, "--json").Json();
        string growth = Path.Combine(exact, FunctionalDimensionPlots.AnalyzeFileName);
        Assert.Equal(growth, json.GetProperty("functional_dimension").GetProperty("plots").GetString());
        AssertPng(growth);
        Assert.Single(System.IO.Directory.GetFiles(exact));

        string smooth = _cli.PathOf("float-figs");
        string tanh = _cli.WriteModel(TestNetworks.Dense("2-3-1", new TanhActivation(), 1), "tanh.json");
        var section = CliHarness.Run("analyze", tanh, "--plots", smooth, "--json").Json().GetProperty("functional_dimension");
        Assert.Equal("float", section.GetProperty("method").GetString());
        Assert.Equal(["functional-dimension-spectrum.png", FunctionalDimensionPlots.AnalyzeFileName],
            System.IO.Directory.GetFiles(smooth).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string file in System.IO.Directory.GetFiles(smooth)) AssertPng(file);
    }

    [Fact]
    public void Analyze_refuses_a_plots_directory_it_cannot_make_and_creates_nothing()
    {
        string model = _cli.WriteModel(CliHarness.SampleNetwork());
        var before = _cli.Files();
        Assert.Contains("neither it nor its parent", CliHarness.Run("analyze", model, "--plots", _cli.PathOf("a/b")).AssertOneErrorLine());
        Assert.Contains("is a file", CliHarness.Run("analyze", _cli.PathOf("absent.json"), "--plots", model).AssertOneErrorLine());
        Assert.Equal(before, _cli.Files());
    }
}

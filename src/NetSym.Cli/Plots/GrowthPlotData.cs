using System.Globalization;
using NetSym.Dimension;

namespace NetSym.Cli.Plots;

/// <summary>
/// What the growth figure (<see cref="GrowthPlot"/>) draws: the rank at each batch of a grown run, or
/// the one batch of a run without --grow, with the bound and the words that say how the ranks were
/// obtained. Built from the results alone, so that a test can compare it with the run's curve.
/// </summary>
/// <param name="Steps">The batches in order: points, Jacobian rows and rank of each.</param>
/// <param name="Bound">P − dim of the continuous symmetry group, the most any batch can reach.</param>
/// <param name="Parameters">P.</param>
/// <param name="Grown">Whether the batch was grown (--grow); otherwise <paramref name="Steps"/> has the one batch.</param>
/// <param name="Rank">How the ranks were obtained: exact mod which primes, or float with which tolerance.</param>
/// <param name="Stop">Why growth stopped, in words; null for one batch.</param>
/// <param name="Inputs">How the inputs were drawn, or the file they came from.</param>
/// <param name="Seed">The --seed of the run.</param>
internal sealed record GrowthPlotData(
    IReadOnlyList<GrowthStep> Steps, int Bound, int Parameters, bool Grown, string Rank, string? Stop, string Inputs, int Seed)
{
    /// <summary>Curves drawn beside the rank on a right-hand axis (none unless a caller adds them).</summary>
    public IReadOnlyList<GrowthPlotSeries> Extra { get; init; } = [];

    /// <summary>The curve of a grown run: one step per batch, as <see cref="GrowthResult.Curve"/> has them.</summary>
    public static GrowthPlotData Of(GrowthResult growth, string inputs, int seed) =>
        new(growth.Curve, growth.Final.Bound, growth.Final.Parameters, true, RankText(growth.Final, grown: true), StopText(growth.Stop), inputs, seed);

    /// <summary>The one batch of a run without --grow, as a single step.</summary>
    public static GrowthPlotData Of(FunctionalDimensionResult result, string inputs, int seed) =>
        new([new GrowthStep(result.Points, result.Rows, result.Rank)], result.Bound, result.Parameters, false, RankText(result, grown: false), null, inputs, seed);

    /// <summary>
    /// For a kink batch, adds the curve of how many neurons' kinks each batch reached (on the right axis);
    /// unchanged for other inputs.
    /// </summary>
    public GrowthPlotData WithKinks(InputSampler? sampler, int seed)
    {
        if (sampler is not { Distribution: InputDistribution.Kinks }) return this;
        var points = Steps.Select(s => s.Points).ToList();
        var coverage = sampler.CoverageCurve(points, seed);
        return this with { Extra = [.. Extra, new GrowthPlotSeries("neurons whose kinks the batch reached", "neurons", points, [.. coverage.Select(c => c.Reached.Count)])] };
    }

    // A grown float run chooses NumPy's tolerance per batch (it scales with the batch), so the one
    // quoted is the last batch's, the batch whose rank is the estimate.
    private static string RankText(FunctionalDimensionResult result, bool grown) => result.Method == RankMethod.Exact
        ? string.Create(CultureInfo.InvariantCulture, $"exact rank of J mod p = {string.Join(", ", result.Primes)}")
        : string.Create(CultureInfo.InvariantCulture, $"float64 SVD rank, tolerance {result.Tolerance:G3}{(grown ? " at the last batch" : "")}");

    private static string StopText(GrowthStop stop) => stop switch
    {
        GrowthStop.ReachedBound => "stopped: the rank reached the bound",
        GrowthStop.Plateau => "stopped: the rank did not rise over the last doubling(s)",
        _ => "stopped: the largest batch allowed, while the rank was still rising",
    };
}

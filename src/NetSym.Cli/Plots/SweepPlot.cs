using NetSym.IO;
using NetSym.Sweep;
using ScottPlot;

namespace NetSym.Cli.Plots;

/// <summary>
/// The figure of a sweep against one factor: the fraction of networks with full functional
/// dimension at each of its values, with Wilson 95% error bars, one series per combination of the
/// other two factors. The values sit at equal spacing (0, 1, 2, … labelled with the values) and
/// the series are nudged apart sideways so that their error bars do not hide one another.
/// </summary>
internal static class SweepPlot
{
    /// <summary>Width of the PNG in pixels.</summary>
    public const int Width = PlotImage.Width;

    /// <summary>Height of the PNG in pixels.</summary>
    public const int Height = PlotImage.Height;

    /// <summary>The factors that get a figure: those that vary, or depth alone when none does.</summary>
    public static IReadOnlyList<SweepFactor> FactorsToPlot(SweepPlan plan) =>
        plan.VariedFactors.Count > 0 ? plan.VariedFactors : [SweepFactor.Depth];

    /// <summary>"fig.png" and depth → "fig-depth.png" (likewise "-width", "-input-dim"), beside the given path.</summary>
    public static string PathFor(string basePath, SweepFactor factor)
    {
        string directory = Path.GetDirectoryName(basePath) ?? "";
        string extension = Path.GetExtension(basePath) is { Length: > 0 } e ? e : ".png";
        return Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(basePath)}-{Slug(factor)}{extension}");
    }

    /// <summary>Writes one PNG per factor to plot (<see cref="FactorsToPlot"/>), each whole or not at all, and returns their paths.</summary>
    /// <exception cref="ModelFileException">A file cannot be written.</exception>
    public static IReadOnlyList<string> WriteAll(SweepSummary summary, string basePath)
    {
        var written = new List<string>();
        foreach (var factor in FactorsToPlot(summary.Plan))
        {
            string path = PathFor(basePath, factor);
            using var plot = Create(summary, factor);
            PlotImage.Write(plot, path);
            written.Add(path);
        }
        return written;
    }

    /// <summary>A plot as PNG bytes, <see cref="Width"/> × <see cref="Height"/>.</summary>
    public static byte[] Png(Plot plot) => PlotImage.Png(plot);

    /// <summary>The figure of <paramref name="summary"/> against <paramref name="factor"/>; the caller disposes it.</summary>
    public static Plot Create(SweepSummary summary, SweepFactor factor)
    {
        var plan = summary.Plan;
        var values = plan.ValuesOf(factor);
        var others = Enum.GetValues<SweepFactor>().Where(f => f != factor).ToArray();
        var series = summary.Configurations
            .GroupBy(g => (Key(g, others[0]), Key(g, others[1])))
            .ToList();

        var plot = PlotImage.Create();
        double spread = Math.Min(0.5, 0.08 * series.Count);
        for (int s = 0; s < series.Count; s++)
        {
            var groups = series[s].OrderBy(g => IndexOf(values, Key(g, factor))).ToList();
            double offset = series.Count == 1 ? 0 : spread * (s / (series.Count - 1.0) - 0.5);
            double[] xs = [.. groups.Select(g => IndexOf(values, Key(g, factor)) + offset)];
            double[] ys = [.. groups.Select(g => g.Fraction)];
            double[] below = [.. groups.Select(g => g.Fraction - g.Interval.Low)];
            double[] above = [.. groups.Select(g => g.Interval.High - g.Fraction)];
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.MarkerSize = 6;
            scatter.LegendText = string.Join(", ", others.Select(f => $"{Symbol(f)}={Key(groups[0], f)}"));
            var bars = new ScottPlot.Plottables.ErrorBar(xs, ys, null, null, above, below) { Color = scatter.Color };
            plot.Add.Plottable(bars);
        }

        plot.Axes.Bottom.SetTicks([.. values.Select((_, i) => (double)i)], [.. values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        plot.Axes.Left.SetTicks([0, 0.2, 0.4, 0.6, 0.8, 1], ["0", "0.2", "0.4", "0.6", "0.8", "1"]);
        plot.Axes.SetLimits(-0.5, values.Count - 0.5, -0.05, 1.05);
        plot.Title(Title(plan, factor), size: 14);
        plot.XLabel(Describe(factor));
        plot.YLabel("fraction with rank = bound");
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>
    /// The figure's two-line title, built from the plan alone: the factor, activation, init and rank
    /// method, then the batch every point of the figure rests on — networks per configuration, points
    /// per network and the input strategy — since the fraction full is a lower estimate that depends on both.
    /// </summary>
    public static string Title(SweepPlan plan, SweepFactor factor) =>
        $"Networks with full functional dimension, by {Noun(factor)}: {plan.Activation.Spec}, "
        + $"{SweepPlan.Name(plan.Initialization)} init, {SweepPlan.Name(plan.Method)} rank\n"
        + $"{plan.TrialsPerConfiguration} networks per configuration, {PointsPerNetwork(plan.Points)} per network, "
        + $"{SweepPlan.Name(plan.Distribution)} inputs; bars: Wilson 95%";

    private static string PointsPerNetwork(SweepBatchSize points) =>
        points.PerBound ? $"{points.Value} × bound points" : $"{points.Value} points";

    private static int Key(SweepGroup g, SweepFactor f) => f switch
    {
        SweepFactor.InputDimension => g.InputDimension!.Value,
        SweepFactor.Width => g.Width!.Value,
        _ => g.Depth!.Value,
    };

    private static int IndexOf(IReadOnlyList<int> values, int value)
    {
        for (int i = 0; i < values.Count; i++)
            if (values[i] == value) return i;
        throw new ArgumentException($"{value} is not among the plan's values");
    }

    private static string Symbol(SweepFactor f) => f switch
    {
        SweepFactor.InputDimension => "n0",
        SweepFactor.Width => "w",
        _ => "d",
    };

    private static string Slug(SweepFactor f) => f switch
    {
        SweepFactor.InputDimension => "input-dim",
        SweepFactor.Width => "width",
        _ => "depth",
    };

    private static string Noun(SweepFactor f) => f switch
    {
        SweepFactor.InputDimension => "input dimension",
        SweepFactor.Width => "width",
        _ => "depth",
    };

    private static string Describe(SweepFactor f) => f switch
    {
        SweepFactor.InputDimension => "input dimension n0",
        SweepFactor.Width => "width w (neurons per hidden layer)",
        _ => "depth d (hidden layers)",
    };
}

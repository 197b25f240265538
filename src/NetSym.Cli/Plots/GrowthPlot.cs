using System.Globalization;
using ScottPlot;

namespace NetSym.Cli.Plots;

/// <summary>
/// The growth figure of <c>fdim --plot</c> and <c>analyze --plots</c>: the rank of the parameter
/// Jacobian against the number of points, the batch doubling from one step to the next (so the points
/// sit on a log₂ axis, labelled with the batch sizes), and a dashed line at the bound P − dim(symmetries)
/// that no batch can pass. A run without --grow has one batch, drawn as one point.
/// </summary>
internal static class GrowthPlot
{
    /// <summary>The figure of <paramref name="data"/>; the caller disposes it.</summary>
    public static Plot Create(GrowthPlotData data)
    {
        var plot = PlotImage.Create();
        double[] xs = [.. data.Steps.Select(s => Math.Log2(s.Points))];
        double[] ys = [.. data.Steps.Select(s => (double)s.Rank)];
        var rank = plot.Add.Scatter(xs, ys);
        rank.MarkerSize = 8;
        rank.LegendText = "rank of J on the batch";

        var bound = plot.Add.HorizontalLine(data.Bound);
        bound.LinePattern = LinePattern.Dashed;
        bound.LegendText = F($"bound P − dim(symmetries) = {data.Parameters} − {data.Parameters - data.Bound} = {data.Bound}");

        foreach (var series in data.Extra)
        {
            var extra = plot.Add.Scatter(series.Points.Select(p => Math.Log2(p)).ToArray(), series.Values.Select(v => (double)v).ToArray());
            extra.Axes.YAxis = plot.Axes.Right;
            extra.LinePattern = LinePattern.Dotted;
            extra.MarkerSize = 6;
            extra.LegendText = series.Legend;
            plot.Axes.Right.Label.Text = series.AxisLabel;
            // From 0, as the rank's axis: a count that stays put must not look like one that swings.
            plot.Axes.SetLimitsY(0, series.Values.DefaultIfEmpty(0).Max() * 1.1 + 1, plot.Axes.Right);
        }

        plot.Axes.Bottom.SetTicks(xs, [.. data.Steps.Select(s => s.Points.ToString(CultureInfo.InvariantCulture))]);
        double top = Math.Max(data.Bound, data.Steps.Max(s => s.Rank));
        plot.Axes.SetLimits(xs.Min() - 0.5, xs.Max() + 0.5, 0, top * 1.1 + 1);
        plot.Title(string.Join('\n',
            data.Grown ? "Functional dimension: the rank as the batch grows" : "Functional dimension on one batch (give --grow for the curve)",
            F($"{data.Rank}; seed {data.Seed}{(data.Stop is null ? "" : "; " + data.Stop)}"),
            F($"inputs: {PlotImage.ShortInputs(data.Inputs)}")), size: 13);
        plot.XLabel(data.Grown ? "points in the batch (doubling: log scale)" : "points in the batch");
        plot.YLabel("rank of the parameter Jacobian J");
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using NetSym.Dimension;
using ScottPlot;

namespace NetSym.Cli.Plots;

/// <summary>
/// The spectrum figure of a float rank: the singular values of the parameter Jacobian in order, on a
/// log scale, with the tolerance as a horizontal line (the values above it are the rank) and the bound
/// as a vertical one. The gap at the tolerance is what decides the float rank: a wide one makes it
/// clear-cut, values crowding the line make it fragile. Values that are exactly zero have no logarithm
/// and are drawn, marked apart, a decade below the smallest positive value.
/// </summary>
internal static class SpectrumPlot
{
    /// <summary>The figure of the float result <paramref name="result"/>; the caller disposes it.</summary>
    /// <exception cref="ArgumentException">The result is exact: it has no singular values.</exception>
    public static Plot Create(FunctionalDimensionResult result, string inputs, int seed)
    {
        if (result.SingularValues is not { } sigma || result.Tolerance is not { } tolerance)
            throw new ArgumentException("an exact rank has no singular values to plot", nameof(result));
        double smallest = sigma.Where(s => s > 0).Append(tolerance).Where(s => s > 0).DefaultIfEmpty(1).Min();
        double floor = Math.Floor(Math.Log10(smallest)) - 1;

        var plot = PlotImage.Create();
        AddPoints(plot, sigma, s => s > tolerance, floor, F($"counted: σ > tolerance ({result.Rank})"));
        AddPoints(plot, sigma, s => s > 0 && s <= tolerance, floor, F($"below the tolerance ({sigma.Count(s => s > 0 && s <= tolerance)})"));
        AddPoints(plot, sigma, s => s <= 0, floor, F($"exactly 0, drawn at 1e{floor} ({sigma.Count(s => s <= 0)})"));
        if (tolerance > 0)
        {
            var line = plot.Add.HorizontalLine(Math.Log10(tolerance));
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = F($"tolerance {tolerance:G3}");
        }
        var bound = plot.Add.VerticalLine(result.Bound + 0.5);
        bound.LinePattern = LinePattern.Dotted;
        bound.LegendText = F($"bound {result.Bound}: at most this many can be counted");

        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => F($"1e{y:0}"),
        };
        plot.Axes.Left.TickGenerator = ticks;
        var (last, next) = result.Gap!.Value;
        plot.Title(string.Join('\n',
            F($"Singular values of the parameter Jacobian (float64 SVD): rank {result.Rank} of bound {result.Bound}"),
            F($"tolerance {tolerance:G3}; σ_r = {last:G3}, σ_r+1 = {next:G3}; {result.Points} points, {result.Rows} rows; seed {seed}"),
            F($"inputs: {PlotImage.ShortInputs(inputs)}")), size: 13);
        plot.XLabel("index i (σ_1 ≥ σ_2 ≥ …)");
        plot.YLabel("σ_i (log scale)");
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }

    private static void AddPoints(Plot plot, double[] sigma, Func<double, bool> which, double floor, string legend)
    {
        double[] xs = [.. Enumerable.Range(0, sigma.Length).Where(i => which(sigma[i])).Select(i => i + 1.0)];
        if (xs.Length == 0) return;
        double[] ys = [.. xs.Select(x => sigma[(int)x - 1] > 0 ? Math.Log10(sigma[(int)x - 1]) : floor)];
        var points = plot.Add.ScatterPoints(xs, ys);
        points.MarkerSize = 4;
        points.LegendText = legend;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

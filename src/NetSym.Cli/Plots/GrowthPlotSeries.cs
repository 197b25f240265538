namespace NetSym.Cli.Plots;

/// <summary>
/// A further curve on the growth figure, against the same points but on its own axis at the right:
/// for counts that grow with the batch beside the rank (e.g. how many neurons' kinks the batch has
/// reached). <see cref="GrowthPlotData.Extra"/> holds them; each is drawn with its legend.
/// </summary>
/// <param name="Legend">What the curve is, in the legend.</param>
/// <param name="AxisLabel">The label of the right axis (the last series' label wins where several share it).</param>
/// <param name="Points">Batch sizes, as on the rank curve.</param>
/// <param name="Values">The count at each batch size.</param>
internal sealed record GrowthPlotSeries(string Legend, string AxisLabel, IReadOnlyList<int> Points, IReadOnlyList<int> Values);

using System.Globalization;
using NetSym.Extraction;

namespace NetSym.Cli.Rendering;

/// <summary>
/// An extraction's queries as progress reports for <see cref="ProgressDisplay"/>: the stage, the layer and
/// the queries spent (of the budget, when there is one). The fraction counts the stages reached, in the
/// order of <see cref="ExtractionStage"/>, and never goes back when a stage is entered again.
/// </summary>
internal sealed class QueryProgressDisplay(IProgress<ProgressReport> sink) : IProgress<QueryProgress>
{
    private static readonly int Stages = Enum.GetValues<ExtractionStage>().Length;
    private int _reached;

    public void Report(QueryProgress value)
    {
        _reached = Math.Max(_reached, (int)value.Label.Stage);
        string spent = value.Budget is long budget
            ? string.Create(CultureInfo.InvariantCulture, $"{value.Total:N0} of {budget:N0} queries")
            : string.Create(CultureInfo.InvariantCulture, $"{value.Total:N0} queries");
        sink.Report(new ProgressReport($"{value.Label}, {spent}", _reached, Stages));
    }
}

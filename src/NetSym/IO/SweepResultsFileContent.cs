using NetSym.Sweep;

namespace NetSym.IO;

/// <summary>A results file as read and checked: its plan and its trials, each with the line it came from.</summary>
/// <param name="Path">The file.</param>
/// <param name="Plan">The plan in its header.</param>
/// <param name="Lines">The results in file order (finishing order, not canonical order).</param>
public sealed record SweepResultsFileContent(string Path, SweepPlan Plan, IReadOnlyList<SweepResultsLine> Lines)
{
    /// <summary>The results alone, in file order.</summary>
    public IEnumerable<SweepResult> Results => Lines.Select(l => l.Result);
}

/// <summary>One result and its 1-based line number in the file.</summary>
public readonly record struct SweepResultsLine(int Number, SweepResult Result);

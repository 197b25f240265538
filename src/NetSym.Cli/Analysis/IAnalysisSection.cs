using NetSym.Cli.Rendering;

namespace NetSym.Cli.Analysis;

/// <summary>
/// One part of <c>netsym analyze</c>: it asks the library for its findings about the subject and
/// describes them once, as a <see cref="ReportSection"/> that renders both as console text and as
/// JSON. A new analysis adds one implementation and one entry in <see cref="AnalysisSections"/>.
/// </summary>
internal interface IAnalysisSection
{
    /// <summary>The section's title, also shown on the progress bar while it runs.</summary>
    string Title { get; }

    /// <summary>Runs the analysis and describes its result, saying how every number was obtained.</summary>
    ReportSection Describe(AnalysisSubject subject);
}

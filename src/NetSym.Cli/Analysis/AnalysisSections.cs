namespace NetSym.Cli.Analysis;

/// <summary>The sections of <c>netsym analyze</c>, in report order.</summary>
internal static class AnalysisSections
{
    /// <summary>A fresh list of every section.</summary>
    public static IReadOnlyList<IAnalysisSection> All() =>
    [
        new ModelSection(),
        new SanityEvaluationSection(),
        new SymmetriesSection(),
        new FunctionalDimensionSection(),
        new EmbeddingSection(),
        new IdentifiabilitySection(),
    ];
}

using NetSym.Networks;

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
        new FiberSection(),
        new FunctionalDimensionSection(),
        new EmbeddingSection(),
        new IdentifiabilitySection(),
    ];

    /// <summary>
    /// The peak memory of all sections on <paramref name="network"/>: they run one after another, so
    /// the largest of the two that build Jacobians (functional dimension, identifiability).
    /// </summary>
    public static MemoryEstimate EstimateMemory(Network network)
    {
        var fdim = FunctionalDimensionSection.EstimateMemory(network);
        var identifiability = IdentifiabilitySection.EstimateMemory(network);
        return fdim.Bytes >= identifiability.Bytes ? fdim : identifiability;
    }
}

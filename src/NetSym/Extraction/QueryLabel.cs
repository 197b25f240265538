namespace NetSym.Extraction;

/// <summary>What a query is spent on: a stage, and the hidden layer it works on (1 for the first) when it works on one.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Layer">The hidden layer, from 1; null for a stage that concerns the whole network.</param>
public readonly record struct QueryLabel(ExtractionStage Stage, int? Layer = null)
{
    /// <summary>"sweep, layer 2" or "verification".</summary>
    public override string ToString() =>
        Layer is int layer ? $"{StageName(Stage)}, layer {layer}" : StageName(Stage);

    /// <summary>The stage in lower case words ("output layer").</summary>
    private static string StageName(ExtractionStage stage) => stage switch
    {
        ExtractionStage.OutputLayer => "output layer",
        _ => stage.ToString().ToLowerInvariant(),
    };
}

namespace NetSym.Extraction;

/// <summary>Why an extraction stopped short: where it was, how far it got, and what went wrong, in words.</summary>
/// <param name="Stage">The stage that could not finish.</param>
/// <param name="Layer">The hidden layer it worked on (from 1); null for a stage of the whole network.</param>
/// <param name="UnitsFound">The hidden units confirmed so far in that layer.</param>
/// <param name="Reason">One line: what went wrong ("query budget exhausted: …", "f is not piecewise linear along line 3").</param>
public sealed record ExtractionFailure(ExtractionStage Stage, int? Layer, int UnitsFound, string Reason)
{
    /// <summary>"signs, layer 1: 7 units found; …".</summary>
    public override string ToString() => $"{new QueryLabel(Stage, Layer)}: {UnitsFound} units found; {Reason}";
}

namespace NetSym.Extraction;

/// <summary>The stages of an extraction, under which the <see cref="QueryLedger"/> counts queries (docs/extraction.md).</summary>
public enum ExtractionStage
{
    /// <summary>A few queries that estimate the output's magnitude and slope, to scale tolerances.</summary>
    Scale,

    /// <summary>Searching random lines for critical points (kinks).</summary>
    Sweep,

    /// <summary>Finite differences at critical points that give each neuron's weight row up to a factor.</summary>
    Signatures,

    /// <summary>Targeted searches for further critical points of a known neuron.</summary>
    Following,

    /// <summary>Refining recovered weights to full double precision.</summary>
    Refinement,

    /// <summary>Recovering the sign of each neuron's weight row.</summary>
    Signs,

    /// <summary>Solving the last affine layer.</summary>
    OutputLayer,

    /// <summary>Comparing the recovered network with the oracle on fresh inputs.</summary>
    Verification,
}

namespace NetSym.Dimension;

/// <summary>How <see cref="FunctionalDimension.Grow"/> enlarges the batch: N, 2N, 4N, … up to a limit.</summary>
/// <param name="InitialPoints">N, the first batch size.</param>
/// <param name="MaxPoints">No batch is larger than this (the last one is cut to it).</param>
public sealed record GrowthOptions(int InitialPoints, int MaxPoints)
{
    /// <summary>Rejects a non-positive start or a limit below it.</summary>
    public void Validate()
    {
        if (InitialPoints < 1) throw new ArgumentException($"the first batch needs at least one point, got {InitialPoints}");
        if (MaxPoints < InitialPoints) throw new ArgumentException($"the largest batch ({MaxPoints} points) is smaller than the first ({InitialPoints})");
    }
}

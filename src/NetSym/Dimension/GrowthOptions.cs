namespace NetSym.Dimension;

/// <summary>How <see cref="FunctionalDimension.Grow"/> enlarges the batch: N, 2N, 4N, … up to a limit.</summary>
/// <param name="InitialPoints">N, the first batch size.</param>
/// <param name="MaxPoints">No batch is larger than this (the last one is cut to it).</param>
/// <param name="Patience">
/// Growth stops once the rank has not risen over this many doublings. One is the usual rule; ranks can
/// stall and rise again while rare linear regions are still empty of points, which more patience waits out.
/// </param>
public sealed record GrowthOptions(int InitialPoints, int MaxPoints, int Patience = 1)
{
    /// <summary>Rejects a non-positive start or patience, or a limit below the start.</summary>
    public void Validate()
    {
        if (InitialPoints < 1) throw new ArgumentException($"the first batch needs at least one point, got {InitialPoints}");
        if (MaxPoints < InitialPoints) throw new ArgumentException($"the largest batch ({MaxPoints} points) is smaller than the first ({InitialPoints})");
        if (Patience < 1) throw new ArgumentException($"patience must be at least one doubling, got {Patience}");
    }
}

namespace NetSym.Networks;

/// <summary>
/// A run of consecutive output positions Start … Start + Length − 1 at which window tap <see cref="Tap"/>
/// reads input positions Source, Source + Step, …, or the padding (Source = −1): the tap map of a layer
/// (<see cref="WindowGeometry.TapPositions"/>) cut into pieces that are copied as blocks.
/// </summary>
/// <remarks>
/// Along a row of output positions a tap of a stride-1 window reads a contiguous stretch of the input row,
/// so im2col becomes a few block copies per tap instead of one indexed, branching read per entry.
/// </remarks>
internal readonly record struct TapRun(int Tap, int Start, int Length, int Source, int Step)
{
    /// <summary>The runs of a tap map of <paramref name="positions"/> output positions × <paramref name="window"/> taps, tap by tap.</summary>
    public static TapRun[] Of(int[] taps, int positions, int window)
    {
        var runs = new List<TapRun>();
        for (int t = 0; t < window; t++)
        {
            int Read(int p) => taps[p * window + t];
            for (int p = 0; p < positions;)
            {
                int source = Read(p), length = 1, step = 0;
                if (source < 0)
                    while (p + length < positions && Read(p + length) < 0) length++;
                else if (p + 1 < positions && Read(p + 1) >= 0)
                {
                    step = Read(p + 1) - source;
                    while (p + length < positions && Read(p + length) == source + step * length) length++;
                }
                runs.Add(new TapRun(t, p, length, source, step));
                p += length;
            }
        }
        return [.. runs];
    }
}

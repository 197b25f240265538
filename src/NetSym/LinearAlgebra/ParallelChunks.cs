namespace NetSym.LinearAlgebra;

/// <summary>Splits a long pass over items into contiguous chunks run in parallel, when it is long enough to pay for the hand-off.</summary>
internal static class ParallelChunks
{
    /// <summary>Below this much work (items × work per item) a pass runs on the calling thread.</summary>
    private const long Threshold = 1 << 16;

    /// <summary>Calls body(start, end) on consecutive ranges of items covering [0, count).</summary>
    /// <remarks>A span cannot be captured by the body; callers pin their memory and capture a pointer, which outlives the pass.</remarks>
    public static void For(long count, long workPerItem, Action<long, long> body)
    {
        long work = count * workPerItem;
        if (work < Threshold || count < 2)
        {
            body(0, count);
            return;
        }
        int chunks = (int)Math.Min(count, Math.Min(work / (Threshold / 4), Environment.ProcessorCount * 4L));
        Parallel.For(0, chunks, chunk => body(count * chunk / chunks, count * (chunk + 1) / chunks));
    }
}

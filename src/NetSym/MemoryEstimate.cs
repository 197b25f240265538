namespace NetSym;

/// <summary>
/// The peak memory a computation will need, as the sum of its main allocations, known before it
/// starts, so that a caller can refuse work that would not fit rather than be killed halfway.
/// </summary>
/// <remarks>
/// It lives in the root namespace because every analysis folder makes one beside the computation
/// it estimates. Only the terms that grow with the input are listed; a caller adds its own runtime.
/// Sizes are counted in doubles (and longs, where a product would overflow an int), so they are
/// right for inputs far beyond what any machine holds.
/// </remarks>
/// <param name="Terms">The main allocations alive together at the peak.</param>
public sealed record MemoryEstimate(IReadOnlyList<MemoryTerm> Terms)
{
    /// <summary>The estimated peak: the sum of the terms.</summary>
    public long Bytes => Terms.Aggregate(0L, (sum, t) => SaturatingAdd(sum, t.Bytes));

    /// <summary>This estimate with the terms of <paramref name="other"/> added (both alive at once).</summary>
    public MemoryEstimate Plus(MemoryEstimate other) => new([.. Terms, .. other.Terms]);

    /// <summary>An estimate of one term.</summary>
    public static MemoryEstimate Of(string name, long bytes) => new([new MemoryTerm(name, bytes)]);

    /// <summary>The bytes of <paramref name="rows"/> × <paramref name="columns"/> doubles, saturating rather than overflowing.</summary>
    public static long Doubles(long rows, long columns) =>
        rows > 0 && columns > long.MaxValue / 8 / rows ? long.MaxValue : rows * columns * sizeof(double);

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}

using System.Globalization;

namespace NetSym.Sweep;

/// <summary>
/// Shard <paramref name="Index"/> of <paramref name="Count"/> (0 ≤ i &lt; n, written "i/n"): the
/// trials whose position in the plan's canonical order is ≡ i (mod n). Round-robin rather than
/// contiguous blocks, so that every shard gets its share of the expensive deep configurations.
/// </summary>
public readonly record struct SweepShard(int Index, int Count)
{
    /// <summary>The whole sweep, 0/1.</summary>
    public static SweepShard All { get; } = new(0, 1);

    /// <summary>Whether the trial at canonical position <paramref name="ordinal"/> is in this shard.</summary>
    public bool Contains(long ordinal) => ordinal % Count == Index;

    /// <summary>Parses "i/n" with integers 0 ≤ i &lt; n (0-based, as $SLURM_ARRAY_TASK_ID from --array=0-… and $JOB_COMPLETION_INDEX).</summary>
    /// <exception cref="ArgumentException">Not of that form.</exception>
    public static SweepShard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            throw new ArgumentException($"shard '{text}' is not of the form i/n with whole numbers (e.g. 0/4)");
        if (count < 1 || index >= count)
            throw new ArgumentException($"shard '{text}': need 0 ≤ i < n (shards are numbered from 0), got i={index}, n={count}");
        return new SweepShard(index, count);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}

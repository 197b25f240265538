namespace NetSym.Extraction;

/// <summary>
/// The count of queries an extraction has spent: every input row handed to the oracle, per
/// <see cref="QueryLabel"/> (stage and layer), and the budget they may not exceed. Only a
/// <see cref="CountingOracle"/> adds to it; everyone else reads it. Thread-safe.
/// </summary>
public sealed class QueryLedger
{
    private readonly Lock _lock = new();
    private readonly List<QueryLabel> _order = [];
    private readonly Dictionary<QueryLabel, long> _counts = [];
    private long _total;
    private QueryLabel? _last;

    /// <summary>An empty ledger with at most <paramref name="budget"/> rows in all (null: no limit).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budget"/> is negative.</exception>
    internal QueryLedger(long? budget)
    {
        if (budget is < 0) throw new ArgumentOutOfRangeException(nameof(budget), $"the query budget must not be negative, got {budget}");
        Budget = budget;
    }

    /// <summary>The most rows the oracle may be asked for in all; null for no limit.</summary>
    public long? Budget { get; }

    /// <summary>Rows handed to the oracle so far, under every label.</summary>
    public long Total
    {
        get { lock (_lock) return _total; }
    }

    /// <summary>The label of the last rows charged; null before the first.</summary>
    public QueryLabel? LastLabel
    {
        get { lock (_lock) return _last; }
    }

    /// <summary>Rows still allowed (null without a budget).</summary>
    public long? Remaining => Budget - Total;

    /// <summary>Rows spent under <paramref name="label"/> (0 if none).</summary>
    public long Count(QueryLabel label)
    {
        lock (_lock) return _counts.GetValueOrDefault(label);
    }

    /// <summary>Rows spent in <paramref name="stage"/>, over all its layers.</summary>
    public long Count(ExtractionStage stage)
    {
        lock (_lock) return _counts.Where(e => e.Key.Stage == stage).Sum(e => e.Value);
    }

    /// <summary>Every label spent on, in the order first used, with its rows.</summary>
    public IReadOnlyList<(QueryLabel Label, long Rows)> Entries
    {
        get { lock (_lock) return [.. _order.Select(l => (l, _counts[l]))]; }
    }

    /// <summary>
    /// Adds <paramref name="rows"/> under <paramref name="label"/> if the total stays within the
    /// budget, and returns whether it did; a refused charge leaves the ledger as it was.
    /// </summary>
    internal bool TryCharge(QueryLabel label, long rows)
    {
        lock (_lock)
        {
            if (Budget is long budget && rows > budget - _total) return false;
            if (!_counts.TryGetValue(label, out long count)) _order.Add(label);
            _counts[label] = count + rows;
            _total += rows;
            _last = label;
            return true;
        }
    }
}

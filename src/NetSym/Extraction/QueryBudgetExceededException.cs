namespace NetSym.Extraction;

/// <summary>
/// A query refused whole because its rows would take the total past the budget: none of them was
/// evaluated. It carries the ledger, so that the caller can report what was spent and return the
/// partial result.
/// </summary>
public sealed class QueryBudgetExceededException(QueryLedger ledger, QueryLabel label, long rows)
    : Exception($"query budget exhausted: {label} asked for {rows} more inputs with {ledger.Total} of {ledger.Budget} spent")
{
    /// <summary>The ledger as it stood when the query was refused (the refused rows not counted).</summary>
    public QueryLedger Ledger { get; } = ledger;

    /// <summary>What the refused query was for.</summary>
    public QueryLabel Label { get; } = label;

    /// <summary>Rows in the refused query.</summary>
    public long Rows { get; } = rows;
}

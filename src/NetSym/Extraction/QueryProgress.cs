namespace NetSym.Extraction;

/// <summary>Where an extraction stands, as its queries show it: the label of the query being asked and the rows spent so far, that query's included.</summary>
/// <param name="Label">The stage (and hidden layer) the query serves.</param>
/// <param name="Total">Rows charged to the ledger so far, the current query's included.</param>
/// <param name="Budget">The most rows allowed in all; null for no limit.</param>
public readonly record struct QueryProgress(QueryLabel Label, long Total, long? Budget);

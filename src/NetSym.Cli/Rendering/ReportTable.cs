namespace NetSym.Cli.Rendering;

/// <summary>A column of a <see cref="ReportTable"/>: its JSON field name and console header.</summary>
internal sealed record ReportColumn(string Key, string Header);

/// <summary>
/// A table: a Spectre table on the console, a JSON array of objects (one per row, fields named by
/// the columns' keys) under <paramref name="Key"/>. The <see cref="Caption"/> explains the columns
/// on the console; docs/cli.md does so for JSON.
/// </summary>
internal sealed record ReportTable(string Key, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<ReportValue>> Rows)
{
    /// <summary>A line shown under the table, e.g. what its columns mean.</summary>
    public string? Caption { get; init; }
}

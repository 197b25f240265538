namespace NetSym.Cli.Rendering;

/// <summary>
/// One named value of a report: <paramref name="Key"/> is its stable snake_case JSON name,
/// <paramref name="Label"/> its console label, <paramref name="Note"/> (console only) says how
/// the value was obtained.
/// </summary>
internal sealed record Fact(string Key, string Label, ReportValue Value, string? Note = null);

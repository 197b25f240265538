namespace NetSym.Cli.Rendering;

/// <summary>
/// A titled part of a report: a rule with the title followed by its facts and tables on the
/// console; in JSON an object under <paramref name="Key"/> holding the facts, the tables and the
/// method. A section without a key writes its fields at the top level of the JSON object.
/// </summary>
internal sealed record ReportSection(string? Key, string Title)
{
    /// <summary>The named values, in display order.</summary>
    public IReadOnlyList<Fact> Facts { get; init; } = [];

    /// <summary>Tables shown after the facts.</summary>
    public IReadOnlyList<ReportTable> Tables { get; init; } = [];

    /// <summary>How the section's numbers were obtained (method, precision, backend, seed); JSON field "method".</summary>
    public string? Method { get; init; }
}

/// <summary>What one command prints: its sections, in order.</summary>
internal sealed record Report(IReadOnlyList<ReportSection> Sections);

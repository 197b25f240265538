using NetSym.LinearAlgebra;

namespace NetSym.Cli.Rendering;

/// <summary>
/// A value in a report. The renderers turn it into console text and into the matching JSON
/// value, so a command describes each value once.
/// </summary>
internal abstract record ReportValue
{
    public static implicit operator ReportValue(string text) => new TextValue(text);
    public static implicit operator ReportValue(int value) => new IntegerValue(value);
    public static implicit operator ReportValue(long value) => new IntegerValue(value);
    public static implicit operator ReportValue(double value) => new RealValue(value);
    public static implicit operator ReportValue(bool value) => new FlagValue(value);
}

/// <summary>Nothing, where a table column does not apply to a row (a dense layer's window); empty on the console, JSON null.</summary>
internal sealed record NoValue : ReportValue;

/// <summary>Text; a JSON string.</summary>
internal sealed record TextValue(string Text) : ReportValue;

/// <summary>An exact integer; a JSON number.</summary>
internal sealed record IntegerValue(long Value) : ReportValue;

/// <summary>A double: rounded to 6 significant digits on the console, exact (round-trip) in JSON.</summary>
internal sealed record RealValue(double Value) : ReportValue;

/// <summary>Yes or no; a JSON boolean.</summary>
internal sealed record FlagValue(bool Value) : ReportValue;

/// <summary>A list of integers, e.g. the nodes a layer reads; a JSON array.</summary>
internal sealed record IntegerListValue(IReadOnlyList<int> Values) : ReportValue;

/// <summary>A vector of doubles (6 significant digits on the console); a JSON array, every double exact.</summary>
internal sealed record RealListValue(IReadOnlyList<double> Values) : ReportValue;

/// <summary>A matrix, one row per line on the console; a JSON array of row arrays, every double exact.</summary>
internal sealed record MatrixValue(Matrix Matrix) : ReportValue;

/// <summary>Named values that belong together; a nested JSON object.</summary>
internal sealed record GroupValue(IReadOnlyList<Fact> Facts) : ReportValue;

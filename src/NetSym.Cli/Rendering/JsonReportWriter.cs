using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NetSym.Cli.Rendering;

/// <summary>
/// Renders a <see cref="Report"/> as one JSON object on one line: each keyed section an object
/// of its facts, tables (arrays of row objects) and "method"; a section without a key contributes
/// its fields to the top level. Doubles are written in their shortest round-trip form; a
/// non-finite double (JSON has none) as the string "NaN", "Infinity" or "-Infinity".
/// </summary>
internal static class JsonReportWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the report followed by a newline.</summary>
    public static void Write(Report report, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            foreach (var section in report.Sections)
            {
                if (section.Key is null)
                {
                    WriteFields(section, json);
                    continue;
                }
                json.WriteStartObject(section.Key);
                WriteFields(section, json);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.Write('\n');
        output.Flush();
    }

    private static void WriteFields(ReportSection section, Utf8JsonWriter json)
    {
        foreach (var fact in section.Facts)
        {
            json.WritePropertyName(fact.Key);
            WriteValue(fact.Value, json);
        }
        foreach (var table in section.Tables)
        {
            json.WriteStartArray(table.Key);
            foreach (var row in table.Rows)
            {
                json.WriteStartObject();
                for (int c = 0; c < table.Columns.Count; c++)
                {
                    json.WritePropertyName(table.Columns[c].Key);
                    WriteValue(row[c], json);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        if (section.Method is not null) json.WriteString("method", section.Method);
    }

    private static void WriteValue(ReportValue value, Utf8JsonWriter json)
    {
        switch (value)
        {
            case TextValue t: json.WriteStringValue(t.Text); break;
            case IntegerValue i: json.WriteNumberValue(i.Value); break;
            case RealValue r: WriteReal(r.Value, json); break;
            case FlagValue f: json.WriteBooleanValue(f.Value); break;
            case IntegerListValue l:
                json.WriteStartArray();
                foreach (int v in l.Values) json.WriteNumberValue(v);
                json.WriteEndArray();
                break;
            case RealListValue r:
                json.WriteStartArray();
                foreach (double x in r.Values) WriteReal(x, json);
                json.WriteEndArray();
                break;
            case MatrixValue m:
                json.WriteStartArray();
                for (int i = 0; i < m.Matrix.Rows; i++)
                {
                    json.WriteStartArray();
                    foreach (double x in m.Matrix.Row(i)) WriteReal(x, json);
                    json.WriteEndArray();
                }
                json.WriteEndArray();
                break;
            case GroupValue g:
                json.WriteStartObject();
                foreach (var fact in g.Facts)
                {
                    json.WritePropertyName(fact.Key);
                    WriteValue(fact.Value, json);
                }
                json.WriteEndObject();
                break;
            default: throw new UnreachableException($"no JSON form for {value.GetType().Name}");
        }
    }

    private static void WriteReal(double x, Utf8JsonWriter json)
    {
        if (double.IsFinite(x)) json.WriteNumberValue(x);
        else json.WriteStringValue(double.IsNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
    }
}

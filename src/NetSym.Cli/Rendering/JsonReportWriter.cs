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
/// The text goes out in pieces of about <see cref="ChunkBytes"/> as it is made, so that a report of
/// millions of rows (embed's Φ) never exists whole in memory, as bytes or as one string.
/// </summary>
internal static class JsonReportWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>How much JSON is held before it is passed on to the output.</summary>
    internal const int ChunkBytes = 1 << 16;

    /// <summary>Writes the report followed by a newline.</summary>
    public static void Write(Report report, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            var sink = new Chunks(json, buffer, output);
            json.WriteStartObject();
            foreach (var section in report.Sections)
            {
                if (section.Key is null)
                {
                    WriteFields(section, sink);
                    continue;
                }
                json.WriteStartObject(section.Key);
                WriteFields(section, sink);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            sink.Pass(force: true);
        }
        output.Write('\n');
        output.Flush();
    }

    /// <summary>
    /// Moves what the JSON writer has produced to the output once it exceeds <see cref="ChunkBytes"/>.
    /// The writer flushes whole tokens, so every piece is complete UTF-8.
    /// </summary>
    private sealed class Chunks(Utf8JsonWriter json, MemoryStream buffer, TextWriter output)
    {
        public Utf8JsonWriter Json => json;

        public void Pass(bool force = false)
        {
            if (!force && json.BytesPending + buffer.Length < ChunkBytes) return;
            json.Flush();
            output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            buffer.SetLength(0);
        }
    }

    private static void WriteFields(ReportSection section, Chunks sink)
    {
        var json = sink.Json;
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
                sink.Pass();
            }
            json.WriteEndArray();
        }
        if (section.Method is not null) json.WriteString("method", section.Method);
    }

    private static void WriteValue(ReportValue value, Utf8JsonWriter json)
    {
        switch (value)
        {
            case NoValue: json.WriteNullValue(); break;
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

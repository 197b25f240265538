using System.Globalization;
using System.Text;
using System.Text.Json;
using NetSym.Networks;

namespace NetSym.IO;

/// <summary>
/// NetSym's native, lossless JSON format (docs/format.md). Weights are written with the shortest
/// representation that reads back to the same double, so a round trip is bit-exact.
/// </summary>
public static class NetworkJson
{
    /// <summary>The format tag written into every file.</summary>
    public const string FormatName = "netsym-network";

    /// <summary>The schema version this build writes and the newest it reads.</summary>
    public const int Version = 1;

    /// <summary>Reads a network from a NetSym JSON file.</summary>
    /// <exception cref="ModelFileException">Malformed JSON, a missing field, a wrong version, sizes that do not fit, a non-finite weight.</exception>
    public static Network Read(string path)
    {
        return Parse(ModelFileBytes.Read(path), path);
    }

    /// <summary>Parses NetSym JSON; <paramref name="source"/> names the origin in error messages.</summary>
    public static Network Parse(ReadOnlySpan<byte> utf8, string source) => Parse(utf8, source, parsed: null);

    /// <summary>
    /// <see cref="Parse(ReadOnlySpan{byte}, string)"/>, telling <paramref name="parsed"/> the share of
    /// the layers' weight rows converted so far (the token scan before it does not report).
    /// </summary>
    internal static Network Parse(ReadOnlySpan<byte> utf8, string source, Action<double>? parsed)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new ModelFileException(source, $"malformed JSON at {JsonErrorText.Describe(e)}", e);
        }
        using (doc)
        {
            try
            {
                return FromDocument(doc.RootElement, parsed);
            }
            catch (FormatProblem e) { throw new ModelFileException(source, e.Message); }
            catch (InvalidNetworkException e) { throw new ModelFileException(source, e.Message, e); }
        }
    }

    /// <summary>Writes the network as NetSym JSON, atomically.</summary>
    public static void Write(Network network, string path) => AtomicFile.Write(path, s => Write(network, s));

    /// <summary>
    /// Writes the network as NetSym JSON to a stream: one line per weight row, doubles in the
    /// shortest form that reads back to the same bits.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="stream">Where the text goes.</param>
    /// <param name="progress">Told of each layer, and within it of every hundredth of its rows.</param>
    public static void Write(Network network, Stream stream, IProgress<ProgressReport>? progress = null)
    {
        // Written by hand rather than with an indenting Utf8JsonWriter, which would put every
        // number on a line of its own; a row per line keeps weight matrices readable.
        using var w = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true) { NewLine = "\n" };
        w.WriteLine("{");
        w.WriteLine($"  \"format\": {Quote(FormatName)},");
        w.WriteLine($"  \"version\": {Integer(Version)},");
        w.WriteLine($"  \"input_size\": {Integer(network.InputSize)},");
        w.WriteLine("  \"layers\": [");
        var stages = new ProgressStages(progress, network.Layers.Count);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            stages.Begin($"writing layer {l + 1} of {network.Layers.Count} ({layer.OutputSize} × {layer.InputSize})");
            w.WriteLine("    {");
            w.WriteLine($"      \"activation\": {Quote(layer.Activation.Spec)},");
            if (!network.Graph.ReadsPreviousOnly(l))
                w.WriteLine($"      \"sources\": [{string.Join(", ", layer.Sources.Select(Integer))}],");
            w.WriteLine("      \"weights\": [");
            WriteRows(w, layer.OutputSize, i => Row(layer.Weights.Slice(i * layer.InputSize, layer.InputSize)), stages.Within);
            w.WriteLine("      ],");
            w.Write($"      \"bias\": {Row(layer.Bias)}");
            if (!layer.IsDense)
            {
                w.WriteLine(",");
                w.WriteLine("      \"mask\": [");
                WriteRows(w, layer.OutputSize, i => MaskRow(layer.Mask.Slice(i * layer.InputSize, layer.InputSize)));
                w.Write("      ]");
            }
            w.WriteLine();
            w.WriteLine(l < network.Layers.Count - 1 ? "    }," : "    }");
        }
        w.WriteLine("  ]");
        w.WriteLine("}");
        w.Flush();
        stages.Complete();
    }

    /// <summary>Writes one row per line; tells <paramref name="within"/>, when given, of every hundredth of the rows.</summary>
    private static void WriteRows(TextWriter w, int count, Func<int, string> row, Action<double>? within = null)
    {
        int step = Math.Max(1, count / 100);
        for (int i = 0; i < count; i++)
        {
            if (within is not null && i % step == 0) within((double)i / count);
            w.WriteLine($"        {row(i)}{(i < count - 1 ? "," : "")}");
        }
    }

    // The relaxed encoder writes an expression's + and ' as themselves (the default writes \u002B): a
    // model file is read by JSON parsers and people, never embedded in HTML.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Quote(string s) => JsonSerializer.Serialize(s, Relaxed);

    private static string Integer(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Row(ReadOnlySpan<double> values)
    {
        var sb = new StringBuilder("[");
        for (int j = 0; j < values.Length; j++)
            sb.Append(j > 0 ? ", " : "").Append(values[j].ToString("R", CultureInfo.InvariantCulture));
        return sb.Append(']').ToString();
    }

    private static string MaskRow(ReadOnlySpan<bool> mask)
    {
        var sb = new StringBuilder("[");
        for (int j = 0; j < mask.Length; j++) sb.Append(j > 0 ? ", " : "").Append(mask[j] ? '1' : '0');
        return sb.Append(']').ToString();
    }

    private static Network FromDocument(JsonElement root, Action<double>? parsed)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new FormatProblem("expected a JSON object at the top level");
        string format = Get(root, "format", JsonValueKind.String).GetString()!;
        if (format != FormatName) throw new FormatProblem($"'format' is '{format}', expected '{FormatName}'");
        int version = GetInt(Get(root, "version", JsonValueKind.Number), "version");
        if (version < 1 || version > Version) throw new FormatProblem($"unsupported version {version} (this NetSym reads versions 1..{Version})");
        int inputSize = GetInt(Get(root, "input_size", JsonValueKind.Number), "input_size");
        if (inputSize <= 0) throw new FormatProblem($"'input_size' must be positive, got {inputSize}");

        var layersElement = Get(root, "layers", JsonValueKind.Array);
        int layerCount = layersElement.GetArrayLength();
        var layers = new List<Layer>();
        var sizes = new List<int> { inputSize };
        int index = 0;
        foreach (var le in layersElement.EnumerateArray())
        {
            string where = $"layers[{index}]";
            if (le.ValueKind != JsonValueKind.Object) throw new FormatProblem($"{where} is not an object");
            string spec = Get(le, "activation", JsonValueKind.String, where).GetString()!;
            var activation = ActivationCatalog.TryParse(spec, out string? err) ?? throw new FormatProblem($"{where}: {err}");

            int[] sources = [index];
            if (le.TryGetProperty("sources", out var se))
            {
                if (se.ValueKind != JsonValueKind.Array) throw new FormatProblem($"{where}.sources is not an array");
                sources = [.. se.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number ? GetInt(e, $"{where}.sources") : throw new FormatProblem($"{where}.sources holds a non-number"))];
                foreach (int s in sources)
                    if (s < 0 || s > index) throw new FormatProblem($"{where}.sources names node {s}; only 0..{index} exist");
            }
            long fanInTotal = sources.Sum(s => (long)sizes[s]);
            if (fanInTotal > int.MaxValue) throw new FormatProblem($"{where}: its sources provide {fanInTotal} inputs, more than {int.MaxValue}");
            int fanIn = (int)fanInTotal;

            var rows = Get(le, "weights", JsonValueKind.Array, where);
            int outSize = rows.GetArrayLength();
            if (outSize == 0) throw new FormatProblem($"{where}.weights is empty");
            // The shape is checked against the rows the file holds before anything is allocated, so
            // that a huge input_size is an error about the file, not an overflowing allocation.
            int r = 0;
            foreach (var row in rows.EnumerateArray())
            {
                if (row.ValueKind != JsonValueKind.Array) throw new FormatProblem($"{where}.weights[{r}] is not an array");
                if (row.GetArrayLength() != fanIn)
                    throw new FormatProblem($"{where}.weights[{r}] has {row.GetArrayLength()} entries, but the layer's sources provide {fanIn} inputs");
                r++;
            }
            var weights = new double[outSize * fanIn];
            int step = Math.Max(1, outSize / 100);
            r = 0;
            foreach (var row in rows.EnumerateArray())
            {
                if (parsed is not null && r % step == 0) parsed((index + (double)r / outSize) / layerCount);
                int c = 0;
                foreach (var v in row.EnumerateArray())
                {
                    weights[r * fanIn + c] = TryFinite(v, out double d) ? d : GetDouble(v, $"{where}.weights[{r}][{c}]");
                    c++;
                }
                r++;
            }
            var biasElement = Get(le, "bias", JsonValueKind.Array, where);
            if (biasElement.GetArrayLength() != outSize)
                throw new FormatProblem($"{where}.bias has {biasElement.GetArrayLength()} entries, expected {outSize} (one per row of weights)");
            var bias = biasElement.EnumerateArray().Select((v, i) => TryFinite(v, out double d) ? d : GetDouble(v, $"{where}.bias[{i}]")).ToArray();

            bool[] mask = [];
            if (le.TryGetProperty("mask", out var me))
            {
                if (me.ValueKind != JsonValueKind.Array || me.GetArrayLength() != outSize) throw new FormatProblem($"{where}.mask must have {outSize} rows");
                mask = new bool[outSize * fanIn];
                int mr = 0;
                foreach (var row in me.EnumerateArray())
                {
                    if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != fanIn) throw new FormatProblem($"{where}.mask[{mr}] must have {fanIn} entries");
                    int c = 0;
                    foreach (var v in row.EnumerateArray())
                        mask[mr * fanIn + c++] = v.ValueKind switch
                        {
                            JsonValueKind.True => true,
                            JsonValueKind.False => false,
                            JsonValueKind.Number when v.GetDouble() is 0 or 1 => v.GetDouble() == 1,
                            _ => throw new FormatProblem($"{where}.mask[{mr}][{c - 1}] must be 0, 1, true or false"),
                        };
                    mr++;
                }
            }
            try
            {
                layers.Add(new Layer(fanIn, outSize, weights, bias, activation, sources, mask));
            }
            catch (InvalidNetworkException e) { throw new FormatProblem($"{where}: {e.Message}"); }
            sizes.Add(outSize);
            index++;
        }
        if (layers.Count == 0) throw new FormatProblem("'layers' is empty: a network needs at least one layer");
        return new Network(inputSize, layers);
    }

    private static JsonElement Get(JsonElement obj, string name, JsonValueKind kind, string? where = null)
    {
        string field = where is null ? $"'{name}'" : $"{where}.{name}";
        if (!obj.TryGetProperty(name, out var e)) throw new FormatProblem($"missing field {field}");
        if (e.ValueKind != kind) throw new FormatProblem($"field {field} should be {kind.ToString().ToLowerInvariant()}, found {e.ValueKind.ToString().ToLowerInvariant()}");
        return e;
    }

    // JSON does not tell 1e9 from 1000000000: a whole number in exponent form is the same integer.
    private static int GetInt(JsonElement e, string field) =>
        e.TryGetInt32(out int v) ? v
        : e.TryGetDouble(out double d) && d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue ? (int)d
        : throw new FormatProblem($"{field} must be an integer from {int.MinValue} to {int.MaxValue}, found {e.GetRawText()}");

    // The common case, a finite number, without the location text or the raw-text copy that only
    // GetDouble's other cases need: reading a 100 MB file spent most of its time building them.
    private static bool TryFinite(JsonElement e, out double value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out value) && double.IsFinite(value);
    }

    // Non-finite weights are read (as "NaN"/"Infinity" strings or overflowing literals) so that the
    // network's validation can name their location; anything else non-numeric is a format error.
    private static double GetDouble(JsonElement e, string field)
    {
        if (e.ValueKind == JsonValueKind.Number)
        {
            if (double.TryParse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return d;
        }
        else if (e.ValueKind == JsonValueKind.String && double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && !double.IsFinite(s))
            return s;
        throw new FormatProblem($"{field} is not a number: {e.GetRawText()}");
    }
}

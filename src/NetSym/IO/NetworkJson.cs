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

    /// <summary>
    /// The newest schema version this build reads and writes: version 2 stores an input shape and
    /// layers of every <see cref="LayerKind"/>. A network of dense layers over a flat input is written
    /// as version <see cref="DenseVersion"/>, as before version 2 existed.
    /// </summary>
    public const int Version = 2;

    /// <summary>The version written for networks of dense layers over a flat input (an MLP, with or without skips and masks).</summary>
    public const int DenseVersion = 1;

    /// <summary>The <c>kind</c> of a version-2 layer, as the file spells it.</summary>
    internal static IReadOnlyDictionary<LayerKind, string> KindNames { get; } = new Dictionary<LayerKind, string>
    {
        [LayerKind.Dense] = "dense",
        [LayerKind.Convolution] = "convolution",
        [LayerKind.MaxPool] = "max_pool",
        [LayerKind.AveragePool] = "average_pool",
        [LayerKind.Add] = "add",
    };

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
                return NetworkJsonReader.FromDocument(doc.RootElement, parsed);
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
        bool dense = network.HasDenseLayersOnly && network.InputShape.IsFlat;
        w.WriteLine("{");
        w.WriteLine($"  \"format\": {Quote(FormatName)},");
        w.WriteLine($"  \"version\": {Integer(dense ? DenseVersion : Version)},");
        w.WriteLine(dense
            ? $"  \"input_size\": {Integer(network.InputSize)},"
            : $"  \"input_shape\": {Integers([network.InputShape.Channels, .. network.InputShape.Spatial])},");
        w.WriteLine("  \"layers\": [");
        var stages = new ProgressStages(progress, network.Layers.Count);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            stages.Begin($"writing layer {l + 1} of {network.Layers.Count} ({layer.OutputSize} × {layer.InputSize})");
            w.WriteLine("    {");
            // Each field is written without its line end, so that the next one can put the comma first.
            bool first = true;
            void Next()
            {
                if (!first) w.WriteLine(",");
                first = false;
            }
            if (!dense)
            {
                Next();
                w.Write($"      \"kind\": {Quote(KindNames[layer.Kind])}");
            }
            if (layer.Kind is not (LayerKind.MaxPool or LayerKind.AveragePool))
            {
                Next();
                w.Write($"      \"activation\": {Quote(layer.Activation.Spec)}");
            }
            if (!network.Graph.ReadsPreviousOnly(l))
            {
                Next();
                w.Write($"      \"sources\": {Integers(layer.Sources)}");
            }
            if (layer.Window is { } window)
            {
                foreach (var (name, values) in (ReadOnlySpan<(string, IReadOnlyList<int>)>)
                    [("kernel", window.Kernel), ("stride", window.Stride), ("pad_begin", window.PadBegin), ("pad_end", window.PadEnd), ("dilation", window.Dilation)])
                {
                    Next();
                    w.Write($"      \"{name}\": {Integers(values)}");
                }
            }
            if (layer.Kind == LayerKind.Convolution)
            {
                Next();
                w.Write($"      \"groups\": {Integer(layer.Groups)}");
            }
            if (layer.Kind is LayerKind.Dense or LayerKind.Convolution)
            {
                Next();
                w.WriteLine("      \"weights\": [");
                WriteRows(w, layer.Units, i => Row(layer.Weights.Slice(i * layer.WeightColumns, layer.WeightColumns)), stages.Within);
                w.Write("      ]");
                Next();
                w.Write($"      \"bias\": {Row(layer.Bias)}");
            }
            if (!layer.IsDense)
            {
                Next();
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

    private static string Integers(IEnumerable<int> values) => $"[{string.Join(", ", values.Select(Integer))}]";

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
}

using System.Globalization;
using System.Text.Json;
using NetSym.Networks;

namespace NetSym.IO;

/// <summary>
/// Reads a parsed NetSym JSON document (docs/format.md) into a network: version 1 (dense layers over
/// a flat input) and version 2 (an input shape and layers of every <see cref="LayerKind"/>). Every
/// problem is a <see cref="FormatProblem"/> naming the field, checked before anything large is
/// allocated.
/// </summary>
internal static class NetworkJsonReader
{
    /// <summary>The network the document describes; <paramref name="parsed"/> is told the share of weight rows converted.</summary>
    public static Network FromDocument(JsonElement root, Action<double>? parsed)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new FormatProblem("expected a JSON object at the top level");
        string format = Get(root, "format", JsonValueKind.String).GetString()!;
        if (format != NetworkJson.FormatName) throw new FormatProblem($"'format' is '{format}', expected '{NetworkJson.FormatName}'");
        int version = GetInt(Get(root, "version", JsonValueKind.Number), "version");
        if (version < 1 || version > NetworkJson.Version)
            throw new FormatProblem($"unsupported version {version} (this NetSym reads versions 1..{NetworkJson.Version})");
        var inputShape = version == 1 ? ReadInputSize(root) : ReadInputShape(root);

        var layersElement = Get(root, "layers", JsonValueKind.Array);
        int layerCount = layersElement.GetArrayLength();
        var layers = new List<Layer>();
        var shapes = new List<NodeShape> { inputShape };
        int index = 0;
        foreach (var le in layersElement.EnumerateArray())
        {
            string where = $"layers[{index}]";
            if (le.ValueKind != JsonValueKind.Object) throw new FormatProblem($"{where} is not an object");
            var kind = version == 1 ? LayerKind.Dense : ReadKind(le, where);
            if (version > 1) RefuseForeignFields(le, where, kind);
            int at = index;
            var context = new LayerContext(le, where, index, shapes, parsed is null ? null : share => parsed((at + share) / layerCount));
            Layer layer;
            try
            {
                layer = kind switch
                {
                    LayerKind.Dense => ReadDense(context),
                    LayerKind.Convolution => ReadConvolution(context),
                    LayerKind.MaxPool or LayerKind.AveragePool => ReadPooling(context, kind),
                    _ => ReadAdd(context),
                };
            }
            catch (InvalidNetworkException e) { throw new FormatProblem($"{where}: {e.Message}"); }
            layers.Add(layer);
            shapes.Add(layer.OutputShape);
            index++;
        }
        if (layers.Count == 0) throw new FormatProblem("'layers' is empty: a network needs at least one layer");
        return new Network(inputShape, layers);
    }

    /// <summary>One layer's element, its location for messages, its index and the shapes of the nodes before it.</summary>
    private sealed record LayerContext(JsonElement Element, string Where, int Index, List<NodeShape> Shapes, Action<double>? Parsed);

    private static NodeShape ReadInputSize(JsonElement root)
    {
        int inputSize = GetInt(Get(root, "input_size", JsonValueKind.Number), "input_size");
        if (inputSize <= 0) throw new FormatProblem($"'input_size' must be positive, got {inputSize}");
        return NodeShape.Flat(inputSize);
    }

    private static NodeShape ReadInputShape(JsonElement root)
    {
        if (!root.TryGetProperty("input_shape", out _) && root.TryGetProperty("input_size", out _))
            throw new FormatProblem("version 2 gives the input as 'input_shape' ([channels, spatial extents…]), not 'input_size'");
        int[] shape = IntArray(Get(root, "input_shape", JsonValueKind.Array), "'input_shape'");
        if (shape.Length is < 1 or > 3)
            throw new FormatProblem($"'input_shape' must hold channels and up to two spatial extents, got {shape.Length} entries");
        try
        {
            return new NodeShape(shape[0], shape[1..]);
        }
        catch (InvalidNetworkException e) { throw new FormatProblem($"'input_shape': {e.Message}"); }
    }

    private static LayerKind ReadKind(JsonElement le, string where)
    {
        string name = Get(le, "kind", JsonValueKind.String, where).GetString()!;
        foreach (var (kind, known) in NetworkJson.KindNames)
            if (known == name) return kind;
        throw new FormatProblem($"{where}.kind is '{name}'; expected one of {string.Join(", ", NetworkJson.KindNames.Values)}");
    }

    private static Layer ReadDense(LayerContext c)
    {
        var activation = ReadActivation(c.Element, c.Where);
        int[] sources = ReadSources(c, [c.Index]);
        long fanInTotal = sources.Sum(s => (long)c.Shapes[s].Size);
        if (fanInTotal > int.MaxValue) throw new FormatProblem($"{c.Where}: its sources provide {fanInTotal} inputs, more than {int.MaxValue}");
        int fanIn = (int)fanInTotal;
        var (weights, outSize) = ReadRows(c, fanIn, $"the layer's sources provide {fanIn} inputs");
        var bias = ReadBias(c, outSize);
        var mask = ReadMask(c, outSize, fanIn);
        return new Layer(fanIn, outSize, weights, bias, activation, sources, mask);
    }

    private static Layer ReadConvolution(LayerContext c)
    {
        var activation = ReadActivation(c.Element, c.Where);
        int source = ReadSingleSource(c, "convolution layers read");
        var input = c.Shapes[source];
        var window = ReadWindow(c, input, source);
        int groups = c.Element.TryGetProperty("groups", out var ge) ? GetInt(ge, $"{c.Where}.groups") : 1;
        if (groups <= 0 || input.Channels % groups != 0)
            throw new FormatProblem($"{c.Where}.groups is {groups}, but it must be positive and divide the input's {input.Channels} channels");
        int inPerGroup = input.Channels / groups;
        long columns = (long)inPerGroup * window.WindowSize;
        if (columns > int.MaxValue) throw new FormatProblem($"{c.Where}: a kernel of {inPerGroup} channels × {window.WindowSize} taps is too large");
        var (kernel, outputChannels) = ReadRows(c, (int)columns, $"a kernel over {inPerGroup} input channels × {window.WindowSize} taps has {columns} entries");
        var bias = ReadBias(c, outputChannels);
        return Layer.Convolution(input, outputChannels, window, groups, kernel, bias, activation, source);
    }

    private static Layer ReadPooling(LayerContext c, LayerKind kind)
    {
        string what = $"{NetworkJson.KindNames[kind]} layers";
        if (c.Element.TryGetProperty("activation", out _) && !ReadActivation(c.Element, c.Where).IsIdentity)
            throw new FormatProblem($"{c.Where}.activation: {what} have no activation (only \"identity\" may be given)");
        int source = ReadSingleSource(c, $"{what} read");
        return Layer.Pooling(kind, c.Shapes[source], ReadWindow(c, c.Shapes[source], source), source);
    }

    private static Layer ReadAdd(LayerContext c)
    {
        var activation = ReadActivation(c.Element, c.Where);
        Get(c.Element, "sources", JsonValueKind.Array, c.Where);
        int[] sources = ReadSources(c, []);
        if (sources.Length == 0) throw new FormatProblem($"{c.Where}.sources is empty: an addition needs at least two sources");
        // The shapes of the other sources are compared with the first by the network's own validation.
        return Layer.Add(c.Shapes[sources[0]], sources, activation);
    }

    private static readonly string[] WindowFields = ["kernel", "stride", "pad_begin", "pad_end", "dilation"];

    // A field another kind has is refused rather than ignored: a hand-written file that gives a pooling
    // layer weights, or a dense layer a window, means something this layer cannot hold.
    private static void RefuseForeignFields(JsonElement le, string where, LayerKind kind)
    {
        string[] foreign = kind switch
        {
            LayerKind.Dense => [.. WindowFields, "groups"],
            LayerKind.Convolution => ["mask"],
            LayerKind.MaxPool or LayerKind.AveragePool => ["weights", "bias", "mask", "groups"],
            _ => ["weights", "bias", "mask", "groups", .. WindowFields],
        };
        foreach (string field in foreign)
            if (le.TryGetProperty(field, out _))
                throw new FormatProblem($"{where}.{field}: {NetworkJson.KindNames[kind]} layers have no {field}");
    }

    private static Activation ReadActivation(JsonElement le, string where)
    {
        string spec = Get(le, "activation", JsonValueKind.String, where).GetString()!;
        return ActivationCatalog.TryParse(spec, out string? err) ?? throw new FormatProblem($"{where}: {err}");
    }

    /// <summary>The layer's sources, or <paramref name="defaults"/> when the field is absent; each must name an existing node.</summary>
    private static int[] ReadSources(LayerContext c, int[] defaults)
    {
        if (!c.Element.TryGetProperty("sources", out var se)) return defaults;
        if (se.ValueKind != JsonValueKind.Array) throw new FormatProblem($"{c.Where}.sources is not an array");
        int[] sources = [.. se.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number ? GetInt(e, $"{c.Where}.sources") : throw new FormatProblem($"{c.Where}.sources holds a non-number"))];
        foreach (int s in sources)
            if (s < 0 || s > c.Index) throw new FormatProblem($"{c.Where}.sources names node {s}; only 0..{c.Index} exist");
        return sources;
    }

    private static int ReadSingleSource(LayerContext c, string what)
    {
        int[] sources = ReadSources(c, [c.Index]);
        if (sources.Length != 1)
            throw new FormatProblem($"{c.Where}.sources lists {sources.Length} nodes, but {what} exactly one");
        return sources[0];
    }

    /// <summary>The window fields, all required, with as many entries as <paramref name="input"/> has spatial axes.</summary>
    private static WindowGeometry ReadWindow(LayerContext c, NodeShape input, int source)
    {
        if (input.IsFlat)
            throw new FormatProblem($"{c.Where} slides a window over node {source}, but that node is a vector of {input.Size} entries without spatial axes");
        int[] Field(string name)
        {
            int[] values = IntArray(Get(c.Element, name, JsonValueKind.Array, c.Where), $"{c.Where}.{name}");
            if (values.Length != input.Spatial.Count)
                throw new FormatProblem($"{c.Where}.{name} has {values.Length} entries, but node {source} of shape {input} has {input.Spatial.Count} spatial axes");
            return values;
        }
        var window = new WindowGeometry(Field("kernel"), Field("stride"), Field("pad_begin"), Field("pad_end"), Field("dilation"));
        window.OutputSpatial(input.Spatial); // a window that does not fit is named here, with the layer
        return window;
    }

    /// <summary>
    /// The rows of <c>weights</c>, each of <paramref name="columns"/> entries (<paramref name="expected"/>
    /// says why, for the message), row-major; the number of rows is the layer's units.
    /// </summary>
    private static (double[] Values, int Rows) ReadRows(LayerContext c, int columns, string expected)
    {
        var rows = Get(c.Element, "weights", JsonValueKind.Array, c.Where);
        int count = rows.GetArrayLength();
        if (count == 0) throw new FormatProblem($"{c.Where}.weights is empty");
        // The shape is checked against the rows the file holds before anything is allocated, so
        // that a huge input size is an error about the file, not an overflowing allocation.
        int r = 0;
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array) throw new FormatProblem($"{c.Where}.weights[{r}] is not an array");
            if (row.GetArrayLength() != columns)
                throw new FormatProblem($"{c.Where}.weights[{r}] has {row.GetArrayLength()} entries, but {expected}");
            r++;
        }
        var values = new double[(long)count * columns];
        int step = Math.Max(1, count / 100);
        r = 0;
        foreach (var row in rows.EnumerateArray())
        {
            if (c.Parsed is not null && r % step == 0) c.Parsed((double)r / count);
            int col = 0;
            foreach (var v in row.EnumerateArray())
            {
                values[(long)r * columns + col] = TryFinite(v, out double d) ? d : GetDouble(v, $"{c.Where}.weights[{r}][{col}]");
                col++;
            }
            r++;
        }
        return (values, count);
    }

    private static double[] ReadBias(LayerContext c, int units)
    {
        var biasElement = Get(c.Element, "bias", JsonValueKind.Array, c.Where);
        if (biasElement.GetArrayLength() != units)
            throw new FormatProblem($"{c.Where}.bias has {biasElement.GetArrayLength()} entries, expected {units} (one per row of weights)");
        return [.. biasElement.EnumerateArray().Select((v, i) => TryFinite(v, out double d) ? d : GetDouble(v, $"{c.Where}.bias[{i}]"))];
    }

    private static bool[] ReadMask(LayerContext c, int outSize, int fanIn)
    {
        if (!c.Element.TryGetProperty("mask", out var me)) return [];
        string where = c.Where;
        if (me.ValueKind != JsonValueKind.Array || me.GetArrayLength() != outSize) throw new FormatProblem($"{where}.mask must have {outSize} rows");
        var mask = new bool[outSize * fanIn];
        int mr = 0;
        foreach (var row in me.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != fanIn) throw new FormatProblem($"{where}.mask[{mr}] must have {fanIn} entries");
            int col = 0;
            foreach (var v in row.EnumerateArray())
                mask[mr * fanIn + col++] = v.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number when v.GetDouble() is 0 or 1 => v.GetDouble() == 1,
                    _ => throw new FormatProblem($"{where}.mask[{mr}][{col - 1}] must be 0, 1, true or false"),
                };
            mr++;
        }
        return mask;
    }

    private static JsonElement Get(JsonElement obj, string name, JsonValueKind kind, string? where = null)
    {
        string field = where is null ? $"'{name}'" : $"{where}.{name}";
        if (!obj.TryGetProperty(name, out var e)) throw new FormatProblem($"missing field {field}");
        if (e.ValueKind != kind) throw new FormatProblem($"field {field} should be {kind.ToString().ToLowerInvariant()}, found {e.ValueKind.ToString().ToLowerInvariant()}");
        return e;
    }

    private static int[] IntArray(JsonElement array, string field) =>
        [.. array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number ? GetInt(e, field) : throw new FormatProblem($"{field} holds a non-number: {e.GetRawText()}"))];

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

using System.Buffers.Binary;
using System.Text.Json;

namespace NetSym.IO;

/// <summary>One tensor of a safetensors file: dtype, shape and its byte range in the data section.</summary>
internal sealed record SafetensorsTensor(string Name, string DType, long[] Shape, long Begin, long End)
{
    /// <summary>The shape as "[a,b]" for messages.</summary>
    public string ShapeText => $"[{string.Join(",", Shape)}]";
}

/// <summary>
/// The safetensors container: an 8-byte little-endian header length N, N bytes of JSON mapping each
/// tensor name to {dtype, shape, data_offsets: [begin, end]} (offsets relative to the data that
/// follows the header; "__metadata__" holds free-form strings), then the data.
/// </summary>
internal sealed class SafetensorsFile
{
    private static readonly Dictionary<string, int> DTypeSizes = new(StringComparer.Ordinal) { ["F32"] = 4, ["F64"] = 8, ["F16"] = 2, ["BF16"] = 2 };

    private readonly byte[] _bytes;
    private readonly long _dataStart;

    private SafetensorsFile(byte[] bytes, long dataStart, List<SafetensorsTensor> tensors)
    {
        _bytes = bytes;
        _dataStart = dataStart;
        Tensors = tensors;
    }

    /// <summary>The tensors in header order.</summary>
    public IReadOnlyList<SafetensorsTensor> Tensors { get; }

    /// <summary>Parses and validates the header: lengths, JSON, dtypes, shapes, and that every byte range lies inside the data and overlaps no other.</summary>
    /// <exception cref="FormatProblem">Whatever does not hold.</exception>
    public static SafetensorsFile Parse(byte[] bytes)
    {
        if (bytes.Length < 8)
            throw new FormatProblem($"truncated: {bytes.Length} bytes, fewer than the 8-byte header length that starts a safetensors file");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)(bytes.Length - 8))
            throw new FormatProblem($"the header length {headerLength} exceeds the {bytes.Length - 8} bytes that follow it (truncated, or not a safetensors file)");
        long dataStart = 8 + (long)headerLength, dataLength = bytes.Length - dataStart;

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new FormatProblem($"malformed JSON header at {JsonErrorText.Describe(e)}");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new FormatProblem("the JSON header is not an object");
            var tensors = new List<SafetensorsTensor>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Name == "__metadata__") continue;
                if (!names.Add(p.Name)) throw new FormatProblem($"the header names tensor '{p.Name}' twice");
                var t = Entry(p.Name, p.Value);
                if (t.End > dataLength)
                    throw new FormatProblem($"tensor '{t.Name}' has data_offsets [{t.Begin},{t.End}] beyond the {dataLength} bytes of data (truncated?)");
                tensors.Add(t);
            }
            var byOffset = tensors.Where(t => t.End > t.Begin).OrderBy(t => t.Begin).ToList();
            for (int i = 1; i < byOffset.Count; i++)
                if (byOffset[i].Begin < byOffset[i - 1].End)
                    throw new FormatProblem($"tensors '{byOffset[i - 1].Name}' [{byOffset[i - 1].Begin},{byOffset[i - 1].End}] and '{byOffset[i].Name}' [{byOffset[i].Begin},{byOffset[i].End}] overlap in the data");
            return new SafetensorsFile(bytes, dataStart, tensors);
        }
    }

    /// <summary>The tensor's values, row-major, widened exactly to double.</summary>
    public double[] Values(SafetensorsTensor t)
    {
        int size = DTypeSizes[t.DType];
        var data = _bytes.AsSpan((int)(_dataStart + t.Begin), (int)(t.End - t.Begin));
        var values = new double[data.Length / size];
        for (int i = 0; i < values.Length; i++)
        {
            var bytes = data[(i * size)..];
            values[i] = t.DType switch
            {
                "F32" => BinaryPrimitives.ReadSingleLittleEndian(bytes),
                "F64" => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
                "F16" => (double)BinaryPrimitives.ReadHalfLittleEndian(bytes),
                _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes) << 16), // BF16: the top half of a float32
            };
        }
        return values;
    }

    private static SafetensorsTensor Entry(string name, JsonElement e)
    {
        string where = $"tensor '{name}'";
        if (e.ValueKind != JsonValueKind.Object) throw new FormatProblem($"{where}: header entry is not an object");
        if (!e.TryGetProperty("dtype", out var dt) || dt.ValueKind != JsonValueKind.String) throw new FormatProblem($"{where}: missing 'dtype'");
        string dtype = dt.GetString()!;
        if (!DTypeSizes.TryGetValue(dtype, out int size))
            throw new FormatProblem($"{where} has dtype {dtype}; NetSym reads {string.Join(", ", DTypeSizes.Keys)}");
        long[] shape = Integers(e, "shape", where);
        long[] offsets = Integers(e, "data_offsets", where);
        if (offsets.Length != 2 || offsets[0] > offsets[1])
            throw new FormatProblem($"{where}: 'data_offsets' must be [begin, end] with begin ≤ end, got [{string.Join(",", offsets)}]");
        long count = 1;
        foreach (long d in shape)
        {
            count = d <= int.MaxValue ? count * d : long.MaxValue;
            if (count > int.MaxValue) throw new FormatProblem($"{where} has shape [{string.Join(",", shape)}], too large to read");
        }
        if (offsets[1] - offsets[0] != count * size)
            throw new FormatProblem($"{where} spans {offsets[1] - offsets[0]} bytes, but dtype {dtype} and shape [{string.Join(",", shape)}] need {count * size}");
        return new SafetensorsTensor(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] Integers(JsonElement e, string field, string where)
    {
        if (!e.TryGetProperty(field, out var a) || a.ValueKind != JsonValueKind.Array) throw new FormatProblem($"{where}: missing '{field}'");
        return [.. a.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long x) && x >= 0
            ? x
            : throw new FormatProblem($"{where}: '{field}' holds {v.GetRawText()}, not a non-negative integer"))];
    }
}

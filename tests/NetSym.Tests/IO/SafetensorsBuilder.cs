using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace NetSym.Tests.IO;

/// <summary>Writes safetensors files the way the safetensors library lays them out, to test the reader.</summary>
internal sealed class SafetensorsBuilder
{
    private readonly List<(string Name, string DType, long[] Shape, byte[] Data)> _tensors = [];

    public SafetensorsBuilder F32(string name, long[] shape, params double[] values) =>
        Add(name, "F32", shape, values.SelectMany(v => BitConverter.GetBytes((float)v)).ToArray());

    public SafetensorsBuilder F64(string name, long[] shape, params double[] values) =>
        Add(name, "F64", shape, values.SelectMany(BitConverter.GetBytes).ToArray());

    public SafetensorsBuilder F16(string name, long[] shape, params double[] values) =>
        Add(name, "F16", shape, values.SelectMany(v => BitConverter.GetBytes((Half)v)).ToArray());

    /// <summary>bfloat16: the upper 16 bits of the float32 (the values must be exact in bfloat16).</summary>
    public SafetensorsBuilder BF16(string name, long[] shape, params double[] values) =>
        Add(name, "BF16", shape, values.SelectMany(v => BitConverter.GetBytes((ushort)(BitConverter.SingleToInt32Bits((float)v) >> 16))).ToArray());

    public SafetensorsBuilder Add(string name, string dtype, long[] shape, byte[] data)
    {
        _tensors.Add((name, dtype, shape, data));
        return this;
    }

    /// <summary>The file: data in the order the tensors were added, header entries in <paramref name="headerOrder"/> (default: the same).</summary>
    public byte[] Build(IEnumerable<string>? headerOrder = null)
    {
        var offsets = new Dictionary<string, (long Begin, long End)>();
        long at = 0;
        foreach (var t in _tensors)
        {
            offsets[t.Name] = (at, at + t.Data.Length);
            at += t.Data.Length;
        }
        var header = new Dictionary<string, object> { ["__metadata__"] = new Dictionary<string, string> { ["format"] = "pt" } };
        foreach (string name in headerOrder ?? _tensors.Select(t => t.Name))
        {
            var t = _tensors.Single(x => x.Name == name);
            header[name] = new { dtype = t.DType, shape = t.Shape, data_offsets = new[] { offsets[name].Begin, offsets[name].End } };
        }
        return Assemble(JsonSerializer.Serialize(header), [.. _tensors.SelectMany(t => t.Data)]);
    }

    /// <summary>A file from a literal header and data, the length prefix computed.</summary>
    public static byte[] Assemble(string header, byte[] data)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        return bytes;
    }
}

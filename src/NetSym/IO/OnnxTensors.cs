using System.Buffers.Binary;
using Google.Protobuf;
using Onnx;

namespace NetSym.IO;

/// <summary>A dense tensor read from an ONNX initializer, widened to double.</summary>
internal sealed record OnnxTensor(string Name, long[] Shape, double[] Values)
{
    /// <summary>The shape as "[a,b]" for messages.</summary>
    public string ShapeText => $"[{string.Join(",", Shape)}]";
}

/// <summary>Conversion between ONNX <see cref="TensorProto"/> initializers and doubles.</summary>
internal static class OnnxTensors
{
    private const int Float = (int)TensorProto.Types.DataType.Float;
    private const int Double = (int)TensorProto.Types.DataType.Double;
    private const int Int64 = (int)TensorProto.Types.DataType.Int64;

    /// <summary>
    /// Decodes a float32 or float64 initializer, from <c>raw_data</c> (little-endian, as the ONNX
    /// spec fixes it) or from <c>float_data</c>/<c>double_data</c>. float32 is widened exactly.
    /// </summary>
    /// <exception cref="FormatProblem">Another data type, external data, or a size that does not match the shape.</exception>
    public static OnnxTensor Decode(TensorProto t)
    {
        string what = $"initializer '{t.Name}'";
        int n = Count(t, what);
        double[] values;
        switch (t.DataType)
        {
            case Float when !t.RawData.IsEmpty:
                CheckLength(what, t.RawData.Length, 4L * n, "bytes of raw float32 data");
                var raw = t.RawData.Span;
                values = new double[n];
                for (int i = 0; i < n; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(4 * i)..]);
                break;
            case Float:
                CheckLength(what, t.FloatData.Count, n, "float_data entries");
                values = [.. t.FloatData.Select(f => (double)f)];
                break;
            case Double when !t.RawData.IsEmpty:
                CheckLength(what, t.RawData.Length, 8L * n, "bytes of raw float64 data");
                var raw64 = t.RawData.Span;
                values = new double[n];
                for (int i = 0; i < n; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(raw64[(8 * i)..]);
                break;
            case Double:
                CheckLength(what, t.DoubleData.Count, n, "double_data entries");
                values = [.. t.DoubleData];
                break;
            default:
                throw new FormatProblem($"{what} has data type {TypeName(t.DataType)}; NetSym reads float and double tensors");
        }
        return new OnnxTensor(t.Name, [.. t.Dims], values);
    }

    /// <summary>The values of an int64 initializer (pads, axes, shapes), from <c>raw_data</c> or <c>int64_data</c>.</summary>
    /// <exception cref="FormatProblem">Another data type, external data, or a size that does not match the shape.</exception>
    public static long[] DecodeInt64(TensorProto t)
    {
        string what = $"initializer '{t.Name}'";
        int n = Count(t, what);
        if (t.DataType != Int64) throw new FormatProblem($"{what} has data type {TypeName(t.DataType)}; expected int64");
        if (t.RawData.IsEmpty)
        {
            CheckLength(what, t.Int64Data.Count, n, "int64_data entries");
            return [.. t.Int64Data];
        }
        CheckLength(what, t.RawData.Length, 8L * n, "bytes of raw int64 data");
        var raw = t.RawData.Span;
        var values = new long[n];
        for (int i = 0; i < n; i++) values[i] = BinaryPrimitives.ReadInt64LittleEndian(raw[(8 * i)..]);
        return values;
    }

    // The number of entries the shape declares, checked before anything is allocated for the data.
    private static int Count(TensorProto t, string what)
    {
        if (t.DataLocation == TensorProto.Types.DataLocation.External)
            throw new FormatProblem($"{what} keeps its data in an external file, which NetSym does not read");
        long count = 1;
        foreach (long d in t.Dims)
        {
            if (d < 0 || d > int.MaxValue) throw new FormatProblem($"{what} has an invalid dimension {d}");
            count = checked(count * d);
            if (count > int.MaxValue) throw new FormatProblem($"{what} is too large ({string.Join("×", t.Dims)} entries)");
        }
        return (int)count;
    }

    private static string TypeName(int type) => Enum.IsDefined(typeof(TensorProto.Types.DataType), type)
        ? ((TensorProto.Types.DataType)type).ToString().ToLowerInvariant()
        : $"#{type}";

    /// <summary>A float32 initializer in <c>raw_data</c>; every value is rounded to the nearest float32.</summary>
    public static TensorProto Float32(string name, long[] shape, ReadOnlySpan<double> values)
    {
        var bytes = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), (float)values[i]);
        var t = new TensorProto { Name = name, DataType = Float, RawData = ByteString.CopyFrom(bytes) };
        t.Dims.AddRange(shape);
        return t;
    }

    private static void CheckLength(string what, long actual, long expected, string unit)
    {
        if (actual != expected) throw new FormatProblem($"{what} holds {actual} {unit}, but its shape needs {expected}");
    }
}

using System.Buffers.Binary;
using Google.Protobuf;
using Onnx;

namespace NetSym.Tests.IO;

/// <summary>Builds small ONNX models by hand, to test the reader on graphs PyTorch could write and on broken ones.</summary>
internal sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph = new() { Name = "test" };

    /// <summary>A graph with one float input; a null dimension is the symbolic batch axis.</summary>
    public OnnxGraphBuilder(string input, params long?[] shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (long? d in shape)
            tensorShape.Dim.Add(d is long v ? new TensorShapeProto.Types.Dimension { DimValue = v } : new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        _graph.Input.Add(new ValueInfoProto
        {
            Name = input,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = tensorShape } },
        });
    }

    /// <summary>A float32 initializer in raw_data.</summary>
    public OnnxGraphBuilder Float(string name, long[] shape, params double[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), (float)values[i]);
        return Tensor(name, shape, TensorProto.Types.DataType.Float, t => t.RawData = ByteString.CopyFrom(bytes));
    }

    /// <summary>A float32 initializer in float_data.</summary>
    public OnnxGraphBuilder FloatData(string name, long[] shape, params double[] values) =>
        Tensor(name, shape, TensorProto.Types.DataType.Float, t => t.FloatData.AddRange(values.Select(v => (float)v)));

    /// <summary>A float64 initializer in raw_data.</summary>
    public OnnxGraphBuilder Double(string name, long[] shape, params double[] values)
    {
        var bytes = new byte[8 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
        return Tensor(name, shape, TensorProto.Types.DataType.Double, t => t.RawData = ByteString.CopyFrom(bytes));
    }

    /// <summary>A float64 initializer in double_data.</summary>
    public OnnxGraphBuilder DoubleData(string name, long[] shape, params double[] values) =>
        Tensor(name, shape, TensorProto.Types.DataType.Double, t => t.DoubleData.AddRange(values));

    /// <summary>An initializer of any type, filled by <paramref name="fill"/>.</summary>
    public OnnxGraphBuilder Tensor(string name, long[] shape, TensorProto.Types.DataType type, Action<TensorProto> fill)
    {
        var t = new TensorProto { Name = name, DataType = (int)type };
        t.Dims.AddRange(shape);
        fill(t);
        _graph.Initializer.Add(t);
        return this;
    }

    /// <summary>A node; attributes are (name, float, long, string or long[]) pairs.</summary>
    public OnnxGraphBuilder Node(string opType, string name, string[] inputs, string output, params (string Name, object Value)[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        foreach (var (n, v) in attributes)
            node.Attribute.Add(v switch
            {
                float f => new AttributeProto { Name = n, Type = AttributeProto.Types.AttributeType.Float, F = f },
                long i => new AttributeProto { Name = n, Type = AttributeProto.Types.AttributeType.Int, I = i },
                string t => new AttributeProto { Name = n, Type = AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8(t) },
                long[] ints => new AttributeProto { Name = n, Type = AttributeProto.Types.AttributeType.Ints, Ints = { ints } },
                _ => throw new ArgumentException($"attribute {n}: {v.GetType()}"),
            });
        _graph.Node.Add(node);
        return this;
    }

    /// <summary>The serialised model with <paramref name="output"/> as the graph output.</summary>
    public byte[] Build(string output)
    {
        var graph = _graph.Clone();
        graph.Output.Add(new ValueInfoProto { Name = output });
        var model = new ModelProto { IrVersion = 7, ProducerName = "test", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Version = 13 });
        return model.ToByteArray();
    }
}

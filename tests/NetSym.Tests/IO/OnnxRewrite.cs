using System.Buffers.Binary;
using Google.Protobuf;
using NetSym.IO;
using NetSym.Networks;
using Onnx;

namespace NetSym.Tests.IO;

/// <summary>
/// ONNX models that NetSym's writer does not make, built from what it does make: the oracle and
/// extraction tests need float64 models (the writer stores float32, as PyTorch exports do) and
/// models with a fixed batch or an extra input.
/// </summary>
internal static class OnnxRewrite
{
    /// <summary>The network as <see cref="OnnxModelWriter"/> writes it, changed by <paramref name="edit"/>.</summary>
    public static byte[] Rewrite(Network network, Action<ModelProto> edit)
    {
        using var stream = new MemoryStream();
        OnnxModelWriter.Write(network, stream);
        var model = ModelProto.Parser.ParseFrom(stream.ToArray());
        edit(model);
        return model.ToByteArray();
    }

    /// <summary>The network as a float64 model: ONNX Runtime runs it in double, so an oracle of it answers every bit.</summary>
    /// <remarks>The writer rounds the parameters to float32 first: the model computes the network with its parameters so rounded.</remarks>
    public static byte[] Float64(Network network) => Rewrite(network, ToDouble);

    /// <summary>Every float32 initializer, the input and the output made float64 (the writer's Gemm and Relu run in either).</summary>
    public static void ToDouble(ModelProto model)
    {
        foreach (var t in model.Graph.Initializer)
        {
            Assert.Equal((int)TensorProto.Types.DataType.Float, t.DataType);
            var raw = t.RawData.Span;
            var bytes = new byte[raw.Length * 2];
            for (int k = 0; k < raw.Length / 4; k++)
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * k), BinaryPrimitives.ReadSingleLittleEndian(raw[(4 * k)..]));
            t.DataType = (int)TensorProto.Types.DataType.Double;
            t.RawData = ByteString.CopyFrom(bytes);
        }
        foreach (var v in model.Graph.Input.Concat(model.Graph.Output)) v.Type.TensorType.ElemType = (int)TensorProto.Types.DataType.Double;
    }
}

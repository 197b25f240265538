using Google.Protobuf;
using NetSym.Networks;
using Onnx;

namespace NetSym.IO;

/// <summary>
/// Reads MLPs, convolutional and residual networks from ONNX graphs as <c>torch.onnx.export</c> writes
/// them: Gemm or MatMul (+ Add) linear maps, Conv, pooling and residual Adds, each optionally followed
/// by one activation op, with Flatten, Reshape (N, −1), zero Pad, BatchNormalization (folded) and
/// Identity between them, in any order the graph's edges allow (see docs/format.md).
/// </summary>
/// <remarks>
/// Gemm computes α·x·B′ + β·C with B′ = B or Bᵀ, so the layer is W = α·B′ᵀ (out × in), b = β·C;
/// MatMul computes x·B with B in × out, so W = Bᵀ, with b from a following Add or zero. Initializers
/// in float32 are widened exactly. A graph is read whole or rejected: nothing half-read is returned.
/// </remarks>
public static class OnnxModelReader
{
    /// <summary>Reads an ONNX model file; <paramref name="notes"/>, when given, receives what reading changed (BatchNormalization folded, an activation moved before a max-pool), a line each.</summary>
    /// <exception cref="ModelFileException">An unreadable file, bytes that are not an ONNX model, an unsupported op or attribute (named with its node), a graph whose ops do not map onto layers, a missing or ill-shaped initializer, a non-finite weight.</exception>
    public static Network Read(string path, ICollection<string>? notes = null)
    {
        return Parse(ModelFileBytes.Read(path), path, notes);
    }

    /// <summary>Parses an ONNX model held in memory; <paramref name="source"/> names its origin in error messages; <paramref name="notes"/> as for <see cref="Read"/>.</summary>
    /// <exception cref="ModelFileException">As <see cref="Read"/>.</exception>
    public static Network Parse(byte[] bytes, string source, ICollection<string>? notes = null)
    {
        if (bytes.Length == 0) throw new ModelFileException(source, "the file is empty");
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelFileException(source, $"not a readable ONNX model (truncated, or not protobuf): {e.Message}", e);
        }
        try
        {
            // Protobuf reads many byte strings, truncated models among them, as some message; a whole
            // model has all three (opset_import is written last, after the graph).
            if (model.IrVersion <= 0 || model.Graph is null)
                throw new FormatProblem("not an ONNX model: no ir_version or no graph (truncated, or not an ONNX file)");
            if (!model.OpsetImport.Any(o => o.Domain is "" or "ai.onnx"))
                throw new FormatProblem("the model imports no version of the standard ONNX opset (truncated?)");
            var reader = new OnnxGraphReader(model.Graph);
            var network = reader.Read();
            foreach (string note in reader.Notes) notes?.Add(note);
            return network;
        }
        catch (FormatProblem e) { throw new ModelFileException(source, e.Message, e); }
        catch (InvalidNetworkException e) { throw new ModelFileException(source, e.Message, e); }
    }
}

using NetSym.Networks;

namespace NetSym.IO;

/// <summary>Writes a network as an ONNX graph.</summary>
public static class OnnxModelWriter
{
    /// <summary>Writes the network as ONNX to a stream.</summary>
    public static void Write(Network network, Stream stream) => throw new NotSupportedException("ONNX writing is not implemented yet");
}

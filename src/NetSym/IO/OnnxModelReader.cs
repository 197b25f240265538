using NetSym.Networks;

namespace NetSym.IO;

/// <summary>Reads MLPs from ONNX graphs as torch.onnx.export writes them.</summary>
public static class OnnxModelReader
{
    /// <summary>Reads an ONNX model file.</summary>
    public static Network Read(string path) => throw new ModelFileException(path, "ONNX reading is not implemented yet");
}

using System.Text.Json;
using NetSym.LinearAlgebra;

namespace NetSym.Tests.IO;

/// <summary>The PyTorch exports in Fixtures/ and the outputs PyTorch computed for them.</summary>
internal static class Fixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Onnx(string name) => Path.Combine(Directory, "onnx", name);

    public static string Safetensors(string name) => Path.Combine(Directory, "safetensors", name);

    /// <summary>Every ONNX fixture that NetSym must read (all but the Conv model and the BatchNormalization in training mode).</summary>
    public static TheoryData<string> ReadableOnnx()
    {
        var data = new TheoryData<string>();
        foreach (var f in System.IO.Directory.GetFiles(Path.Combine(Directory, "onnx"), "*.onnx").Order(StringComparer.Ordinal))
            if (Path.GetFileName(f) is not ("unsupported_conv1d.onnx" or "bn_mlp_training_mode_opset17.onnx")) data.Add(Path.GetFileName(f));
        return data;
    }

    /// <summary>NAME.expected.json beside the model: 16 inputs (flattened row-major) and PyTorch's float32 outputs.</summary>
    public static (Matrix Inputs, Matrix Outputs) Expected(string modelPath)
    {
        string path = Path.ChangeExtension(modelPath, null) + ".expected.json";
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return (Rows(doc.RootElement.GetProperty("inputs")), Rows(doc.RootElement.GetProperty("outputs")));
    }

    private static Matrix Rows(JsonElement array) =>
        Matrix.FromRows([.. array.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray())]);
}

namespace NetSym.Cli;

/// <summary>Model formats in words, by file extension, for reports.</summary>
internal static class ModelFormatNames
{
    /// <summary>"NetSym JSON", "ONNX", "safetensors", or the bare extension for anything else.</summary>
    public static string Of(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => "NetSym JSON",
        ".onnx" => "ONNX",
        ".safetensors" => "safetensors (PyTorch state_dict)",
        var other => other,
    };

    /// <summary>Whether writing to <paramref name="path"/> rounds weights to float32 (ONNX stores float32 tensors).</summary>
    public static bool RoundsToFloat32(string path) => Path.GetExtension(path).Equals(".onnx", StringComparison.OrdinalIgnoreCase);
}

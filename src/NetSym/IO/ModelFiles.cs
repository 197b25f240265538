using NetSym.Networks;

namespace NetSym.IO;

/// <summary>
/// Reads and writes networks by file extension: .json (NetSym), .onnx, .safetensors (read only:
/// a PyTorch state_dict, whose hidden activation must be given).
/// </summary>
public static class ModelFiles
{
    /// <summary>Extensions that <see cref="Read"/> accepts.</summary>
    public static IReadOnlyList<string> ReadableExtensions { get; } = [".json", ".onnx", ".safetensors"];

    /// <summary>Extensions that <see cref="Write"/> accepts.</summary>
    public static IReadOnlyList<string> WritableExtensions { get; } = [".json", ".onnx"];

    /// <summary>
    /// Reads a model. <paramref name="hiddenActivation"/> sets every hidden layer's activation: it
    /// is required for safetensors (which stores no activations) and overrides the file's otherwise.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="hiddenActivation">The activation of every hidden layer; null to keep the file's.</param>
    /// <param name="progress">
    /// Told of two stages, the reading (its share read, a report per mebibyte) and the parsing (for
    /// NetSym JSON, the share of weight rows converted, after the token scan).
    /// </param>
    /// <exception cref="ModelFileException">Missing file, unknown extension, a file that cannot be read whole, or a safetensors file without <paramref name="hiddenActivation"/> (<see cref="ModelFileReason.ActivationRequired"/>).</exception>
    /// <param name="notes">When given, receives what reading changed, a line each (an ONNX BatchNormalization folded into the layer before it).</param>
    public static Network Read(string path, Activation? hiddenActivation = null, IProgress<ProgressReport>? progress = null, ICollection<string>? notes = null)
    {
        if (!File.Exists(path)) throw new ModelFileException(path, Directory.Exists(path) ? "is a directory, not a model file" : "no such file");
        string ext = Path.GetExtension(path).ToLowerInvariant();
        Func<byte[], Action<double>?, Network> parse = ext switch
        {
            ".json" => (bytes, parsed) => NetworkJson.Parse(bytes, path, parsed),
            ".onnx" => (bytes, _) => OnnxModelReader.Parse(bytes, path, notes),
            ".safetensors" => hiddenActivation is { } activation
                ? (bytes, _) => SafetensorsReader.Parse(bytes, path, activation)
                : throw new ModelFileException(path, ModelFileReason.ActivationRequired, "a safetensors state_dict stores no activations"),
            _ => throw new ModelFileException(path, $"unknown model extension '{ext}' (expected {string.Join(", ", ReadableExtensions)})"),
        };
        string name = Path.GetFileName(path);
        var stages = new ProgressStages(progress, 2);
        stages.Begin($"reading {name}");
        var bytes = ModelFileBytes.Read(path, stages.Within);
        stages.Begin($"parsing {name}");
        var network = parse(bytes, stages.Within);
        stages.Complete();
        return hiddenActivation is null ? network : WithHiddenActivation(network, hiddenActivation);
    }

    /// <summary>
    /// The memory <see cref="Read"/> takes, bounded from the file's size: its bytes, a parser's view of
    /// them (JSON's token table, ONNX's tensors) and the network's doubles, each at most as large as
    /// the file again (a float32 weight of 4 bytes becomes a double of 8): four times the file. Zero
    /// for a file that does not exist, which <see cref="Read"/> refuses by name.
    /// </summary>
    public static MemoryEstimate EstimateReadMemory(string path)
    {
        long bytes = File.Exists(path) ? new FileInfo(path).Length : 0;
        return MemoryEstimate.Of($"reading {Path.GetFileName(path)} ({bytes} bytes)", bytes > long.MaxValue / 4 ? long.MaxValue : 4 * bytes);
    }

    /// <summary>Checks, before any work, that <see cref="Write"/> could write <paramref name="path"/>: a known extension in an existing directory.</summary>
    /// <exception cref="ModelFileException">An unknown extension, a missing directory, or a path that is a directory.</exception>
    public static void CheckWritable(string path)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (!WritableExtensions.Contains(ext)) throw UnknownExtension(path, ext);
        WriteTarget.Check(path);
    }

    /// <summary>
    /// The memory <see cref="Write"/> takes beyond the network, for <paramref name="parameters"/>
    /// parameters: JSON is written a row at a time, but the row strings (about 20 characters of UTF-16
    /// per number) are garbage the collector lets pile up, measured at about 40 bytes a parameter;
    /// ONNX builds float32 tensors and their protobuf encoding, about 16 bytes a parameter.
    /// </summary>
    public static MemoryEstimate EstimateWriteMemory(long parameters, string path)
    {
        bool json = Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);
        long perParameter = json ? 40 : 16;
        return MemoryEstimate.Of(json ? "JSON text being written" : "ONNX tensors being encoded",
            parameters > long.MaxValue / perParameter ? long.MaxValue : parameters * perParameter);
    }

    /// <summary>
    /// <see cref="EstimateWriteMemory(long, string)"/> for <paramref name="network"/>, or nothing when
    /// <paramref name="path"/> is null (a command told to write no file).
    /// </summary>
    public static MemoryEstimate EstimateWriteMemory(Network network, string? path)
    {
        ArgumentNullException.ThrowIfNull(network);
        return path is null ? new MemoryEstimate([]) : EstimateWriteMemory(network.ParameterCount, path);
    }

    /// <summary>Writes a model by extension (.json or .onnx), whole or not at all.</summary>
    /// <param name="network">The network.</param>
    /// <param name="path">The file; its extension chooses the format.</param>
    /// <param name="progress">Told of each layer written (JSON: with the fraction of its rows; ONNX: then of the encoding).</param>
    /// <exception cref="ModelFileException">An unknown extension, a directory that cannot be written, or a network the format cannot hold (for ONNX: dense layers reading several nodes, masks, dilated average pooling, gelu).</exception>
    public static void Write(Network network, string path, IProgress<ProgressReport>? progress = null)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            switch (ext)
            {
                case ".json": AtomicFile.Write(path, s => NetworkJson.Write(network, s, progress)); break;
                case ".onnx": AtomicFile.Write(path, s => OnnxModelWriter.Write(network, s, progress)); break;
                default: throw UnknownExtension(path, ext);
            }
        }
        catch (NotSupportedException e)
        {
            throw new ModelFileException(path, e.Message, e);
        }
    }

    private static ModelFileException UnknownExtension(string path, string ext) =>
        new(path, ext.Length == 0
            ? $"has no extension to choose the format by (expected {string.Join(", ", WritableExtensions)})"
            : $"cannot write extension '{ext}' (expected {string.Join(", ", WritableExtensions)})");

    /// <summary>Every layer but the output layer gets <paramref name="activation"/>; pooling layers, which have none, stay as they are.</summary>
    public static Network WithHiddenActivation(Network network, Activation activation)
    {
        var layers = network.Layers.Select((l, i) =>
            i < network.Layers.Count - 1 && l.Kind is not (LayerKind.MaxPool or LayerKind.AveragePool) ? l.With(activation) : l);
        return new Network(network.InputShape, layers);
    }
}

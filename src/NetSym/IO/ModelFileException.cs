namespace NetSym.IO;

/// <summary>A model, input or results file that cannot be read or written; the message names the file and the problem.</summary>
public sealed class ModelFileException(string path, string problem, Exception? inner = null)
    : Exception($"{path}: {problem}", inner)
{
    /// <summary>A failure of a kind the caller may want to answer with a remedy of its own (give an activation, resume).</summary>
    public ModelFileException(string path, ModelFileReason reason, string problem)
        : this(path, problem) => Reason = reason;

    /// <summary>The file concerned.</summary>
    public string Path { get; } = path;

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; } = problem;

    /// <summary>The kind of failure; <see cref="ModelFileReason.Unreadable"/> for anything without a remedy of its own.</summary>
    public ModelFileReason Reason { get; } = ModelFileReason.Unreadable;
}

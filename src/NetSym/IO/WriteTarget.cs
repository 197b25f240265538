namespace NetSym.IO;

/// <summary>
/// Checks a path that a command will write, before the command starts its work, so that a typo in
/// an output path fails at once instead of after minutes of computing.
/// </summary>
public static class WriteTarget
{
    /// <summary>Checks that <paramref name="path"/> can name a file to write: its directory exists and it is not itself a directory.</summary>
    /// <exception cref="ModelFileException">The directory does not exist, or the path is a directory.</exception>
    public static void Check(string path)
    {
        if (Directory.Exists(path)) throw new ModelFileException(path, "is a directory, not a file");
        string dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        if (!Directory.Exists(dir)) throw new ModelFileException(path, $"directory '{dir}' does not exist");
    }

    /// <summary>Checks that <paramref name="path"/> can name a directory to write files into: it is not a file.</summary>
    /// <exception cref="ModelFileException">The path is an existing file.</exception>
    public static void CheckDirectory(string path)
    {
        if (File.Exists(path)) throw new ModelFileException(path, "is a file, not a directory");
    }
}

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

    /// <summary>
    /// <see cref="Check"/>, and that a new file can be created in the directory: a probe file is made
    /// there and deleted at once. For files written whole at the end of a long run (figures), where
    /// a directory without write permission would otherwise fail only after the work.
    /// </summary>
    /// <exception cref="ModelFileException">The path cannot name a file, or its directory cannot be written.</exception>
    public static void CheckCreatable(string path)
    {
        Check(path);
        Probe(path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    /// <summary>Checks that <paramref name="path"/> can name a directory to write files into: it is not a file.</summary>
    /// <exception cref="ModelFileException">The path is an existing file.</exception>
    public static void CheckDirectory(string path)
    {
        if (File.Exists(path)) throw new ModelFileException(path, "is a file, not a directory");
    }

    /// <summary>
    /// Checks that files can be created in the directory <paramref name="path"/>: it exists and can be
    /// written, or it is missing and its parent exists and can be written (the writer creates it then).
    /// Nothing is left behind either way.
    /// </summary>
    /// <exception cref="ModelFileException">The path is a file, neither it nor its parent exists, or the one that does cannot be written.</exception>
    public static void CheckDirectoryCreatable(string path)
    {
        CheckDirectory(path);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            Probe(path, full);
            return;
        }
        string parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(full)) ?? ".";
        if (!Directory.Exists(parent)) throw new ModelFileException(path, $"neither it nor its parent directory '{parent}' exists");
        Probe(path, parent);
    }

    private static void Probe(string path, string dir)
    {
        string probe = Path.Combine(dir, $".netsym-probe.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ModelFileException(path, $"cannot write: permission denied in directory '{dir}'", e);
        }
        catch (IOException e)
        {
            // The exception names the probe file, an internal detail; the directory is what refused it.
            throw new ModelFileException(path, $"cannot write: no file can be created in directory '{dir}'", e);
        }
    }
}

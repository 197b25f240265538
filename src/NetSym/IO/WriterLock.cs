using System.Globalization;

namespace NetSym.IO;

/// <summary>
/// The operating system's lock on a file that one process keeps writing (a sweep's results file).
/// .NET opens a file with <see cref="FileShare.None"/> under an exclusive <c>flock</c> on Linux and
/// macOS (a share-mode lock on Windows): every other open of the file through .NET — another
/// netsym's writer or reader — is refused while it is held, and the kernel drops it when the
/// writer's process ends, however it ends, so a killed sweep never leaves a stale lock behind.
/// A refusal names the holder's process id where Linux's <c>/proc</c> tells it.
/// </summary>
public static class WriterLock
{
    // flock's EWOULDBLOCK as .NET reports it: the errno on Linux (11) and macOS (35), ERROR_SHARING_VIOLATION on Windows.
    private static readonly int[] ConflictCodes = [11, 35, unchecked((int)0x80070020)];

    /// <summary>Opens <paramref name="path"/> unbuffered, holding the lock until the stream is disposed.</summary>
    /// <exception cref="ModelFileException">Another process holds the lock.</exception>
    /// <exception cref="IOException">Any other failure to open, for the caller to word.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission.</exception>
    internal static FileStream Open(string path, FileMode mode, FileAccess access)
    {
        try
        {
            return new FileStream(path, mode, access, FileShare.None, bufferSize: 0);
        }
        catch (IOException e) when (IsConflict(e))
        {
            throw Conflict(path, e);
        }
    }

    /// <summary>Throws when another process holds the lock on <paramref name="path"/> now (e.g. before replacing the file).</summary>
    /// <exception cref="ModelFileException">Another process holds the lock.</exception>
    public static void ThrowIfHeld(string path)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
        }
        catch (IOException e) when (IsConflict(e))
        {
            throw Conflict(path, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Missing or unreadable: not locked, and the caller's own open reports the rest.
        }
    }

    /// <summary>Whether an open failed because another process holds the file's lock.</summary>
    internal static bool IsConflict(IOException e) => e.GetType() == typeof(IOException) && ConflictCodes.Contains(e.HResult);

    /// <summary>The error for a file whose lock another process holds, naming that process where it can be told.</summary>
    internal static ModelFileException Conflict(string path, Exception inner) =>
        new(path, $"is being written by another {Holder(System.IO.Path.GetFullPath(path))}: wait for it to finish, or use another file", inner);

    /// <summary>
    /// "netsym process (pid N)" for the process that holds a flock and has the file open, from
    /// <c>/proc/locks</c> and <c>/proc/N/fd</c>; "process" alone where that cannot be told (another
    /// system, another user's process).
    /// </summary>
    private static string Holder(string fullPath)
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/locks"))
            {
                // "1: FLOCK  ADVISORY  WRITE 10472 fe:00:11673684 0 EOF"; a waiting request carries "->" and holds nothing.
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 5 || fields[1] != "FLOCK" || fields[3] != "WRITE") continue;
                if (!int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
                if (HasOpen(pid, fullPath)) return $"{(IsNetsym(pid) ? "netsym process" : "process")} (pid {pid})";
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No /proc (not Linux) or not readable: say what is known.
        }
        return "process";
    }

    private static bool HasOpen(int pid, string fullPath)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Any(fd => new FileInfo(fd).LinkTarget == fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsNetsym(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains("netsym", StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

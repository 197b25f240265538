using System.Diagnostics;
using System.Globalization;

namespace NetSym.IO;

/// <summary>
/// Writes a file whole or not at all: the content goes to a temporary file beside the target,
/// <c>.NAME.PID.GUID.tmp</c>, which is renamed over the target only once everything was written
/// and flushed. A failed write deletes its temporary file; a process stopped by a signal deletes
/// it through <see cref="DeleteTemporaryFiles"/>; one killed outright (SIGKILL, a crash) leaves it,
/// and the next write to the same target deletes it, since the process it names is gone.
/// </summary>
public static class AtomicFile
{
    // Signals are process-wide, so the set of temporary files being written is too: the one piece of
    // shared state, guarded by its lock, which a signal handler empties.
    private static readonly HashSet<string> Writing = [];
    private static readonly Lock WritingLock = new();
    private static bool s_stopping;

    /// <summary>Runs <paramref name="write"/> on a temporary stream and moves the result to <paramref name="path"/>, replacing any file there.</summary>
    /// <exception cref="ModelFileException">The directory does not exist or cannot be written; nothing is left behind.</exception>
    public static void Write(string path, Action<Stream> write) => Write(path, write, overwrite: true);

    /// <summary>Runs <paramref name="write"/> on a temporary stream and moves the result to <paramref name="path"/>.</summary>
    /// <param name="path">The target.</param>
    /// <param name="write">Writes the whole content.</param>
    /// <param name="overwrite">Whether a file at <paramref name="path"/> may be replaced; when not, one that appeared meanwhile is kept and the write fails.</param>
    /// <exception cref="ModelFileException">The directory does not exist or cannot be written, or the target exists and may not be replaced; nothing is left behind.</exception>
    public static void Write(string path, Action<Stream> write, bool overwrite)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        string name = Path.GetFileName(full);
        if (!Directory.Exists(dir)) throw new ModelFileException(path, $"directory '{dir}' does not exist");
        DeleteStale(dir, name);
        string temp = Path.Combine(dir, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = Begin(path, temp))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temp, full, overwrite);
            }
            catch (IOException) when (!overwrite && File.Exists(full))
            {
                throw new ModelFileException(path, "exists already");
            }
        }
        catch (UnauthorizedAccessException e)
        {
            // The exception names the temporary file, an internal detail; the directory is what needs the permission.
            throw new ModelFileException(path, $"cannot write: permission denied in directory '{dir}'", e);
        }
        catch (IOException e)
        {
            throw new ModelFileException(path, $"cannot write: {e.Message.Replace(temp, full, StringComparison.Ordinal)}", e);
        }
        finally
        {
            lock (WritingLock) Writing.Remove(temp);
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Deletes the temporary files of the writes in progress and fails every later write: for a
    /// handler of SIGINT or SIGTERM, after which the process ends without finishing its writes.
    /// </summary>
    public static void DeleteTemporaryFiles()
    {
        lock (WritingLock)
        {
            s_stopping = true;
            foreach (string temp in Writing)
            {
                try
                {
                    File.Delete(temp);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The process is ending; a file that cannot be deleted now is swept by the next write to its target.
                }
            }
            Writing.Clear();
        }
    }

    // Created under the lock, so that a signal handler either sees the file and deletes it or stops it from being created.
    private static FileStream Begin(string path, string temp)
    {
        lock (WritingLock)
        {
            if (s_stopping) throw new ModelFileException(path, "not written: the process is stopping");
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write);
            Writing.Add(temp);
            return stream;
        }
    }

    /// <summary>Deletes the temporary files for <paramref name="name"/> left by processes that no longer run.</summary>
    private static void DeleteStale(string dir, string name)
    {
        string prefix = $".{name}.";
        try
        {
            foreach (string file in Directory.EnumerateFiles(dir, $"{prefix}*.tmp"))
            {
                // .NAME.PID.GUID.tmp: the pid is the part between the name and the 32-digit GUID.
                string rest = Path.GetFileName(file);
                if (!rest.StartsWith(prefix, StringComparison.Ordinal)) continue;
                var parts = rest[prefix.Length..].Split('.');
                if (parts is not [var pid, { Length: 32 } guid, "tmp"] || !Guid.TryParseExact(guid, "N", out _)) continue;
                if (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out int id) || Runs(id)) continue;
                File.Delete(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Sweeping is a courtesy: the write itself reports what matters about the directory.
        }
    }

    private static bool Runs(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

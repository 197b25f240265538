using System.Diagnostics;
using System.Text;
using NetSym.Sweep;

namespace NetSym.IO;

/// <summary>
/// Appends finished trials to a results file (<see cref="SweepResultsFile"/>), one line per
/// trial, each handed to the operating system with one write as soon as it is appended: a killed
/// sweep loses no finished trial. The file is also synced to disk at most once a second and on
/// dispose, so that a machine crash loses at most the last second. The writer holds the file's
/// operating-system lock (<see cref="WriterLock"/>) from opening to dispose: a second sweep on the
/// same file is refused instead of interleaving its lines with this one's.
/// </summary>
public sealed class SweepResultsWriter : IDisposable
{
    private static readonly TimeSpan SyncInterval = TimeSpan.FromSeconds(1);
    private readonly FileStream _stream;
    private readonly Stopwatch _sinceSync = Stopwatch.StartNew();

    private SweepResultsWriter(string path, FileStream stream, int? droppedLine = null)
    {
        Path = path;
        _stream = stream;
        DroppedLine = droppedLine;
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>
    /// The number of the last line that <see cref="Resume"/> found cut short (no end of line: the
    /// writer was stopped in the middle of it) and removed, so that its trial runs again; null when
    /// the file ended cleanly.
    /// </summary>
    public int? DroppedLine { get; }

    /// <summary>Starts a new results file for <paramref name="plan"/>, header first.</summary>
    /// <exception cref="ModelFileException">The file exists already (resume it instead), another process is writing it, or it cannot be created.</exception>
    public static SweepResultsWriter Create(string path, SweepPlan plan)
    {
        var writer = new SweepResultsWriter(path, Open(path, FileMode.CreateNew, FileAccess.Write));
        return writer.Start(() => writer.Write(SweepResultsFile.Header(plan)));
    }

    /// <summary>
    /// Continues the results file of <paramref name="plan"/>'s <paramref name="shard"/> (creating it
    /// when it does not exist). The file is locked first, then every line is checked, and it is
    /// changed only when all is well, so a bad file is left untouched. A last line without its end
    /// of line — the writer was stopped while writing it, by a kill, a full disk or a crash — is
    /// removed (<see cref="DroppedLine"/>) and its trial runs again; a file that holds only a cut
    /// part of this plan's header is started afresh.
    /// </summary>
    /// <param name="path">The results file.</param>
    /// <param name="plan">The plan of this run; the file's must be the same.</param>
    /// <param name="shard">The shard of this run; every trial in the file must belong to it.</param>
    /// <param name="done">The trials the file holds already, in file order.</param>
    /// <exception cref="ModelFileException">Another process is writing the file, or it is unreadable, holds another plan or another shard's trials; the message names the line.</exception>
    public static SweepResultsWriter Resume(string path, SweepPlan plan, SweepShard shard, out IReadOnlyList<SweepResult> done)
    {
        var stream = Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
        try
        {
            byte[] bytes = ReadAll(path, stream);
            byte[] header = Encoding.UTF8.GetBytes(SweepResultsFile.Header(plan));
            if (header.AsSpan().StartsWith(bytes))
            {
                done = [];
                var fresh = new SweepResultsWriter(path, stream);
                return fresh.Start(() =>
                {
                    stream.SetLength(0);
                    fresh.Write(SweepResultsFile.Header(plan));
                });
            }
            int whole = bytes.AsSpan().LastIndexOf((byte)'\n') + 1;
            if (whole == 0) throw new ModelFileException(path, $"line 1: not a netsym sweep results file (expected '{SweepResultsFile.VersionLine}')");
            var content = SweepResultsFile.Parse(bytes.AsSpan(0, whole), path);
            if (!content.Plan.Equals(plan))
                throw new ModelFileException(path, $"line 2: the file holds another plan's results ({string.Join("; ", content.Plan.DifferencesFrom(plan).Select(d => $"{d.Field}: {d.This} in the file, {d.Other} now"))}); "
                    + "run with the file's settings or write to another file");
            foreach (var line in content.Lines)
                if (!shard.Contains(plan.Ordinal(line.Result.Trial)))
                    throw new ModelFileException(path, $"line {line.Number}: trial ({line.Result.Trial}) is not in shard {shard}: the file belongs to another shard");
            done = [.. content.Results];
            int? dropped = whole < bytes.Length ? bytes.AsSpan(0, whole).Count((byte)'\n') + 1 : null;
            var writer = new SweepResultsWriter(path, stream, dropped);
            return writer.Start(() =>
            {
                stream.SetLength(whole);
                stream.Seek(whole, SeekOrigin.Begin);
            });
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends one trial's line and hands it to the operating system at once.</summary>
    /// <exception cref="ModelFileException">The write failed (e.g. the disk is full).</exception>
    public void Append(SweepResult result) => Guard(() =>
    {
        Write(SweepResultsFile.FormatLine(result));
        if (_sinceSync.Elapsed >= SyncInterval)
        {
            _stream.Flush(flushToDisk: true);
            _sinceSync.Restart();
        }
    });

    /// <summary>Syncs the file to disk and closes it.</summary>
    public void Dispose()
    {
        try
        {
            Guard(() => _stream.Flush(flushToDisk: true));
        }
        finally
        {
            _stream.Dispose();
        }
    }

    // One write call per line, unbuffered: a kill leaves whole lines or, at worst, a cut last line that reading reports.
    private void Write(string text) => _stream.Write(Encoding.UTF8.GetBytes(text));

    private void Guard(Action io)
    {
        try
        {
            io();
        }
        catch (IOException e)
        {
            throw new ModelFileException(Path, $"cannot write: {e.Message}", e);
        }
    }

    /// <summary>Runs the first write; on failure closes the file (releasing its lock) before the error goes up.</summary>
    private SweepResultsWriter Start(Action first)
    {
        try
        {
            Guard(first);
            return this;
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    private static byte[] ReadAll(string path, FileStream stream)
    {
        try
        {
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (IOException e)
        {
            throw new ModelFileException(path, $"cannot read: {e.Message}", e);
        }
    }

    private static FileStream Open(string path, FileMode mode, FileAccess access)
    {
        try
        {
            return WriterLock.Open(path, mode, access);
        }
        catch (IOException) when (mode == FileMode.CreateNew && File.Exists(path))
        {
            WriterLock.ThrowIfHeld(path);
            throw new ModelFileException(path, ModelFileReason.ExistsAlready, "exists already");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(path, $"cannot write: {e.Message}", e);
        }
    }
}

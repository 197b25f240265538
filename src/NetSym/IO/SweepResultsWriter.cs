using System.Diagnostics;
using System.Text;
using NetSym.Sweep;

namespace NetSym.IO;

/// <summary>
/// Appends finished trials to a results file (<see cref="SweepResultsFile"/>), one line per
/// trial, each handed to the operating system with one write as soon as it is appended: a killed
/// sweep loses no finished trial. The file is also synced to disk at most once a second and on
/// dispose, so that a machine crash loses at most the last second.
/// </summary>
public sealed class SweepResultsWriter : IDisposable
{
    private static readonly TimeSpan SyncInterval = TimeSpan.FromSeconds(1);
    private readonly FileStream _stream;
    private readonly Stopwatch _sinceSync = Stopwatch.StartNew();

    private SweepResultsWriter(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>Starts a new results file for <paramref name="plan"/>, header first.</summary>
    /// <exception cref="ModelFileException">The file exists already (resume it instead), or cannot be created.</exception>
    public static SweepResultsWriter Create(string path, SweepPlan plan)
    {
        var writer = new SweepResultsWriter(path, Open(path, FileMode.CreateNew));
        try
        {
            writer.Guard(() => writer.Write(SweepResultsFile.Header(plan)));
            return writer;
        }
        catch
        {
            writer._stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Continues the results file of <paramref name="plan"/>'s <paramref name="shard"/> (creating it
    /// when it does not exist). Every line is checked first, and the file is opened for appending
    /// only when all is well, so a bad file is left untouched.
    /// </summary>
    /// <param name="path">The results file.</param>
    /// <param name="plan">The plan of this run; the file's must be the same.</param>
    /// <param name="shard">The shard of this run; every trial in the file must belong to it.</param>
    /// <param name="done">The trials the file holds already, in file order.</param>
    /// <exception cref="ModelFileException">The file is unreadable or partially written, holds another plan or another shard's trials; the message names the line.</exception>
    public static SweepResultsWriter Resume(string path, SweepPlan plan, SweepShard shard, out IReadOnlyList<SweepResult> done)
    {
        if (!File.Exists(path))
        {
            done = [];
            return Create(path, plan);
        }
        var content = SweepResultsFile.Read(path);
        if (!content.Plan.Equals(plan))
            throw new ModelFileException(path, $"line 2: the file holds another plan's results ({string.Join("; ", content.Plan.DifferencesFrom(plan).Select(d => $"{d.Field}: {d.This} in the file, {d.Other} now"))}); "
                + "run with the file's settings or write to another file");
        foreach (var line in content.Lines)
            if (!shard.Contains(plan.Ordinal(line.Result.Trial)))
                throw new ModelFileException(path, $"line {line.Number}: trial ({line.Result.Trial}) is not in shard {shard}: the file belongs to another shard");
        done = [.. content.Results];
        return new SweepResultsWriter(path, Open(path, FileMode.Append));
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

    private static FileStream Open(string path, FileMode mode)
    {
        try
        {
            return new FileStream(path, mode, FileAccess.Write, FileShare.Read, bufferSize: 0);
        }
        catch (IOException) when (mode == FileMode.CreateNew && File.Exists(path))
        {
            throw new ModelFileException(path, ModelFileReason.ExistsAlready, "exists already");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(path, $"cannot write: {e.Message}", e);
        }
    }
}

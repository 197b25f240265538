using System.Globalization;
using System.Text;
using NetSym.Sweep;

namespace NetSym.IO;

/// <summary>
/// The results file of a sweep: CSV with three header lines — the format version, the plan
/// (<see cref="SweepPlan.ToString"/>) and the column names — then one line per finished trial, in
/// the order trials finished. Reading checks every line against the plan (grid, seeds, parameter
/// count, batch size, rank ≤ bound, full = (rank = bound), no trial twice) and reports the first
/// bad line by number; a last line without its end of line — the sweep was stopped while writing
/// it — is reported as such, never dropped here (resuming the sweep removes it and runs its trial
/// again: <see cref="SweepResultsWriter.Resume"/>).
/// </summary>
public static class SweepResultsFile
{
    /// <summary>Line 1.</summary>
    public const string VersionLine = "# netsym sweep results, format 2";

    /// <summary>Line 2 is this prefix followed by the plan.</summary>
    public const string PlanPrefix = "# plan: ";

    /// <summary>Line 3.</summary>
    public const string ColumnLine = "input_dim,width,depth,trial,network_seed,input_seed,parameters,bound,points,rank,full,method,on_breakpoint,seconds";

    private const int HeaderLines = 3;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads and checks a results file.</summary>
    /// <exception cref="ModelFileException">It cannot be read, another process is writing it, or a line is malformed, inconsistent with the plan, repeated or cut short; the message names the line.</exception>
    public static SweepResultsFileContent Read(string path)
    {
        if (!File.Exists(path)) throw new ModelFileException(path, Directory.Exists(path) ? "is a directory, not a results file" : "no such file");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e) when (WriterLock.IsConflict(e))
        {
            throw WriterLock.Conflict(path, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(path, $"cannot read: {e.Message}", e);
        }
        return Parse(bytes, path);
    }

    /// <summary>Checks the bytes of a results file; <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="ModelFileException">As <see cref="Read"/>.</exception>
    public static SweepResultsFileContent Parse(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.IsEmpty) throw Bad(path, 1, "the file is empty, not a netsym sweep results file");
        var lines = new List<string>();
        int start = 0;
        while (start < bytes.Length)
        {
            int end = bytes[start..].IndexOf((byte)'\n');
            if (end < 0)
                throw Bad(path, lines.Count + 1, "the line is cut short (no end of line): the sweep was stopped while writing it; "
                    + "resuming the sweep removes it and runs its trial again");
            string line;
            try
            {
                line = StrictUtf8.GetString(bytes.Slice(start, end));
            }
            catch (DecoderFallbackException)
            {
                throw Bad(path, lines.Count + 1, "not UTF-8 text");
            }
            lines.Add(line.EndsWith('\r') ? line[..^1] : line);
            start += end + 1;
        }

        if (lines[0] != VersionLine)
            throw Bad(path, 1, lines[0].StartsWith("# netsym sweep results", StringComparison.Ordinal)
                ? $"unsupported format '{lines[0]}' (this netsym reads '{VersionLine}')"
                : $"not a netsym sweep results file (expected '{VersionLine}')");
        if (lines.Count < 2) throw Bad(path, 2, $"the header ends early: expected the plan, '{PlanPrefix}…'");
        if (!lines[1].StartsWith(PlanPrefix, StringComparison.Ordinal)) throw Bad(path, 2, $"expected the plan, '{PlanPrefix}…'");
        SweepPlan plan;
        try
        {
            plan = SweepPlan.Parse(lines[1][PlanPrefix.Length..]);
        }
        catch (ArgumentException e)
        {
            throw Bad(path, 2, $"bad plan: {e.Message}");
        }
        if (lines.Count < HeaderLines) throw Bad(path, 3, "the header ends early: expected the column names");
        if (lines[2] != ColumnLine) throw Bad(path, 3, $"expected the column names '{ColumnLine}'");

        var results = new List<SweepResultsLine>(lines.Count - HeaderLines);
        var seen = new Dictionary<SweepTrial, int>();
        for (int i = HeaderLines; i < lines.Count; i++)
        {
            int number = i + 1;
            SweepResult result;
            try
            {
                result = ParseLine(lines[i], plan);
            }
            catch (FormatException e)
            {
                throw Bad(path, number, e.Message);
            }
            if (!seen.TryAdd(result.Trial, number)) throw Bad(path, number, $"trial ({result.Trial}) is already on line {seen[result.Trial]}");
            results.Add(new SweepResultsLine(number, result));
        }
        return new SweepResultsFileContent(path, plan, results);
    }

    /// <summary>The three header lines for <paramref name="plan"/>, each ending in '\n'.</summary>
    public static string Header(SweepPlan plan) => $"{VersionLine}\n{PlanPrefix}{plan}\n{ColumnLine}\n";

    /// <summary>One result as a CSV line ending in '\n'.</summary>
    public static string FormatLine(SweepResult r) => string.Join(',',
        I(r.Trial.InputDimension), I(r.Trial.Width), I(r.Trial.Depth), I(r.Trial.Index),
        I(r.Seeds.Network), I(r.Seeds.Inputs), I(r.Parameters), I(r.Bound), I(r.Points), I(r.Rank),
        r.Full ? "true" : "false", SweepPlan.Name(r.Method), I(r.PointsOnBreakpoint),
        r.Seconds.ToString("G6", CultureInfo.InvariantCulture)) + "\n";

    /// <summary>Writes a whole results file at once (temporary file, then rename), results in the order given.</summary>
    /// <param name="path">The file.</param>
    /// <param name="plan">The plan of the results.</param>
    /// <param name="results">The lines, in this order.</param>
    /// <param name="overwrite">Whether an existing file of that name may be replaced (as <see cref="AtomicFile.Write(string, Action{Stream}, bool)"/>).</param>
    /// <exception cref="ModelFileException">The file cannot be written, or exists and may not be replaced; nothing is left behind.</exception>
    public static void Write(string path, SweepPlan plan, IEnumerable<SweepResult> results, bool overwrite = true) =>
        AtomicFile.Write(path, overwrite: overwrite, write: stream =>
        {
            using var writer = new StreamWriter(stream, StrictUtf8, leaveOpen: true) { NewLine = "\n" };
            writer.Write(Header(plan));
            foreach (var r in results) writer.Write(FormatLine(r));
        });

    /// <summary>
    /// Parses one data line and checks it against the plan: the trial is in the grid, its seeds are
    /// the plan's, the parameter count is its architecture's, the batch is the plan's, rank ≤ min(bound, points).
    /// </summary>
    /// <exception cref="FormatException">The line is malformed or inconsistent; the message says how.</exception>
    public static SweepResult ParseLine(string line, SweepPlan plan)
    {
        var f = line.Split(',');
        int columns = ColumnLine.Count(c => c == ',') + 1;
        if (f.Length != columns) throw new FormatException($"expected {columns} comma-separated fields, found {f.Length}");
        var trial = new SweepTrial(Int(f, 0), Int(f, 1), Int(f, 2), Int(f, 3));
        if (!plan.Contains(trial)) throw new FormatException($"trial ({trial}) is not in the plan's grid");
        var seeds = plan.SeedsOf(trial);
        if (Int(f, 4) != seeds.Network || Int(f, 5) != seeds.Inputs)
            throw new FormatException($"seeds {f[4]}, {f[5]} are not the plan's for trial ({trial}): {seeds.Network}, {seeds.Inputs}");
        int parameters = Int(f, 6), bound = Int(f, 7), points = Int(f, 8), rank = Int(f, 9), onBreakpoint = Int(f, 12);
        if (parameters != trial.Architecture.ParameterCount)
            throw new FormatException($"parameters {parameters}, but {trial.Architecture} has {trial.Architecture.ParameterCount}");
        if (bound > parameters) throw new FormatException($"bound {bound} exceeds the {parameters} parameters");
        if (points != plan.Points.PointsFor(bound, 1))
            throw new FormatException($"points {points} is not the plan's batch of {plan.Points.PointsFor(bound, 1)}");
        if (onBreakpoint > points) throw new FormatException($"on_breakpoint {onBreakpoint} exceeds the {points} points");
        if (rank > Math.Min(bound, points)) throw new FormatException($"rank {rank} exceeds min(bound {bound}, points {points})");
        bool full = f[10] switch
        {
            "true" => true,
            "false" => false,
            _ => throw new FormatException($"full must be true or false, found '{f[10]}'"),
        };
        if (full != (rank == bound)) throw new FormatException($"full is {f[10]} but rank {rank} {(rank == bound ? "=" : "≠")} bound {bound}");
        if (f[11] != SweepPlan.Name(plan.Method)) throw new FormatException($"method '{f[11]}', but the plan's is {SweepPlan.Name(plan.Method)}");
        if (!double.TryParse(f[13], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !(seconds >= 0) || double.IsInfinity(seconds))
            throw new FormatException($"seconds '{f[13]}' is not a non-negative number");
        return new SweepResult(trial, seeds, parameters, bound, points, rank, plan.Method, onBreakpoint, seconds);
    }

    private static int Int(string[] fields, int column) =>
        int.TryParse(fields[column], NumberStyles.None, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw new FormatException($"{ColumnLine.Split(',')[column]} '{fields[column]}' is not a non-negative integer");

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static ModelFileException Bad(string path, int line, string problem) => new(path, $"line {line}: {problem}");
}

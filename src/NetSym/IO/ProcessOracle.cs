using System.Buffers;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetSym.Extraction;
using NetSym.LinearAlgebra;

namespace NetSym.IO;

/// <summary>
/// An external process as an extraction oracle (<c>--oracle-cmd "…"</c>), speaking newline-delimited
/// JSON on its standard input and output (docs/extraction.md, "The process protocol"): it first writes
/// <c>{"inputs": d, "outputs": m}</c>; then each request <c>{"x": [[…], …]}</c> is answered by one line
/// <c>{"y": [[…], …]}</c> (or <c>{"error": "…"}</c>).
/// </summary>
/// <remarks>
/// The command runs under <c>/bin/sh -c</c> in the current directory. Every exchange (the first line
/// included) must finish within the timeout. Anything wrong — the process exits, hangs, writes
/// malformed JSON or rows of the wrong length, reports an error — is an <see cref="OracleException"/>
/// quoting the command (and the last line the process wrote on standard error, if any); the process
/// is then killed and every later query fails the same way. Disposing kills the process and its children.
/// </remarks>
public sealed partial class ProcessOracle : IQueryOracle, IDisposable
{
    /// <summary>Lines of the process's standard error kept for error messages.</summary>
    private const int StderrLinesKept = 20;

    private readonly Process _process;
    private readonly TimeSpan _timeout;
    private readonly Queue<string> _stderr = new();
    private readonly ManualResetEventSlim _stderrClosed = new();
    private string? _failure;

    private ProcessOracle(string command, Process process, TimeSpan timeout)
    {
        Name = $"'{command}'";
        _process = process;
        _timeout = timeout;
    }

    /// <summary>The quoted command, as error messages name the oracle.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public int InputSize { get; private set; }

    /// <inheritdoc />
    public int OutputSize { get; private set; }

    /// <summary>Starts <paramref name="command"/> and reads its first line, the sizes of its function.</summary>
    /// <param name="command">A shell command line.</param>
    /// <param name="timeout">How long one exchange (and the first line) may take.</param>
    /// <exception cref="OracleException">The process cannot be started, or its first line is late, missing or not the sizes.</exception>
    public static ProcessOracle Start(string command, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new OracleException($"'{command}'", "could not be started");
        }
        catch (Win32Exception e)
        {
            throw new OracleException($"'{command}'", $"could not be started: {e.Message}", e);
        }
        var oracle = new ProcessOracle(command, process, timeout);
        try
        {
            process.ErrorDataReceived += (_, e) => oracle.KeepStderr(e.Data);
            process.BeginErrorReadLine();
            oracle.Handshake();
            return oracle;
        }
        catch
        {
            oracle.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    /// <exception cref="OracleException">The process exited, hung, reported an error or answered malformed JSON or rows of another length than <see cref="OutputSize"/>.</exception>
    public Matrix Query(Matrix inputs)
    {
        if (_failure is not null) throw new OracleException(Name, $"stopped after an earlier failure ({_failure})");
        if (inputs.Rows == 0) return new Matrix(0, OutputSize);
        byte[] request = Request(inputs);
        string line = Exchange(request, "an answer");
        using var document = Parse(line);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
            throw Fail($"reported an error: {(error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText())}");
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("y", out var y) || y.ValueKind != JsonValueKind.Array)
            throw Fail($"answered {Quote(line)}, not {{\"y\": [[…], …]}}");
        var answer = new Matrix(y.GetArrayLength(), OutputSize);
        int i = 0;
        foreach (var row in y.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != OutputSize)
                throw Fail($"answer row {i} is {Quote(row.GetRawText())}, not an array of {OutputSize} numbers");
            int j = 0;
            foreach (var v in row.EnumerateArray()) answer[i, j++] = Number(v, $"answer row {i}");
            i++;
        }
        return answer;
    }

    /// <summary>Reads and checks the first line, {"inputs": d, "outputs": m}.</summary>
    private void Handshake()
    {
        string line = Exchange(null, "its first line {\"inputs\": d, \"outputs\": m}");
        using var document = Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("inputs", out var inputs) || !inputs.TryGetInt32(out int d) || d <= 0
            || !root.TryGetProperty("outputs", out var outputs) || !outputs.TryGetInt32(out int m) || m <= 0)
        {
            throw Fail($"first line is {Quote(line)}, not {{\"inputs\": d, \"outputs\": m}} with positive integers");
        }
        InputSize = d;
        OutputSize = m;
    }

    /// <summary>{"x":[[…],…]} and a newline, each number in shortest round-trip form.</summary>
    private static byte[] Request(Matrix inputs)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("x");
            for (int i = 0; i < inputs.Rows; i++)
            {
                writer.WriteStartArray();
                foreach (double v in inputs.Row(i)) writer.WriteNumberValue(v);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return [.. buffer.WrittenSpan, (byte)'\n'];
    }

    /// <summary>Writes <paramref name="request"/> (if any) and reads one line, all within the timeout.</summary>
    private string Exchange(byte[]? request, string awaited)
    {
        var exchange = Task.Run(() =>
        {
            if (request is not null)
            {
                var stdin = _process.StandardInput.BaseStream;
                stdin.Write(request);
                stdin.Flush();
            }
            return _process.StandardOutput.ReadLine();
        });
        bool finished;
        try
        {
            finished = exchange.Wait(_timeout);
        }
        catch (AggregateException e) when (e.InnerException is IOException)
        {
            throw Fail(Ended($"stopped reading its input before {awaited}"));
        }
        if (!finished) throw Fail($"did not write {awaited} within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        return exchange.Result ?? throw Fail(Ended($"closed its output before {awaited}"));
    }

    /// <summary>What to say of a process that stopped talking: its exit code when it has exited (given a moment to do so).</summary>
    private string Ended(string what)
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(2))) return what;
        // Its last lines of standard error, unless a child it left behind holds the pipe open.
        _stderrClosed.Wait(TimeSpan.FromSeconds(1));
        return $"{what}: exited with code {_process.ExitCode}";
    }

    /// <summary>Parses one line; NaN and ±Infinity written bare (as Python's json module does) are read as numbers, for the answer check to name.</summary>
    private JsonDocument Parse(string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            try
            {
                return JsonDocument.Parse(BareNonFinite().Replace(line, "\"$1\""));
            }
            catch (JsonException)
            {
                throw Fail($"wrote {Quote(line)}, which is not JSON");
            }
        }
    }

    private double Number(JsonElement v, string where)
    {
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double x)) return x;
        if (v.ValueKind == JsonValueKind.String)
            switch (v.GetString())
            {
                case "NaN": return double.NaN;
                case "Infinity": return double.PositiveInfinity;
                case "-Infinity": return double.NegativeInfinity;
            }
        throw Fail($"{where} holds {Quote(v.GetRawText())}, not a number");
    }

    /// <summary>Stops the process, remembers the failure and returns it as an exception to throw (with the last line of standard error).</summary>
    private OracleException Fail(string problem)
    {
        Kill();
        string? last;
        lock (_stderr) last = _stderr.LastOrDefault(l => l.Trim().Length > 0);
        _failure = problem;
        return new OracleException(Name, last is null ? problem : $"{problem} (its standard error ends: {Quote(last)})");
    }

    private void KeepStderr(string? line)
    {
        if (line is null)
        {
            _stderrClosed.Set();
            return;
        }
        lock (_stderr)
        {
            _stderr.Enqueue(line);
            if (_stderr.Count > StderrLinesKept) _stderr.Dequeue();
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>A text for an error line: at most 200 characters, quoted.</summary>
    private static string Quote(string text) =>
        text.Length <= 200 ? $"'{text}'" : $"'{text[..200]}…' ({text.Length} characters)";

    [GeneratedRegex(@"(?<![\w""])(-?Infinity|NaN)(?![\w""])")]
    private static partial Regex BareNonFinite();

    /// <summary>Kills the process and its children.</summary>
    public void Dispose()
    {
        Kill();
        _process.Dispose();
        // _stderrClosed is not disposed: the standard-error reader may still set it after this returns
        // (a ManualResetEventSlim whose wait handle was never asked for holds nothing to release).
    }
}

using System.Diagnostics;
using System.Globalization;

namespace NetSym.Tests.Cli;

/// <summary>What one netsym child process produced, with its peak resident memory when it was measured.</summary>
public sealed record CliProcessResult(int ExitCode, string Stdout, string Stderr, long? PeakBytes)
{
    /// <summary>The same checks as <see cref="CliResult.AssertOneErrorLine"/>, for a child process.</summary>
    public string AssertOneErrorLine() => new CliResult(ExitCode, Stdout, Stderr).AssertOneErrorLine();
}

/// <summary>
/// Runs netsym as a separate process (the NetSym.Cli.dll copied beside the tests), for what an
/// in-process run cannot show: two processes on one file, signals, and peak memory.
/// </summary>
public static class CliProcess
{
    /// <summary>The CLI assembly that the test project references.</summary>
    public static string CliDll { get; } = typeof(NetSym.Cli.Program).Assembly.Location;

    /// <summary>A start description for <c>dotnet NetSym.Cli.dll args…</c> in <paramref name="workingDirectory"/>.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(CliDll);
        foreach (string a in args) info.ArgumentList.Add(a);
        return info;
    }

    /// <summary>Starts netsym without waiting; the caller reads, signals or waits for it.</summary>
    public static Process Start(string workingDirectory, params string[] args) =>
        Process.Start(StartInfo(workingDirectory, args)) ?? throw new InvalidOperationException("could not start dotnet");

    /// <summary>Runs netsym to the end (killed after <paramref name="timeout"/>) and returns what it printed.</summary>
    public static CliProcessResult Run(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        return Finish(process, timeout, peakBytes: null);
    }

    /// <summary>
    /// Runs netsym under GNU time (Debian package <c>time</c>, installed by .ci/run) and returns its
    /// peak resident set size: the maximum RSS of the process, which is what a memory limit bounds.
    /// </summary>
    public static CliProcessResult RunMeasuringPeak(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        string report = Path.Combine(workingDirectory, $"peak-{Guid.NewGuid():N}.txt");
        var info = new ProcessStartInfo("/usr/bin/time")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in (string[])["-f", "%M", "-o", report, "dotnet", CliDll, .. args]) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start /usr/bin/time");
        var result = Finish(process, timeout, peakBytes: null);
        // GNU time writes "Command exited with non-zero status N" before the figure when the exit code is not 0.
        string last = File.ReadAllLines(report).Last(l => l.Length > 0);
        File.Delete(report);
        return result with { PeakBytes = long.Parse(last, CultureInfo.InvariantCulture) * 1024 };
    }

    private static CliProcessResult Finish(Process process, TimeSpan timeout, long? peakBytes)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"netsym did not finish within {timeout}");
        }
        return new CliProcessResult(process.ExitCode, stdout.Result, stderr.Result, peakBytes);
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NetSym.Tests.Cli;

/// <summary>A write stopped by SIGINT (Ctrl-C) or SIGTERM leaves neither the file nor its temporary file.</summary>
public sealed partial class StopSignalTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    [Theory]
    [InlineData(2)]
    [InlineData(15)]
    public void A_signal_during_a_write_deletes_the_temporary_file(int signal)
    {
        // A shell in a script starts background jobs with SIGINT ignored, and an ignored signal stays ignored across exec:
        // env --default-signal gives netsym the terminal's default, as when Ctrl-C is pressed.
        var info = CliProcess.StartInfo(_cli.Directory, "random", "1000-1000-1000-1", "-o", "m.json");
        info.ArgumentList.Insert(0, "--default-signal=INT,TERM");
        info.ArgumentList.Insert(1, info.FileName);
        info.FileName = "env";
        using var process = Process.Start(info)!;
        var clock = Stopwatch.StartNew();
        while (!_cli.Files().Any(f => f.StartsWith(".m.json.", StringComparison.Ordinal) && f.EndsWith(".tmp", StringComparison.Ordinal)))
        {
            if (process.HasExited) Assert.Fail($"netsym ended before it began writing: {process.StandardError.ReadToEnd()}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "netsym did not begin writing within a minute");
            Thread.Sleep(5);
        }
        Assert.Equal(0, kill(process.Id, signal));
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "netsym did not stop");
        Assert.NotEqual(0, process.ExitCode);
        Assert.Empty(_cli.Files());
    }
}

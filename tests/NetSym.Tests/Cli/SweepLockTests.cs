using System.Diagnostics;

namespace NetSym.Tests.Cli;

/// <summary>Two netsym processes on one results file: the second is refused while the first writes it.</summary>
public sealed class SweepLockTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void A_second_sweep_or_merge_on_a_file_being_written_is_refused_naming_the_writer()
    {
        // Enough trials to outlast the test; the writer is killed at the end.
        string[] sweep = ["sweep", "--input-dims", "4", "--widths", "8", "--depths", "1..4", "--trials", "100000", "--seed", "1", "-o", "r.csv"];
        string path = _cli.PathOf("r.csv");
        using var writer = CliProcess.Start(_cli.Directory, sweep);
        try
        {
            var clock = Stopwatch.StartNew();
            while (!File.Exists(path) || new FileInfo(path).Length == 0)
            {
                if (writer.HasExited) Assert.Fail($"the first sweep ended early: {writer.StandardError.ReadToEnd()}");
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the first sweep wrote no header within a minute");
                Thread.Sleep(20);
            }

            string expected = $"r.csv: is being written by another netsym process (pid {writer.Id})";
            // A child process with a deadline: a resume that is not refused would run the whole sweep.
            Assert.Contains(expected, CliProcess.Run(_cli.Directory, TimeSpan.FromSeconds(60), [.. sweep, "--resume"]).AssertOneErrorLine());
            Assert.Contains(expected, CliHarness.Run([.. sweep[..^1], path]).AssertOneErrorLine());
            Assert.Contains(expected, CliHarness.Run("sweep", "merge", _cli.PathOf("m.csv"), path).AssertOneErrorLine());
            Assert.False(writer.HasExited);
        }
        finally
        {
            writer.Kill();
            writer.WaitForExit();
        }
        // The kernel dropped the lock with the killed writer, which left whole lines only.
        Assert.Equal(0, CliHarness.Run("sweep", "merge", _cli.PathOf("m.csv"), path).ExitCode);
    }
}

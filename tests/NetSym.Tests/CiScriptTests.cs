using System.Diagnostics;
using System.Runtime.Versioning;

namespace NetSym.Tests;

/// <summary>.ci/run, run with stand-ins for apt-get and dotnet so that it takes a moment and installs nothing.</summary>
[SupportedOSPlatform("linux")] // CI is a Debian machine; the script is bash and the stand-ins need the execute bit.
public sealed class CiScriptTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("netsym-ci-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void The_ci_script_counts_the_results_and_leaves_no_results_folder_behind()
    {
        string bin = Directory.CreateDirectory(Path.Combine(_scratch, "bin")).FullName;
        string tmp = Directory.CreateDirectory(Path.Combine(_scratch, "tmp")).FullName;
        Stub(bin, "apt-get", "exit 0");
        // `dotnet test … --results-directory DIR` writes DIR/results.trx with one passed test.
        Stub(bin, "dotnet", """
            while [ $# -gt 0 ]; do
              if [ "$1" = "--results-directory" ]; then
                echo '<Counters total="1" executed="1" passed="1" failed="0" error="0" />' > "$2/results.trx"
              fi
              shift
            done
            exit 0
            """);
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(Repository.Root, ".ci", "run"));
        info.Environment["PATH"] = $"{bin}:/usr/bin:/bin";
        info.Environment["TMPDIR"] = tmp;
        using var process = Process.Start(info)!;
        string stdout = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, process.ExitCode);
        Assert.EndsWith("1 passed, 0 failed\n", stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(tmp));
    }

    private static void Stub(string bin, string name, string body)
    {
        string path = Path.Combine(bin, name);
        File.WriteAllText(path, $"#!/usr/bin/env bash\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}

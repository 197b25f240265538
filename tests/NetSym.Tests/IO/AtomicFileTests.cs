using NetSym.IO;

namespace NetSym.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // Above Linux's largest pid (2^22), so never a running process.
    private const int GonePid = 999_999_999;

    private static void WriteText(string path, string text) => AtomicFile.Write(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void The_next_write_to_a_path_deletes_the_temporary_files_that_dead_processes_left_for_it()
    {
        string stale = $".m.json.{GonePid}.{Guid.NewGuid():N}.tmp";
        string live = $".m.json.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        string[] kept =
        [
            live,                                           // a write in progress in this process
            $".other.json.{GonePid}.{Guid.NewGuid():N}.tmp", // another target's
            $".m.json.{GonePid}.not-a-guid.tmp",             // not of our naming
            ".m.json.tmp",
        ];
        foreach (string name in (string[])[stale, .. kept]) _dir.Write(name, [1, 2, 3]);

        WriteText(_dir.File("m.json"), "{}");

        Assert.Equal([.. kept.Append("m.json").Order(StringComparer.Ordinal)], _dir.Entries());
        Assert.Equal("{}", File.ReadAllText(_dir.File("m.json")));
    }

    [Fact]
    public void A_write_that_fails_names_the_target_and_never_the_temporary_file()
    {
        // The target is a directory: the rename over it fails after the content was written.
        Directory.CreateDirectory(_dir.File("m.json"));
        var e = Assert.Throws<ModelFileException>(() => WriteText(_dir.File("m.json"), "{}"));
        Assert.Equal(_dir.File("m.json"), e.Path);
        Assert.StartsWith("cannot write: ", e.Problem);
        Assert.DoesNotContain(".tmp", e.Message);
        Assert.Equal(["m.json"], _dir.Entries());

        // sysfs refuses new files even to root: a permission error names the directory that needs the permission.
        e = Assert.Throws<ModelFileException>(() => WriteText("/sys/netsym-test.json", "{}"));
        Assert.Equal("/sys/netsym-test.json: cannot write: permission denied in directory '/sys'", e.Message);
    }

    [Fact]
    public void Without_overwrite_an_existing_target_is_kept()
    {
        string path = _dir.Write("r.csv", [7]);
        var e = Assert.Throws<ModelFileException>(() => AtomicFile.Write(path, s => s.WriteByte(8), overwrite: false));
        Assert.Equal("exists already", e.Problem);
        Assert.Equal([7], File.ReadAllBytes(path));
        Assert.Equal(["r.csv"], _dir.Entries());
    }
}

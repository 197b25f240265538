using System.Text.Json;
using NetSym.Cli;
using NetSym.IO;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Cli;

/// <summary>What one in-process run of netsym produced.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>stdout parsed as the one JSON object that --json promises.</summary>
    public JsonElement Json()
    {
        using var doc = JsonDocument.Parse(Stdout);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        return doc.RootElement.Clone();
    }

    /// <summary>Asserts a clean failure: exit code 2, nothing on stdout, exactly one error line on stderr.</summary>
    public string AssertOneErrorLine()
    {
        Assert.Equal(2, ExitCode);
        Assert.Equal("", Stdout);
        var lines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("netsym: error: ", lines[0]);
        Assert.DoesNotContain("   at ", Stderr);
        return lines[0];
    }
}

/// <summary>Runs netsym in-process and gives each test its own scratch directory.</summary>
public sealed class CliHarness : IDisposable
{
    public CliHarness() => Directory = System.IO.Directory.CreateTempSubdirectory("netsym-cli-").FullName;

    /// <summary>The scratch directory, deleted afterwards.</summary>
    public string Directory { get; }

    /// <summary>A path inside the scratch directory.</summary>
    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Runs <c>netsym args…</c> with stdout and stderr captured.</summary>
    public static CliResult Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = Program.Run(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A 3-6-4-2 ReLU network with PyTorch-default weights, fixed by its seed.</summary>
    public static Network SampleNetwork(int seed = 5) =>
        RandomNetworks.Create(Architecture.Parse("3-6-4-2"), new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(seed));

    /// <summary>Writes a network as NetSym JSON into the scratch directory and returns its path.</summary>
    public string WriteModel(Network network, string name = "model.json")
    {
        string path = PathOf(name);
        NetworkJson.Write(network, path);
        return path;
    }

    /// <summary>Writes a text file into the scratch directory and returns its path.</summary>
    public string WriteText(string name, string text)
    {
        string path = PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The names of the files in the scratch directory, hidden temporary files included.</summary>
    public IReadOnlyList<string> Files() =>
        [.. System.IO.Directory.EnumerateFileSystemEntries(Directory).Select(Path.GetFileName).Order()!];

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

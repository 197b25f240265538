using System.Text.RegularExpressions;

namespace NetSym.Tests.Randomness;

/// <summary>
/// The library takes its engine and its randomness from the caller: no source file under
/// src/NetSym reads the process-wide engine or makes a System.Random (the rule of docs/randomness.md).
/// </summary>
public partial class ExplicitContextTests
{
    [Fact]
    public void No_library_code_reaches_for_a_default_engine_or_a_system_random()
    {
        var library = Path.Combine(Repository.Root, "src", "NetSym");
        var offenders = Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) != "LinearAlgebraBackends.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(library, f), Line: i + 1, Text: line)))
            .Where(l => Forbidden().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
    }

    [GeneratedRegex(@"LinearAlgebraBackends\.Default|new\s+(System\.)?Random\s*\(|\bSystem\.Random\b|Random\.Shared")]
    private static partial Regex Forbidden();
}

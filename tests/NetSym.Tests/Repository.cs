namespace NetSym.Tests;

/// <summary>The clone the tests were built from, for tests that read its sources or run its scripts.</summary>
internal static class Repository
{
    /// <summary>The directory holding NetSym.slnx, found above the test assembly.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetSym.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"no NetSym.slnx above {AppContext.BaseDirectory}");
    }
}

using System.Globalization;

namespace NetSym.Cli;

/// <summary>
/// The memory this process may use: the smallest of the cgroup limit (v2 memory.max, v1
/// memory.limit_in_bytes) and the physical memory (/proc/meminfo's MemTotal), with where it comes
/// from. A container's limit is what kills a process, so it wins over the host's memory.
/// </summary>
internal static class MachineMemory
{
    /// <summary>The limit in bytes and its source in words (e.g. "the cgroup limit").</summary>
    public static (long Bytes, string Source) Available()
    {
        var candidates = new List<(long Bytes, string Source)>();
        if (CgroupLimit("/sys/fs/cgroup/memory.max") is { } v2) candidates.Add((v2, "the cgroup memory limit"));
        if (CgroupLimit("/sys/fs/cgroup/memory/memory.limit_in_bytes") is { } v1) candidates.Add((v1, "the cgroup memory limit"));
        if (MemTotal() is { } total) candidates.Add((total, "physical memory"));
        // Elsewhere (not Linux) the runtime knows the machine's memory and any container limit.
        if (candidates.Count == 0) candidates.Add((GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, "memory available to .NET"));
        return candidates.MinBy(c => c.Bytes);
    }

    // "max" (v2) or a value near 2^63 (v1) means no limit.
    private static long? CgroupLimit(string path)
    {
        string? text = ReadOrNull(path)?.Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long bytes) && bytes < 1L << 60 ? bytes : null;
    }

    private static long? MemTotal()
    {
        string? line = ReadOrNull("/proc/meminfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        string[] parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long kib) ? kib * 1024 : null;
    }

    private static string? ReadOrNull(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}

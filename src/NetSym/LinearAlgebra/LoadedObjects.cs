using System.Globalization;

namespace NetSym.LinearAlgebra;

/// <summary>
/// The files mapped into this process, from Linux's /proc/self/maps: which library a native
/// entry point really lives in, whatever name or symlink loaded it.
/// </summary>
internal static class LoadedObjects
{
    private const string Maps = "/proc/self/maps";

    /// <summary>The file mapped at <paramref name="address"/>; null where /proc/self/maps is not available.</summary>
    public static string? PathContaining(nint address) =>
        Mappings().Where(e => e.Start <= (ulong)address && (ulong)address < e.End).Select(e => e.Path).FirstOrDefault();

    /// <summary>Every file mapped into the process (empty where /proc/self/maps is not available).</summary>
    public static IReadOnlySet<string> Paths() => Mappings().Select(e => e.Path).ToHashSet();

    // A line reads "start-end perms offset dev inode [path]"; anonymous mappings have no path.
    private static IEnumerable<(ulong Start, ulong End, string Path)> Mappings()
    {
        if (!File.Exists(Maps)) yield break;
        foreach (string line in File.ReadAllLines(Maps))
        {
            int dash = line.IndexOf('-'), space = line.IndexOf(' '), slash = line.IndexOf('/');
            if (dash < 0 || space < dash || slash < 0) continue;
            yield return (ulong.Parse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                line[slash..]);
        }
    }
}

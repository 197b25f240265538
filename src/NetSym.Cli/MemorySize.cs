using System.Globalization;

namespace NetSym.Cli;

/// <summary>Memory sizes as users write them (--max-memory 8G, 512M, 1.5G, 1000000) and as errors print them.</summary>
internal static class MemorySize
{
    /// <summary>
    /// Bytes from a number with an optional binary suffix K, M, G or T (a trailing B or iB is
    /// allowed: 8G, 8GB and 8GiB are all 8·2^30), or null when the text is not such a size.
    /// </summary>
    public static long? TryParse(string text)
    {
        string s = text.Trim().ToUpperInvariant();
        if (s.EndsWith("IB", StringComparison.Ordinal)) s = s[..^2];
        else if (s.EndsWith('B')) s = s[..^1];
        int shift = s.Length == 0 ? 0 : s[^1] switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 };
        if (shift > 0) s = s[..^1];
        if (!double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)) return null;
        double bytes = Math.Round(value * Math.Pow(2, shift));
        return bytes is >= 1 and < long.MaxValue ? (long)bytes : null;
    }

    /// <summary>A size in words, in the largest binary unit that keeps it at least 1 (e.g. "16.5 GiB").</summary>
    public static string Format(long bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < units.Length - 1) { value /= 1024; unit++; }
        return unit == 0 ? $"{bytes} bytes" : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[unit]}");
    }
}

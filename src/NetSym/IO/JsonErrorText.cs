using System.Text.Json;

namespace NetSym.IO;

/// <summary>
/// A JSON syntax error in words: where it is, counted from 1 as editors count, and what is wrong.
/// System.Text.Json's message repeats the position itself, counted from 0, which would put two
/// different line numbers on one error line.
/// </summary>
internal static class JsonErrorText
{
    /// <summary>"line L, byte B: what", with the reader's own position suffixes removed.</summary>
    public static string Describe(JsonException e)
    {
        string message = e.Message;
        foreach (string suffix in (ReadOnlySpan<string>)[" LineNumber:", " Path:"])
        {
            int i = message.IndexOf(suffix, StringComparison.Ordinal);
            if (i > 0) message = message[..i];
        }
        return $"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {message.TrimEnd()}";
    }
}

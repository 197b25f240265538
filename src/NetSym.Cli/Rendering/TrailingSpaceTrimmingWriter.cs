using System.Text;

namespace NetSym.Cli.Rendering;

/// <summary>
/// Passes text through, dropping spaces at the end of each line. Spectre pads every table and grid
/// cell to its column's width; on a terminal that is invisible, but in a file or a pipe it would
/// leave trailing blanks on every line.
/// </summary>
internal sealed class TrailingSpaceTrimmingWriter(TextWriter inner) : TextWriter
{
    private int _pendingSpaces;

    /// <inheritdoc />
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc />
    public override void Write(char value)
    {
        switch (value)
        {
            case ' ':
                _pendingSpaces++;
                return;
            case '\n':
                _pendingSpaces = 0;
                break;
            default:
                for (; _pendingSpaces > 0; _pendingSpaces--) inner.Write(' ');
                break;
        }
        inner.Write(value);
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        foreach (char c in value ?? "") Write(c);
    }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count)
    {
        for (int i = index; i < index + count; i++) Write(buffer[i]);
    }

    /// <inheritdoc />
    public override void Flush() => inner.Flush();
}

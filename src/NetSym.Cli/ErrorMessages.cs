using NetSym.IO;
using NetSym.Networks;

namespace NetSym.Cli;

/// <summary>Turns a failure into the one line that netsym writes on stderr.</summary>
internal static class ErrorMessages
{
    /// <summary>The prefix of every error line.</summary>
    public const string Prefix = "netsym: error: ";

    /// <summary>
    /// The message of an expected failure (bad input: its message already names the file and the
    /// problem); for anything else, the exception's type too, since it is a bug worth reporting.
    /// </summary>
    public static string Describe(Exception exception)
    {
        string message = exception switch
        {
            ModelFileException or InvalidNetworkException or ArgumentException or NotSupportedException => exception.Message,
            // The library's own exception types (e.g. a backend that cannot be loaded) are expected failures.
            _ when exception.GetType().Namespace?.StartsWith("NetSym", StringComparison.Ordinal) == true => exception.Message,
            _ => $"unexpected {exception.GetType().Name}: {exception.Message}",
        };
        return OneLine(message);
    }

    /// <summary>The full line: prefix plus the message with line breaks folded into spaces.</summary>
    public static string Line(string message) => Prefix + OneLine(message);

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

using System.Globalization;
using NetSym.Embedding;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Cli;

/// <summary>
/// Turns a failure into the one line that netsym writes on stderr. The library's errors state the
/// facts; the remedies that name command-line flags are added here.
/// </summary>
internal static class ErrorMessages
{
    /// <summary>The prefix of every error line.</summary>
    public const string Prefix = "netsym: error: ";

    /// <summary>
    /// The message of an expected failure (bad input: its message already names the file and the
    /// problem), with the flag that remedies it where there is one; for anything else, the
    /// exception's type too, since it is a bug worth reporting.
    /// </summary>
    public static string Describe(Exception exception)
    {
        string message = exception switch
        {
            ExactRankUnavailableException => exception.Message + "; use --float",
            ModelFileException { Reason: ModelFileReason.ActivationRequired } => exception.Message + ": give one with --activation NAME",
            ModelFileException { Reason: ModelFileReason.ExistsAlready } => exception.Message + ": give --resume to continue it, or choose another file",
            PathLimitExceededException limit => PathLimit(limit),
            MatrixTooLargeException => exception.Message + "; use fewer points (--points N) or a shorter --inputs file",
            // The parameter name .NET appends to an argument error is the library's, not the user's.
            ArgumentException { ParamName: { } name } => exception.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal),
            // The operating system's own words already name the path and what failed (permission, disk full).
            UnauthorizedAccessException or IOException => exception.Message,
            ModelFileException or InvalidNetworkException or ArgumentException or NotSupportedException => exception.Message,
            // The library's own exception types (e.g. a backend that cannot be loaded) are expected failures.
            _ when exception.GetType().Namespace?.StartsWith("NetSym", StringComparison.Ordinal) == true => exception.Message,
            _ => $"unexpected {exception.GetType().Name}: {exception.Message}",
        };
        return OneLine(message);
    }

    /// <summary>Φ too large to write out, with the flag that raises the limit.</summary>
    public static string PathLimit(PathLimitExceededException limit) => string.Create(CultureInfo.InvariantCulture,
        $"Φ has {limit.Entries:N0} entries, more than the limit of {limit.Limit:N0} (--max-paths); path counts, path norms, inner products ⟨Φ, A(x)⟩ and Jacobian-vector products DΦ·u are computed implicitly without it");

    /// <summary>The full line: prefix plus the message with line breaks folded into spaces.</summary>
    public static string Line(string message) => Prefix + OneLine(message);

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

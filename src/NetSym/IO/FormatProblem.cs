namespace NetSym.IO;

/// <summary>
/// What is wrong with a file's content, raised deep inside a reader that does not know the file
/// name; the reader's entry point turns it into a <see cref="ModelFileException"/>.
/// </summary>
internal sealed class FormatProblem(string message) : Exception(message);

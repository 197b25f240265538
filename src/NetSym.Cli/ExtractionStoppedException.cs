namespace NetSym.Cli;

/// <summary>
/// An extraction that ran and stopped short (budget, a function that is not a ReLU network of the depth
/// tried, a certificate the budget could not pay for): its partial report is already on stdout, and the
/// message becomes the one error line, with exit code <see cref="ExitCodes.Stopped"/>.
/// </summary>
internal sealed class ExtractionStoppedException(string message) : Exception(message);

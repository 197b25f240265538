namespace NetSym.Cli;

/// <summary>Work refused before it starts because its estimated peak memory exceeds the limit; the message says by how much and what to do.</summary>
internal sealed class MemoryLimitException(string message) : Exception(message);

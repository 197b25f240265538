namespace NetSym;

/// <summary>One large allocation of a computation, as <see cref="MemoryEstimate"/> lists it.</summary>
/// <param name="Name">What it holds, in words (e.g. "Jacobian 4000 × 12402").</param>
/// <param name="Bytes">Its size in bytes.</param>
public readonly record struct MemoryTerm(string Name, long Bytes);

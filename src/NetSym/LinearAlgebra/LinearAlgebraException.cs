namespace NetSym.LinearAlgebra;

/// <summary>
/// A linear-algebra engine could not finish: a LAPACK routine returned info ≠ 0, or a managed
/// iteration did not converge. The message names the routine and the reason.
/// </summary>
public sealed class LinearAlgebraException(string message) : Exception(message)
{
    /// <summary>The exception for LAPACK routine <paramref name="routine"/> returning <paramref name="info"/> ≠ 0.</summary>
    internal static LinearAlgebraException Lapack(string routine, int info) => new(info < 0
        ? $"LAPACK {routine} rejected argument {-info} (info = {info}): a bug in NetSym's call"
        : $"LAPACK {routine} did not converge (info = {info})");
}

using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym;

/// <summary>
/// What a computation runs with, chosen once by the caller (the command line, a test, a benchmark)
/// and passed down: the linear-algebra engine and the random key. No library code picks either
/// for itself, so the same context gives the same result on every run.
/// </summary>
/// <remarks>
/// It lives in the root namespace because it joins two folders that do not know each other
/// (LinearAlgebra/ and Randomness/) and every analysis folder takes it.
/// </remarks>
/// <param name="Backend">The linear-algebra engine every product, rank and factorisation uses.</param>
/// <param name="Key">The root of every random draw; analyses split it per purpose.</param>
public sealed record ComputeContext(LinearAlgebraBackend Backend, RandomKey Key)
{
    /// <summary>The same engine with the child key for <paramref name="purpose"/> (see <see cref="RandomKey.Split(string)"/>).</summary>
    public ComputeContext Split(string purpose) => this with { Key = Key.Split(purpose) };

    /// <summary>The same engine with child key <paramref name="index"/> (per layer, per trial).</summary>
    public ComputeContext Split(int index) => this with { Key = Key.Split(index) };
}

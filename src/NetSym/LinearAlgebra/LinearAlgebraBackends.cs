namespace NetSym.LinearAlgebra;

/// <summary>
/// Chooses the engine: OpenBLAS, else reference BLAS/LAPACK, else managed kernels; the
/// environment variable NETSYM_LINALG=openblas|reference|managed forces one.
/// </summary>
public static class LinearAlgebraBackends
{
    /// <summary>The environment variable that forces an engine.</summary>
    public const string EnvironmentVariable = "NETSYM_LINALG";

    private static readonly Lazy<LinearAlgebraBackend> _default = new(() => Select(Environment.GetEnvironmentVariable(EnvironmentVariable)));

    /// <summary>The engine chosen for this process, once, from <see cref="EnvironmentVariable"/>.</summary>
    /// <exception cref="ArgumentException">NETSYM_LINALG names an unknown engine or one whose libraries do not load.</exception>
    public static LinearAlgebraBackend Default => _default.Value;

    /// <summary>The value of NETSYM_LINALG that forces each engine.</summary>
    public static string Name(LinearAlgebraKind kind) => kind switch
    {
        LinearAlgebraKind.OpenBlas => "openblas",
        LinearAlgebraKind.Reference => "reference",
        LinearAlgebraKind.Managed => "managed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// The engine a NETSYM_LINALG value asks for (case-insensitive). Null or empty: OpenBLAS if it
    /// loads, else the reference libraries if both load, else the managed kernels.
    /// </summary>
    /// <exception cref="ArgumentException">The value names no engine, or the engine's libraries do not load.</exception>
    public static LinearAlgebraBackend Select(string? forced)
    {
        if (string.IsNullOrEmpty(forced))
            return TryCreate(LinearAlgebraKind.OpenBlas) ?? TryCreate(LinearAlgebraKind.Reference) ?? new ManagedBackend();
        foreach (var kind in Enum.GetValues<LinearAlgebraKind>())
            if (string.Equals(Name(kind), forced.Trim(), StringComparison.OrdinalIgnoreCase))
                return Create(kind, $"{EnvironmentVariable}={forced}");
        throw new ArgumentException($"{EnvironmentVariable}={forced} names no linear-algebra engine; valid values are {ValidNames}");
    }

    /// <summary>The engine of <paramref name="kind"/>, or null when its native libraries do not load.</summary>
    public static LinearAlgebraBackend? TryCreate(LinearAlgebraKind kind) => TryCreate(kind, out _);

    /// <summary>The engine of <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentException">Its native libraries do not load; the message says why.</exception>
    public static LinearAlgebraBackend Create(LinearAlgebraKind kind) => Create(kind, Name(kind));

    private static LinearAlgebraBackend Create(LinearAlgebraKind kind, string asked) =>
        TryCreate(kind, out string problem)
        ?? throw new ArgumentException($"{asked}: the {Name(kind)} engine is not available ({problem}); valid values are {ValidNames}");

    private static LinearAlgebraBackend? TryCreate(LinearAlgebraKind kind, out string problem)
    {
        problem = "";
        if (kind == LinearAlgebraKind.Managed) return new ManagedBackend();
        return NativeBackend.TryLoad(kind, out var native, out problem) ? native : null;
    }

    private static string ValidNames => string.Join(", ", Enum.GetValues<LinearAlgebraKind>().Select(Name));
}

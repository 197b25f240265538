namespace NetSym.Dimension;

/// <summary>
/// The batch functional dimension of a network on a set of inputs (Grigsby, Lindsey &amp; Rolnick 2023):
/// the rank of the parameter Jacobian of (f_θ(x_1), …, f_θ(x_N)), against the bound P − dim(continuous
/// symmetries), with what explains a shortfall.
/// </summary>
/// <param name="Rank">The rank found.</param>
/// <param name="Bound">P − dimension of the continuous symmetry group (for ReLU nets P − #hidden neurons).</param>
/// <param name="Parameters">P.</param>
/// <param name="Points">Inputs used.</param>
/// <param name="Rows">Rows of the Jacobian: points × outputs.</param>
/// <param name="Method">Exact (rank mod p) or float (SVD).</param>
/// <param name="Tolerance">Float: the singular-value threshold used; exact: null.</param>
/// <param name="SingularValues">Float: all singular values, non-increasing; exact: null.</param>
/// <param name="Primes">Exact: the primes tried; float: empty.</param>
/// <param name="OnBreakpoint">
/// Indices of the inputs with a pre-activation exactly on a breakpoint of its activation (decided in
/// exact arithmetic; none for smooth activations). They are kept, in exact and float mode alike, with
/// ρ′ at the breakpoint taken as PyTorch's autograd does (relu′(0) = 0; <see cref="NetSym.Networks.ExactPieces.BreakpointSlopes"/>).
/// </param>
/// <param name="ExactlyRecomputed">Exact: inputs whose activation pattern floating point could not certify and that were re-evaluated in exact arithmetic.</param>
/// <param name="Backend">The linear-algebra engine that ran.</param>
/// <param name="Causes">Mechanisms found that can lower the rank (<see cref="DeficitCauseKind"/>).</param>
/// <param name="Kernel">The kernel directions beyond the symmetry group's, or why they were not computed.</param>
public sealed record FunctionalDimensionResult(
    int Rank,
    int Bound,
    int Parameters,
    int Points,
    int Rows,
    RankMethod Method,
    double? Tolerance,
    double[]? SingularValues,
    IReadOnlyList<long> Primes,
    IReadOnlyList<int> OnBreakpoint,
    int ExactlyRecomputed,
    string Backend,
    IReadOnlyList<DeficitCause> Causes,
    KernelDirections Kernel)
{
    /// <summary>How many inputs lie exactly on a breakpoint (<see cref="OnBreakpoint"/>).</summary>
    public int PointsOnBreakpoint => OnBreakpoint.Count;

    /// <summary>Bound − rank.</summary>
    public int Deficit => Bound - Rank;

    /// <summary>Exact rank equal to the bound: no hidden symmetry on this batch, proven (rank mod p ≤ rank over Q ≤ bound).</summary>
    public bool Certified => Method == RankMethod.Exact && Rank == Bound;

    /// <summary>Whether the batch has fewer Jacobian rows than the bound, so that it cannot reach it: a partial result.</summary>
    public bool BatchTooSmall => Rows < Bound;

    /// <summary>Float: (σ_rank, σ_{rank+1}), the singular values on either side of the threshold (NaN where absent).</summary>
    public (double Last, double Next)? Gap => SingularValues is null ? null :
        (Rank > 0 ? SingularValues[Rank - 1] : double.NaN, Rank < SingularValues.Length ? SingularValues[Rank] : double.NaN);
}

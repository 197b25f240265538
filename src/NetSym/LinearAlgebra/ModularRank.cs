namespace NetSym.LinearAlgebra;

/// <summary>
/// Exact rank over the prime field F_p by blocked Gaussian elimination whose updates are modular
/// GEMMs on the floating-point backend (FFLAS-style), with the pivot columns and rows of the
/// row-echelon form. See <see cref="ModularRankResult"/> for what a rank mod p says over Q.
/// </summary>
/// <remarks>
/// Cost: about 2·(m·n·r − (m+n)·r²/2 + r³/3) flops in dgemm for an m×n matrix of rank r, plus
/// O(m·r·8) scalar operations. Memory: one working copy of the matrix (none with
/// <see cref="ComputeInPlace"/>) and O((m + n)·256) doubles of workspace.
/// </remarks>
public static class ModularRank
{
    /// <summary>The rank mod p of a matrix of residues (integers in [0, p)); the matrix is not modified.</summary>
    /// <exception cref="ArgumentException">An entry is not a residue.</exception>
    public static ModularRankResult Compute(PrimeField field, Matrix residues, LinearAlgebraBackend backend) =>
        Compute(field, residues.Data, residues.Rows, residues.Columns, backend);

    /// <summary>The rank mod p of the row-major rows×columns matrix of residues (integers in [0, p)); not modified.</summary>
    /// <exception cref="ArgumentException">The span does not hold rows·columns entries, or an entry is not a residue.</exception>
    public static ModularRankResult Compute(PrimeField field, ReadOnlySpan<double> residues, int rows, int columns,
        LinearAlgebraBackend backend)
    {
        RequireShape(residues.Length, rows, columns);
        var work = GC.AllocateUninitializedArray<double>(residues.Length);
        ResidueWindow.Centered(field).FromResidues(residues, work);
        return Eliminate(field, work, rows, columns, backend);
    }

    /// <summary>
    /// Like <see cref="Compute(PrimeField, ReadOnlySpan{double}, int, int, LinearAlgebraBackend)"/>
    /// without a working copy: <paramref name="residues"/> is overwritten by the elimination (its
    /// contents afterwards are unspecified). For matrices too large to hold twice.
    /// </summary>
    /// <exception cref="ArgumentException">The span does not hold rows·columns entries, or an entry is not a residue.</exception>
    /// <param name="field">The prime field.</param>
    /// <param name="residues">The matrix, row-major, entries in [0, p); overwritten.</param>
    /// <param name="rows">Its rows.</param>
    /// <param name="columns">Its columns.</param>
    /// <param name="backend">The engine of the modular GEMMs.</param>
    /// <param name="progress">Told the share of the elimination done, after each panel (see <see cref="ModularElimination.Run"/>).</param>
    public static ModularRankResult ComputeInPlace(PrimeField field, Span<double> residues, int rows, int columns,
        LinearAlgebraBackend backend, Action<double>? progress = null)
    {
        RequireShape(residues.Length, rows, columns);
        ResidueWindow.Centered(field).FromResidues(residues, residues);
        return Eliminate(field, residues, rows, columns, backend, progress);
    }

    /// <summary>
    /// The rank mod p of a matrix of finite doubles, each read as the dyadic rational it is
    /// exactly (see <see cref="DyadicResidues"/>); the matrix is not modified.
    /// </summary>
    /// <exception cref="ArgumentException">An entry is NaN or infinite.</exception>
    public static ModularRankResult ComputeDyadic(PrimeField field, Matrix values, LinearAlgebraBackend backend)
    {
        return Eliminate(field, DyadicResidues.Centered(field, values.Data), values.Rows, values.Columns, backend);
    }

    /// <summary>
    /// The largest rank mod p over the given primes of a matrix of finite doubles (read as dyadic
    /// rationals), with that prime's pivots: still a certified lower bound on the rank over Q,
    /// and a prime that happens to divide the minors no longer lowers it.
    /// </summary>
    /// <exception cref="ArgumentException">No prime is given, or an entry is NaN or infinite.</exception>
    public static ModularRankResult RankOverPrimes(Matrix values, IEnumerable<PrimeField> fields, LinearAlgebraBackend backend)
    {
        double[]? work = null;
        var best = BestRankOverPrimes.Find(fields, Math.Min(values.Rows, values.Columns), field =>
        {
            work ??= GC.AllocateUninitializedArray<double>(values.Data.Length);
            DyadicResidues.Map(field, ResidueWindow.Centered(field), values.Data, work);
            return Eliminate(field, work, values.Rows, values.Columns, backend);
        }, r => r.Rank);
        return best?.Result ?? throw new ArgumentException("no prime given", nameof(fields));
    }

    private static ModularRankResult Eliminate(PrimeField field, Span<double> centered, int rows, int columns, LinearAlgebraBackend backend,
        Action<double>? progress = null)
    {
        var elimination = new ModularElimination(field, centered, rows, columns, backend);
        int rank = elimination.Run(progress);
        return new ModularRankResult(field, rows, columns, rank, elimination.PivotColumns, elimination.PivotRows);
    }

    /// <summary>Throws unless <paramref name="length"/> = rows·columns with both non-negative.</summary>
    internal static void RequireShape(int length, int rows, int columns)
    {
        if (rows < 0 || columns < 0) throw new ArgumentException($"matrix sizes must be non-negative, got {rows}×{columns}");
        if (length != (long)rows * columns) throw new ArgumentException($"the span holds {length} entries, expected {rows}×{columns}");
    }
}

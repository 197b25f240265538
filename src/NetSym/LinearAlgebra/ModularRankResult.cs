namespace NetSym.LinearAlgebra;

/// <summary>
/// The rank r over F_p of a Rows×Columns matrix A, with the pivots of its row-echelon form.
/// </summary>
/// <remarks>
/// The rank over Q of a rational matrix is at least its rank mod p for every prime p not dividing
/// a denominator (a non-zero r×r minor mod p is non-zero over Q): r is a certified lower bound,
/// and equal to a proven upper bound it certifies the rank. It falls short of the rank ρ over Q
/// exactly for the primes dividing every ρ×ρ minor, finitely many, so the largest rank over a few
/// random primes of 22 bits is the rank over Q but for an unlikely coincidence.
/// </remarks>
/// <param name="Field">The prime field F_p.</param>
/// <param name="Rows">m, the number of rows of A.</param>
/// <param name="Columns">n, the number of columns of A.</param>
/// <param name="Rank">r, the rank of A mod p.</param>
/// <param name="PivotColumns">
/// The r pivot columns, increasing: for each j, column j is a pivot exactly when it is not a
/// combination mod p of the columns before it (the greedy, leftmost column basis).
/// </param>
/// <param name="PivotRows">
/// The original row index of each pivot: the r×r submatrix A[PivotRows, PivotColumns] is
/// invertible mod p, so these rows are a basis of the row space mod p.
/// </param>
public sealed record ModularRankResult(PrimeField Field, int Rows, int Columns, int Rank,
    IReadOnlyList<int> PivotColumns, IReadOnlyList<int> PivotRows);

namespace NetSym.LinearAlgebra;

/// <summary>The outcome of <see cref="LeastSquares.Solve"/>.</summary>
/// <param name="Solution">X (columns of A × columns of B): the basic least-squares solution, zero on the columns judged dependent.</param>
/// <param name="Rank">The numerical rank of A found by the pivoted QR.</param>
/// <param name="ResidualNorms">‖A·X − B‖ per column of B.</param>
/// <param name="IndependentColumns">The columns of A the solution uses, in pivot order (<see cref="Rank"/> of them).</param>
internal sealed record LeastSquaresSolution(Matrix Solution, int Rank, double[] ResidualNorms, int[] IndependentColumns);

namespace NetSym.LinearAlgebra;

/// <summary>
/// The result of a QR factorisation with column pivoting, A·P = Q·R: |R_ii| (non-increasing, up to
/// rounding) and the permutation, Permutation[j] = the original column placed at position j.
/// </summary>
public sealed record PivotedQr(double[] RDiagonal, int[] Permutation);

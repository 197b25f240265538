namespace NetSym.LinearAlgebra;

/// <summary>
/// How NetSym reads a float64 rank from singular values: σ_i counts when σ_i &gt; τ, with τ given by
/// the caller or, by default, NumPy's <c>matrix_rank</c> rule τ = σ_max·max(m, n)·ε for an m×n matrix
/// (ε = <see cref="FloatingPoint.MachineEpsilon"/>): the size of the singular values that rounding
/// alone produces in a backward-stable SVD of a matrix of that norm and shape. Exact ranks are ranks
/// mod p instead (<see cref="ModularRank"/>, best over several primes by <see cref="BestRankOverPrimes"/>).
/// </summary>
public static class RankPolicy
{
    /// <summary>The default tolerance σ_max·max(m, n)·ε of an m×n matrix whose largest singular value is <paramref name="largestSingularValue"/>.</summary>
    public static double DefaultTolerance(double largestSingularValue, int rows, int columns) =>
        largestSingularValue * Math.Max(rows, columns) * FloatingPoint.MachineEpsilon;

    /// <summary>
    /// The rank of an m×n matrix from its singular values (non-increasing, as every backend returns
    /// them): the number above <paramref name="tolerance"/> when one is given, else above the default
    /// tolerance — 0 when there are no singular values.
    /// </summary>
    public static FloatRank FromSingularValues(ReadOnlySpan<double> singularValues, int rows, int columns, double? tolerance = null)
    {
        double threshold = tolerance ?? (singularValues.IsEmpty ? 0 : DefaultTolerance(singularValues[0], rows, columns));
        int rank = 0;
        foreach (double s in singularValues)
            if (s > threshold) rank++;
        return new FloatRank(rank, threshold);
    }
}

using System.Numerics;

namespace NetSym.LinearAlgebra;

/// <summary>
/// The rank over Q of a small rational matrix, given as integers (its entries times a common
/// denominator, which changes no rank), by integer-preserving Gaussian elimination on BigInteger:
/// the exact value that ranks mod p (<see cref="ModularRank"/>) only bound from below.
/// </summary>
/// <remarks>
/// A row operation row_i ← a_rc·row_i − a_ic·row_r and division of a row by the gcd of its entries
/// keep the row space of the rows below the pivot, so the number of pivots is the rank.
/// </remarks>
internal static class RationalRank
{
    /// <summary>The rank over Q of the rows×columns integer matrix <paramref name="entries"/> (row-major; not modified).</summary>
    public static int Of(ReadOnlySpan<BigInteger> entries, int rows, int columns)
    {
        var a = Rows(entries, rows, columns);
        int rank = 0;
        for (int c = 0; c < columns && rank < rows; c++)
        {
            int pivot = Enumerable.Range(rank, rows - rank).FirstOrDefault(i => !a[i][c].IsZero, -1);
            if (pivot < 0) continue;
            (a[rank], a[pivot]) = (a[pivot], a[rank]);
            var top = a[rank];
            for (int i = rank + 1; i < rows; i++)
            {
                var row = a[i];
                if (row[c].IsZero) continue;
                var factor = row[c];
                for (int j = c; j < columns; j++) row[j] = top[c] * row[j] - factor * top[j];
                Normalise(row, c + 1);
            }
            rank++;
        }
        return rank;
    }

    /// <summary>
    /// A maximal set of linearly independent rows over Q, chosen greedily in order: row i is kept when it
    /// is not a combination of the rows kept before it.
    /// </summary>
    public static List<int> IndependentRows(ReadOnlySpan<BigInteger> entries, int rows, int columns)
    {
        var a = Rows(entries, rows, columns);
        // A reduced echelon basis: every basis row is 0 at the other rows' pivots, so reducing by one
        // pivot never disturbs another, and what is left of a row is 0 iff it is dependent.
        var basis = new List<(int Pivot, BigInteger[] Row)>();
        var kept = new List<int>();
        for (int i = 0; i < rows; i++)
        {
            var row = a[i];
            foreach (var (pivot, b) in basis) Eliminate(row, b, pivot);
            int lead = Array.FindIndex(row, v => !v.IsZero);
            if (lead < 0) continue;
            foreach (var (_, b) in basis) Eliminate(b, row, lead);
            kept.Add(i);
            basis.Add((lead, row));
        }
        return kept;
    }

    /// <summary>row ← b[pivot]·row − row[pivot]·b, which is 0 at the pivot, then divided by the gcd of its entries.</summary>
    private static void Eliminate(BigInteger[] row, BigInteger[] b, int pivot)
    {
        if (row[pivot].IsZero) return;
        var factor = row[pivot];
        for (int j = 0; j < row.Length; j++) row[j] = b[pivot] * row[j] - factor * b[j];
        Normalise(row, 0);
    }

    /// <summary>A working copy, one array per row.</summary>
    private static BigInteger[][] Rows(ReadOnlySpan<BigInteger> entries, int rows, int columns)
    {
        ModularRank.RequireShape(entries.Length, rows, columns);
        var a = new BigInteger[rows][];
        for (int i = 0; i < rows; i++) a[i] = entries.Slice(i * columns, columns).ToArray();
        return a;
    }

    private static void Normalise(BigInteger[] row, int from)
    {
        var gcd = BigInteger.Zero;
        for (int j = from; j < row.Length && !gcd.IsOne; j++)
            if (!row[j].IsZero) gcd = BigInteger.GreatestCommonDivisor(gcd, row[j]);
        if (gcd > BigInteger.One)
            for (int j = from; j < row.Length; j++) row[j] /= gcd;
    }
}

using System.Numerics;
using NetSym.Networks;

namespace NetSym.Identifiability;

/// <summary>
/// The rank over Q of a small matrix of dyadic rationals, by integer-preserving Gaussian elimination
/// on BigInteger: the exact value that ranks mod p only bound from below. Used to certify R_A
/// where α is small.
/// </summary>
/// <remarks>
/// Every entry is scaled by one common power of two into an integer; a row operation
/// row_i ← a_rc·row_i − a_ic·row_r and division of a row by the gcd of its entries keep the row space
/// of the rows below the pivot, so the number of pivots is the rank.
/// </remarks>
internal static class RationalRank
{
    /// <summary>The rank over Q of the rows×columns matrix <paramref name="entries"/> (row-major).</summary>
    public static int Of(Dyadic[] entries, int rows, int columns)
    {
        int exponent = entries.Where(e => e.Sign != 0).Select(e => e.Exponent).DefaultIfEmpty(0).Min();
        var a = new BigInteger[rows][];
        for (int i = 0; i < rows; i++)
        {
            a[i] = new BigInteger[columns];
            for (int j = 0; j < columns; j++)
            {
                var e = entries[i * columns + j];
                a[i][j] = e.Sign == 0 ? BigInteger.Zero : e.Mantissa << (e.Exponent - exponent);
            }
        }
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

    private static void Normalise(BigInteger[] row, int from)
    {
        var gcd = BigInteger.Zero;
        for (int j = from; j < row.Length && !gcd.IsOne; j++)
            if (!row[j].IsZero) gcd = BigInteger.GreatestCommonDivisor(gcd, row[j]);
        if (gcd > BigInteger.One)
            for (int j = from; j < row.Length; j++) row[j] /= gcd;
    }
}

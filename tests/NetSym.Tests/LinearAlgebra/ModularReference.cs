using System.Numerics;
using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Tests.LinearAlgebra;

/// <summary>
/// Independent, obviously correct references for the modular code: integer arithmetic on longs
/// and BigIntegers, one entry at a time, no floating point, no blocking.
/// </summary>
internal static class ModularReference
{
    /// <summary>x mod p in [0, p).</summary>
    public static long Mod(long x, long p) => ((x % p) + p) % p;

    /// <summary>The residue of an arbitrary integer.</summary>
    public static long Mod(BigInteger x, long p) => (long)(((x % p) + p) % p);

    /// <summary>C = A·B mod p by a triple loop on BigIntegers (A m×k, B k×n, dense row-major).</summary>
    public static long[] Multiply(double[] a, double[] b, int m, int n, int k, long p)
    {
        var c = new long[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                BigInteger sum = 0;
                for (int q = 0; q < k; q++) sum += new BigInteger(a[i * k + q]) * new BigInteger(b[q * n + j]);
                c[i * n + j] = Mod(sum, p);
            }
        return c;
    }

    /// <summary>
    /// Rank mod p and the pivot columns of row reduction over longs (entries any integers),
    /// one entry at a time: the pivot columns are the leftmost column basis, whatever the row order.
    /// </summary>
    public static (int Rank, int[] PivotColumns) RankModP(long[] a, int m, int n, long p)
    {
        var w = a.Select(x => Mod(x, p)).ToArray();
        var pivots = new List<int>();
        int rank = 0;
        for (int j = 0; j < n && rank < m; j++)
        {
            int pivot = Enumerable.Range(rank, m - rank).FirstOrDefault(i => w[i * n + j] != 0, -1);
            if (pivot < 0) continue;
            for (int q = 0; q < n; q++) (w[rank * n + q], w[pivot * n + q]) = (w[pivot * n + q], w[rank * n + q]);
            long inverse = (long)BigInteger.ModPow(w[rank * n + j], p - 2, p);
            for (int i = rank + 1; i < m; i++)
            {
                long factor = w[i * n + j] * inverse % p;
                for (int q = j; q < n; q++) w[i * n + q] = Mod(w[i * n + q] - factor * w[rank * n + q] % p, p);
            }
            pivots.Add(j);
            rank++;
        }
        return (rank, pivots.ToArray());
    }

    /// <summary>Rank over Q of an integer matrix by fraction-free (Bareiss) elimination on BigIntegers.</summary>
    public static int RankOverQ(BigInteger[] a, int m, int n)
    {
        var w = (BigInteger[])a.Clone();
        BigInteger previous = 1;
        int rank = 0;
        for (int j = 0; j < n && rank < m; j++)
        {
            int pivot = Enumerable.Range(rank, m - rank).FirstOrDefault(i => !w[i * n + j].IsZero, -1);
            if (pivot < 0) continue;
            for (int q = 0; q < n; q++) (w[rank * n + q], w[pivot * n + q]) = (w[pivot * n + q], w[rank * n + q]);
            for (int i = rank + 1; i < m; i++)
            {
                for (int q = j + 1; q < n; q++)
                {
                    var numerator = w[i * n + q] * w[rank * n + j] - w[i * n + j] * w[rank * n + q];
                    w[i * n + q] = BigInteger.DivRem(numerator, previous, out var remainder);
                    if (!remainder.IsZero) throw new InvalidOperationException("Bareiss division was not exact");
                }
                w[i * n + j] = 0;
            }
            previous = w[rank * n + j];
            rank++;
        }
        return rank;
    }

    /// <summary>Residues of an integer matrix, as doubles (the form the library takes).</summary>
    public static double[] Residues(long[] a, long p) => [.. a.Select(x => (double)Mod(x, p))];

    /// <summary>U·V for U (m×r) and V (r×n) with entries uniform in [−bound, bound]: rank r over Q for almost every draw.</summary>
    public static long[] PlantedRank(Random random, int m, int n, int r, int bound = 3)
    {
        var u = Enumerable.Range(0, m * r).Select(_ => (long)random.Next(-bound, bound + 1)).ToArray();
        var v = Enumerable.Range(0, r * n).Select(_ => (long)random.Next(-bound, bound + 1)).ToArray();
        var product = new long[m * n];
        for (int i = 0; i < m; i++)
            for (int q = 0; q < r; q++)
            {
                long x = u[i * r + q];
                if (x == 0) continue;
                for (int j = 0; j < n; j++) product[i * n + j] += x * v[q * n + j];
            }
        return product;
    }

    /// <summary>The field of the 22-bit prime the tests use unless they need another.</summary>
    public static PrimeField Field(int seed = 1) => PrimeField.Random(RandomKey.FromSeed(seed).Stream());
}

using System.Numerics;
using NetSym.Identifiability;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.LinearAlgebra;

public class RationalRankTests
{
    [Fact]
    public void Rank_and_independent_rows_match_a_planted_rank_exactly()
    {
        var random = new Random(4);
        for (int trial = 0; trial < 30; trial++)
        {
            int rows = random.Next(1, 12), columns = random.Next(1, 12), rank = random.Next(0, Math.Min(rows, columns) + 1);
            // M = L·R with dyadic L (rows × rank) and R (rank × columns): rank exactly 'rank' unless a draw is degenerate,
            // which the float reference catches too (entries are small integers scaled by powers of two).
            double Draw() => random.Next(-4, 5) * Math.ScaleB(1, random.Next(-3, 3));
            var l = Enumerable.Range(0, rows * rank).Select(_ => Draw()).ToArray();
            var r = Enumerable.Range(0, rank * columns).Select(_ => Draw()).ToArray();
            var m = new double[rows * columns];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++)
                    for (int k = 0; k < rank; k++) m[i * columns + j] += l[i * rank + k] * r[k * columns + j];
            var reference = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(rows, columns, (i, j) => m[i * columns + j]).Rank();
            var entries = Integers(m);
            Assert.Equal(reference, RationalRank.Of(entries, rows, columns));
            var kept = RationalRank.IndependentRows(entries, rows, columns);
            Assert.Equal(reference, kept.Count);
            BigInteger[] sub = [.. kept.SelectMany(i => entries.Skip(i * columns).Take(columns))];
            Assert.Equal(reference, RationalRank.Of(sub, kept.Count, columns));
        }
    }

    [Fact]
    public void Exact_elimination_separates_dependence_from_near_dependence()
    {
        // Row 2 = row 0 + 2^-30·row 1 exactly (every entry a double); adding 2^-80 makes it independent,
        // which float64 singular values cannot see but elimination over Q does.
        double a = Math.ScaleB(1, -30);
        double[] dependent = [1, a, 0, 0, 1, a, 1, 2 * a, a * a];
        double[] independent = [1, a, 0, 0, 1, a, 1, 2 * a, a * a + Math.ScaleB(1, -80)];
        Assert.Equal(2, RationalRank.Of(Integers(dependent), 3, 3));
        Assert.Equal([0, 1], RationalRank.IndependentRows(Integers(dependent), 3, 3));
        Assert.Equal(3, RationalRank.Of(Integers(independent), 3, 3));
        Assert.Equal([0, 1, 2], RationalRank.IndependentRows(Integers(independent), 3, 3));
        Assert.Equal(2, MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(3, 3, (i, j) => independent[i * 3 + j]).Rank());
    }

    // Doubles are dyadic rationals: scaled by one power of two they are integers of the same rank.
    private static BigInteger[] Integers(double[] values) => DyadicIntegers.Of([.. values.Select(Dyadic.FromDouble)]);
}

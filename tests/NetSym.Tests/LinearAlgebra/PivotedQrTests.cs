using MathNet.Numerics.LinearAlgebra.Double;
using NetSym.LinearAlgebra;

namespace NetSym.Tests.LinearAlgebra;

public class PivotedQrTests
{
    [Theory]
    [MemberData(nameof(Engines.Kinds), MemberType = typeof(Engines))]
    public void Diagonal_is_non_increasing_and_the_permutation_is_one(LinearAlgebraKind kind)
    {
        var random = new Random(40 + (int)kind);
        foreach (var (m, n) in new[] { (1, 1), (1, 6), (6, 1), (20, 20), (50, 30), (30, 50), (70, 70) })
        {
            var qr = Engines.Get(kind).QrWithPivoting(Engines.Uniform(random, m, n), m, n);
            Assert.Equal(Math.Min(m, n), qr.RDiagonal.Length);
            Assert.Equal(Enumerable.Range(0, n), qr.Permutation.Order());
            for (int i = 1; i < qr.RDiagonal.Length; i++)
                Assert.True(qr.RDiagonal[i] <= qr.RDiagonal[i - 1] * (1 + 1e-8), $"{kind} {m}×{n}: |R_{i}{i}| > |R_{i - 1}{i - 1}|");
        }
    }

    [Theory]
    [MemberData(nameof(Engines.Kinds), MemberType = typeof(Engines))]
    public void Product_of_the_diagonal_is_the_absolute_determinant(LinearAlgebraKind kind)
    {
        var random = new Random(50 + (int)kind);
        foreach (int n in new[] { 1, 2, 8, 31 })
        {
            double[] a = Engines.Uniform(random, n, n);
            var qr = Engines.Get(kind).QrWithPivoting(a, n, n);
            double logDet = Math.Log(Math.Abs(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowMajor(n, n, a).LU().Determinant));
            Assert.Equal(logDet, qr.RDiagonal.Sum(Math.Log), 1e-10);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.Kinds), MemberType = typeof(Engines))]
    public void Diagonal_matches_MathNet_QR_of_the_pivoted_matrix(LinearAlgebraKind kind)
    {
        // QR is unique up to signs: R of A·P from MathNet (unpivoted) must have the same |R_ii|.
        var random = new Random(60 + (int)kind);
        foreach (var (m, n) in new[] { (40, 25), (25, 25), (60, 9) })
        {
            double[] a = Engines.Uniform(random, m, n);
            var qr = Engines.Get(kind).QrWithPivoting(a, m, n);
            var pivoted = DenseMatrix.Create(m, n, (i, j) => a[i * n + qr.Permutation[j]]);
            var r = pivoted.QR().R;
            for (int i = 0; i < n; i++) Assert.Equal(Math.Abs(r[i, i]), qr.RDiagonal[i], 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.Kinds), MemberType = typeof(Engines))]
    public void Pivoting_survives_cancellation_in_the_norm_downdates(LinearAlgebraKind kind)
    {
        // Columns u + 10⁻⁹·w_j: after the first step only ~10⁻⁹ of each norm is left, which the
        // downdate ‖x‖² − r² cannot see; the norms must be recomputed for the pivots to stay right.
        var random = new Random(90);
        int m = 40, n = 20;
        double[] u = Engines.Uniform(random, m, 1), w = Engines.Uniform(random, m, n);
        double[] a = [.. Enumerable.Range(0, m * n).Select(e => u[e / n] + 1e-9 * (1 + e % n) * w[e])];
        var qr = Engines.Get(kind).QrWithPivoting(a, m, n);
        for (int i = 1; i < n; i++)
            Assert.True(qr.RDiagonal[i] <= qr.RDiagonal[i - 1] * (1 + 1e-6), $"{kind}: |R_ii| increases at {i}: {qr.RDiagonal[i]} > {qr.RDiagonal[i - 1]}");
        var r = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(m, n, (i, j) => a[i * n + qr.Permutation[j]]).QR().R;
        for (int i = 0; i < n; i++) Assert.Equal(1, qr.RDiagonal[i] / Math.Abs(r[i, i]), 1e-5);
    }

    [Fact]
    public void The_engines_choose_the_same_pivots()
    {
        double[] a = Engines.Uniform(new Random(70), 40, 25);
        var results = Enum.GetValues<LinearAlgebraKind>().Select(k => Engines.Get(k).QrWithPivoting(a, 40, 25)).ToArray();
        foreach (var qr in results[1..])
        {
            Assert.Equal(results[0].Permutation, qr.Permutation);
            for (int i = 0; i < qr.RDiagonal.Length; i++) Assert.Equal(results[0].RDiagonal[i], qr.RDiagonal[i], 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.Kinds), MemberType = typeof(Engines))]
    public void Numerical_rank_is_the_planted_rank(LinearAlgebraKind kind)
    {
        var random = new Random(80 + (int)kind);
        foreach (var (m, n, rank) in new[] { (30, 20, 5), (20, 30, 1), (60, 60, 17), (45, 80, 44), (12, 7, 0) })
        {
            double[] a = Engines.LowRank(random, m, n, rank), copy = (double[])a.Clone();
            var qr = Engines.Get(kind).QrWithPivoting(a, m, n);
            Assert.Equal(copy, a);
            double tolerance = Math.Max(m, n) * Math.ScaleB(1, -52) * (qr.RDiagonal.Length == 0 ? 0 : qr.RDiagonal[0]) * 10;
            Assert.Equal(rank, qr.RDiagonal.Count(r => r > tolerance));
        }
    }

    [Theory]
    [MemberData(nameof(Engines.Kinds), MemberType = typeof(Engines))]
    public void Edge_cases(LinearAlgebraKind kind)
    {
        var engine = Engines.Get(kind);
        var empty = engine.QrWithPivoting([], 0, 3);
        Assert.Empty(empty.RDiagonal);
        Assert.Equal([0, 1, 2], empty.Permutation);
        var diagonal = engine.QrWithPivoting([1, 0, 0, 0, -4, 0], 2, 3);
        Assert.Equal([4, 1], diagonal.RDiagonal);
        Assert.Equal(1, diagonal.Permutation[0]);
        Assert.Throws<ArgumentException>(() => engine.QrWithPivoting([double.PositiveInfinity], 1, 1));
    }
}

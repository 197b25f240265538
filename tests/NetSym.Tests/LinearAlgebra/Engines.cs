using NetSym.LinearAlgebra;

namespace NetSym.Tests.LinearAlgebra;

/// <summary>The three engines (the test machines have OpenBLAS and netlib's BLAS/LAPACK), and random test matrices.</summary>
internal static class Engines
{
    private static readonly IReadOnlyDictionary<LinearAlgebraKind, LinearAlgebraBackend> _all =
        Enum.GetValues<LinearAlgebraKind>().ToDictionary(k => k, LinearAlgebraBackends.Create);

    public static LinearAlgebraBackend Get(LinearAlgebraKind kind) => _all[kind];

    public static TheoryData<LinearAlgebraKind> Kinds => [.. Enum.GetValues<LinearAlgebraKind>()];

    /// <summary>A rows×columns matrix with entries uniform in [−1, 1).</summary>
    public static double[] Uniform(Random random, int rows, int columns) =>
        [.. Enumerable.Range(0, rows * columns).Select(_ => 2 * random.NextDouble() - 1)];

    /// <summary>U·V for random U (m×rank) and V (rank×n): rank exactly <paramref name="rank"/> before rounding.</summary>
    public static double[] LowRank(Random random, int m, int n, int rank)
    {
        double[] u = Uniform(random, m, rank), v = Uniform(random, rank, n);
        var product = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                for (int p = 0; p < rank; p++)
                    product[i * n + j] += u[i * rank + p] * v[p * n + j];
        return product;
    }
}

using NetSym.Extraction;
using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Tests.Extraction;

/// <summary>The sign solver finds a planted set of flipped units from the linear part they leave, with and without enumeration.</summary>
public class SignSolverTests
{
    private static (Matrix Alphas, Matrix Linear, Hyperplane[] Planes, bool[] Flipped) Planted(int d, int n, int m, long seed)
    {
        var random = RandomKey.FromSeed(seed).Stream();
        var planes = new Hyperplane[n];
        for (int j = 0; j < n; j++)
        {
            var w = new double[d];
            for (int i = 0; i < d; i++) w[i] = random.NextNormal();
            double norm = Math.Sqrt(w.Sum(x => x * x));
            planes[j] = new Hyperplane([.. w.Select(x => x / norm)], random.NextNormal());
        }
        var alphas = OracleTestData.Normal(random, n, m);
        var flipped = new bool[n];
        for (int j = 0; j < n; j++) flipped[j] = random.NextInt32(2) == 1;
        // A flipped unit ReLU(−z) = ReLU(z) − z leaves −α_j·ŵ_jᵀ in the linear part.
        var linear = new Matrix(d, m);
        for (int j = 0; j < n; j++)
            if (flipped[j])
                for (int i = 0; i < d; i++)
                    for (int k = 0; k < m; k++) linear[i, k] -= alphas[j, k] * planes[j].Normal[i];
        return (alphas, linear, planes, flipped);
    }

    [Theory]
    [InlineData(10, 10, 1, 1, 0)]
    [InlineData(4, 7, 2, 2, 0)]
    [InlineData(2, 16, 1, 3, 14)]
    [InlineData(3, 12, 2, 4, 6)]
    public void RecoversThePlantedFlips(int d, int n, int m, long seed, int free)
    {
        var (alphas, linear, planes, flipped) = Planted(d, n, m, seed);
        var (found, enumerated, problem, _) = SignSolver.Solve(alphas, linear, planes, 20);
        Assert.Null(problem);
        Assert.Equal(free, enumerated);
        Assert.Equal(flipped, found);
    }

    [Fact]
    public void TooManyFreeUnknownsAreReportedNotEnumerated()
    {
        var (alphas, linear, planes, _) = Planted(2, 16, 1, 5);
        var (found, free, problem, _) = SignSolver.Solve(alphas, linear, planes, 10);
        Assert.Null(found);
        Assert.Equal(14, free);
        Assert.Contains("2^14", problem);
    }

    [Fact]
    public void ALinearPartNoFlipExplainsIsReported()
    {
        var (alphas, linear, planes, _) = Planted(4, 3, 2, 6);
        linear[0, 0] += 0.5;
        var (found, _, problem, _) = SignSolver.Solve(alphas, linear, planes, 10);
        Assert.Null(found);
        Assert.Contains("no choice", problem);
    }

    /// <summary>
    /// Every next-layer unit with free coefficients on one or two units (their surfaces seen on one side),
    /// which move its skip terms along those units' normals by unknown amounts: across the rest the
    /// equations still fix the planted flips, and without the unsettled directions they have no solution.
    /// </summary>
    [Theory]
    [InlineData(20, 9, 8, 7)]
    [InlineData(10, 10, 4, 8)]
    public void FlipsAreFoundWhenEveryUnitHasFreeCoefficients(int d, int n, int m, long seed)
    {
        var (alphas, linear, planes, flipped) = Planted(d, n, m, seed);
        var random = RandomKey.FromSeed(seed).Split("free").Stream();
        var unsettled = new IReadOnlyList<double[]>[m];
        for (int k = 0; k < m; k++)
        {
            int[] free = [.. Enumerable.Range(0, n).OrderBy(_ => random.NextDouble()).Take(1 + k % 2)];
            foreach (int j in free)
            {
                double t = random.NextNormal();
                for (int i = 0; i < d; i++) linear[i, k] += t * planes[j].Normal[i];
            }
            unsettled[k] = [.. free.Select(j => planes[j].Normal)];
        }
        var (found, _, problem, _) = SignSolver.Solve(alphas, linear, planes, 10, unsettled);
        Assert.Null(problem);
        Assert.Equal(flipped, found);
        var (ignored, _, _, _) = SignSolver.Solve(alphas, linear, planes, 10);
        Assert.Null(ignored);
    }

    /// <summary>
    /// A unit of the layer that was not found, on wherever the outputs were measured: its pre-activation
    /// ω·x + b adds β_k·ω to each output's linear part. Given β up to scale, the planted flips are found
    /// and ω is returned up to that scale; without it the system has no solution. With free coefficients too.
    /// </summary>
    [Theory]
    [InlineData(20, 9, 8, 9, false)]
    [InlineData(20, 9, 8, 10, true)]
    [InlineData(12, 6, 3, 11, false)]
    public void AMissingUnitOnEverywhereIsSolvedFor(int d, int n, int m, long seed, bool withFree)
    {
        var (alphas, linear, planes, flipped) = Planted(d, n, m, seed);
        var random = RandomKey.FromSeed(seed).Split("missing").Stream();
        var omega = Enumerable.Range(0, d).Select(_ => random.NextNormal()).ToArray();
        var beta = Enumerable.Range(0, m).Select(_ => random.NextNormal()).ToArray();
        for (int i = 0; i < d; i++)
            for (int k = 0; k < m; k++) linear[i, k] += beta[k] * omega[i];
        var unsettled = new IReadOnlyList<double[]>[m];
        if (withFree)
            for (int k = 0; k < m; k += 2)
            {
                double t = random.NextNormal();
                for (int i = 0; i < d; i++) linear[i, k] += t * planes[k % n].Normal[i];
                unsettled[k] = [planes[k % n].Normal];
            }

        var (found, _, problem, missing) = SignSolver.Solve(alphas, linear, planes, 10, unsettled, [.. beta.Select(b => -3 * b)]);

        Assert.Null(problem);
        Assert.Equal(flipped, found);
        Assert.NotNull(missing);
        for (int i = 0; i < d; i++) Assert.Equal(-omega[i] / 3, missing[i], 1e-9);
        var (ignored, _, _, _) = SignSolver.Solve(alphas, linear, planes, 10, unsettled);
        Assert.Null(ignored);
    }
}

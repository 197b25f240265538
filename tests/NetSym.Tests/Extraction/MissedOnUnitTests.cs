using NetSym.Extraction;
using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Tests.Extraction;

/// <summary>
/// A unit of a layer that is on wherever the next layer was traced shows as a rank-one part of that layer's
/// skip terms off the span of the found units' normals: its weights into the next layer are read from it,
/// and nothing is read when no unit, or two, are missing.
/// </summary>
public class MissedOnUnitTests
{
    /// <summary>Skip terms of <paramref name="m"/> next-layer units over d features, from flips of n found units and <paramref name="missing"/> units on everywhere.</summary>
    private static (Matrix Linear, Hyperplane[] Planes, double[][] Betas) Planted(int d, int n, int m, int missing, long seed)
    {
        var random = RandomKey.FromSeed(seed).Split("missed on").Stream();
        var planes = Enumerable.Range(0, n).Select(_ => new Hyperplane([.. Enumerable.Range(0, d).Select(_ => random.NextNormal())], random.NextNormal())).ToArray();
        var linear = new Matrix(d, m);
        for (int j = 0; j < n; j++)
        {
            if (random.NextInt32(2) == 0) continue;
            for (int k = 0; k < m; k++)
            {
                double alpha = random.NextNormal();
                for (int i = 0; i < d; i++) linear[i, k] -= alpha * planes[j].Normal[i];
            }
        }
        var betas = new double[missing][];
        for (int u = 0; u < missing; u++)
        {
            var omega = Enumerable.Range(0, d).Select(_ => random.NextNormal()).ToArray();
            betas[u] = [.. Enumerable.Range(0, m).Select(_ => random.NextNormal())];
            for (int i = 0; i < d; i++)
                for (int k = 0; k < m; k++) linear[i, k] += betas[u][k] * omega[i];
        }
        return (linear, planes, betas);
    }

    [Theory]
    [InlineData(20, 9, 8, 1)]
    [InlineData(10, 7, 5, 2)]
    [InlineData(12, 11, 3, 3)]
    public void TheMissedUnitsWeightsAreReadUpToScale(int d, int n, int m, long seed)
    {
        var (linear, planes, betas) = Planted(d, n, m, 1, seed);
        var beta = MissedOnUnit.OutgoingWeights(linear, planes);
        Assert.NotNull(beta);
        double ratio = beta[0] / betas[0][0];
        for (int k = 0; k < m; k++) Assert.Equal(betas[0][k] * ratio, beta[k], 1e-9 * Math.Abs(ratio));
    }

    [Theory]
    [InlineData(20, 9, 8, 0)]
    [InlineData(20, 9, 8, 2)]
    [InlineData(10, 10, 5, 1)]
    public void NothingIsReadWithoutExactlyOneMissedUnitOrRoomForIt(int d, int n, int m, int missing)
    {
        var (linear, planes, _) = Planted(d, n, m, missing, 4);
        Assert.Null(MissedOnUnit.OutgoingWeights(linear, planes));
    }
}

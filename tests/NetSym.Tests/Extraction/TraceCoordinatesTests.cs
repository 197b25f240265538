using NetSym.Extraction;
using NetSym.Randomness;

namespace NetSym.Tests.Extraction;

/// <summary>Deeper units are solved and fitted in the span of the first layer's normals, exactly.</summary>
public class TraceCoordinatesTests
{
    /// <summary>
    /// For a unit whose coefficients on the input are a combination of first-layer normals (every unit
    /// past layer 1), the value θ·φ + β and the norm of θ are the same in the reduced coordinates, and
    /// expanding the reduced θ gives θ back; inputs wider than the first layer are reduced to its width.
    /// </summary>
    [Theory]
    [InlineData(12, 5, 1)]
    [InlineData(30, 8, 2)]
    [InlineData(4, 6, 3)]
    public void ReducingKeepsTheValueAndTheNormAndExpandingUndoesIt(int d, int n, long seed)
    {
        var random = RandomKey.FromSeed(seed).Split("coordinates test").Stream();
        double[] Gaussian(int length) => [.. Enumerable.Range(0, length).Select(_ => random.NextNormal())];
        var planes = Enumerable.Range(0, n).Select(_ => new Hyperplane(Gaussian(d), random.NextNormal())).ToArray();
        var prefix = new NetworkPrefix(d, [planes]);
        var coordinates = new TraceCoordinates(prefix);
        Assert.Equal(n + Math.Min(n, d), coordinates.ReducedFeatures);

        // θ over [ReLU(ẑ₁); x] with θ_x = Σ c_j·w_j, as the flipped units of layer 1 leave it.
        var theta = new double[n + d];
        Gaussian(n).CopyTo(theta, 0);
        foreach (var plane in planes)
        {
            double c = random.NextNormal();
            for (int i = 0; i < d; i++) theta[n + i] += c * plane.Normal[i];
        }
        double beta = random.NextNormal();
        var reducedTheta = coordinates.Reduce(theta);
        Assert.Equal(Math.Sqrt(PrefixPoint.Dot(theta, theta)), Math.Sqrt(PrefixPoint.Dot(reducedTheta, reducedTheta)), 12);
        for (int k = 0; k < 5; k++)
        {
            var features = prefix.At(Gaussian(d)).Features;
            double value = PrefixPoint.Dot(theta, features) + beta;
            Assert.Equal(value, PrefixPoint.Dot(reducedTheta, coordinates.Reduce(features)) + beta, 10);
        }
        var (expanded, expandedBeta) = coordinates.Unit([.. reducedTheta, beta]);
        Assert.Equal(beta, expandedBeta);
        for (int i = 0; i < theta.Length; i++) Assert.Equal(theta[i], expanded[i], 12);
    }
}

using NetSym.Extraction;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Extraction;

/// <summary>The prefix's exact geometry, on which the extractor plans its walks without queries.</summary>
public class NetworkPrefixTests
{
    /// <summary>
    /// From Gaussian starts, a walk onto the surface of a unit of layer 2 crosses region after region and
    /// ends on it to rounding, with the unit's gradient as its direction, even for a unit whose surface is
    /// far from the origin (active at 0.1 % of the inputs there).
    /// </summary>
    [Theory]
    [InlineData("8-12-6-1", 1, 0.5)]
    [InlineData("8-12-6-1", 2, 0.001)]
    [InlineData("20-16-8-1", 3, 0.999)]
    public void AWalkOntoASurfaceEndsOnIt(string architecture, long seed, double active)
    {
        var truth = DeepTruth.Modified(DeepTruth.Create(architecture, seed), 2, 0, active);
        var prefix = new NetworkPrefix(truth.InputSize, [SamplePointsTests.Planes(truth.Layers[0]), SamplePointsTests.Planes(truth.Layers[1])]);
        var random = RandomKey.FromSeed(seed).Split("walk test").Stream();
        int walked = 0;
        for (int draw = 0; draw < 200; draw++)
        {
            var start = new double[truth.InputSize];
            for (int i = 0; i < start.Length; i++) start[i] = random.NextNormal();
            var first = prefix.At(start);
            if (prefix.WalkOntoSurface(start, at => (at.Z[1][0], at.Gradients[1][0]), 64) is not { } surface) continue;
            walked++;
            var there = prefix.At(surface.Point);
            var gradient = there.Gradients[1][0];
            double norm = Math.Sqrt(PrefixPoint.Dot(gradient, gradient));
            double scale = norm * (1 + Math.Sqrt(PrefixPoint.Dot(surface.Point, surface.Point)));
            Assert.True(Math.Abs(there.Z[1][0]) <= 1e-12 * scale, $"draw {draw}: z = {there.Z[1][0]} at the end of the walk");
            // The direction is the gradient of the region the point ends in, moving from the start's side.
            Assert.True(Math.Abs(Math.Abs(PrefixPoint.Dot(surface.Direction, gradient)) / norm - 1) <= 1e-9);
            Assert.True(Math.Abs(there.Z[1][0]) < Math.Abs(first.Z[1][0]) || first.Z[1][0] == 0);
        }
        Assert.True(walked >= 100, $"only {walked} of 200 walks reached the surface");
    }

    /// <summary>
    /// A walk whose ray leads into a region where the unit is constant and of the start's sign never reaches
    /// its surface: null, not a point at infinity (it was NaN, and the sample drawing that used it threw).
    /// Here z₂ = −ReLU(x) − 1 from x = 0.5: the ray runs to x &lt; 0, where z₂ = −1 everywhere.
    /// </summary>
    [Fact]
    public void AWalkIntoARegionWhereTheUnitIsConstantFindsNoSurface()
    {
        var prefix = new NetworkPrefix(1, [[new Hyperplane([1.0], 0)], [new Hyperplane([-1.0, 0], -1)]]);
        Assert.Null(prefix.WalkOntoSurface([0.5], at => (at.Z[1][0], at.Gradients[1][0]), 64));
    }
}

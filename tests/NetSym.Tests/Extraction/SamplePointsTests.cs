using NetSym.Extraction;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Extraction;

/// <summary>The samples of the least-squares fits see every unit of the prefix's last two layers on both sides.</summary>
public class SamplePointsTests
{
    /// <summary>
    /// A unit of layer 2 active at a fraction of a percent of the inputs near the origin, layer 2 being the
    /// last of the prefix (6-10-6) or the one before it (6-10-8-6, whose outputs are the skip features of
    /// the linear fit, the depth test's): without samples beyond its surface its feature is zero on all of
    /// them and the fit cannot determine its weights.
    /// </summary>
    [Theory]
    [InlineData("6-10-6-1", 1, 0.001)]
    [InlineData("6-10-6-1", 2, 0.999)]
    [InlineData("6-10-6-1", 3, 0.001)]
    [InlineData("6-10-6-1", 4, 0.999)]
    [InlineData("6-10-6-1", 5, 0.0005)]
    [InlineData("6-10-6-1", 6, 0.9995)]
    [InlineData("6-10-8-6-1", 1, 0.001)]
    [InlineData("6-10-8-6-1", 2, 0.0005)]
    [InlineData("6-10-8-6-1", 3, 0.001)]
    [InlineData("6-10-8-6-1", 4, 0.0005)]
    public void EveryUnitOfTheLastTwoLayersIsOnBothSidesOfSomeSample(string architecture, long seed, double active)
    {
        var truth = DeepTruth.Modified(DeepTruth.Create(architecture, seed), 2, 0, active);
        var prefix = new NetworkPrefix(truth.InputSize, truth.Layers.Take(truth.Layers.Count - 1).Select(Planes));
        var samples = SamplePoints.Draw(prefix, 40, SearchSpace.Unbounded(prefix.InputSize, 1), RandomKey.FromSeed(seed).Split("samples test").Stream(), linear: true);
        for (int j = 0; j < truth.Layers[1].OutputSize; j++)
        {
            var sides = Enumerable.Range(0, samples.Rows).Select(r => Math.Sign(prefix.At(samples.Row(r)).Z[1][j])).ToHashSet();
            Assert.True(sides.Contains(1) && sides.Contains(-1), $"unit {j}: sides {string.Join(", ", sides)}");
        }
    }

    internal static Hyperplane[] Planes(Layer layer) =>
        [.. Enumerable.Range(0, layer.OutputSize).Select(j => new Hyperplane(layer.Weights.Slice(j * layer.InputSize, layer.InputSize).ToArray(), layer.Bias[j]))];
}

using NetSym.Extraction;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Extraction;

/// <summary>The samples of the least-squares fits see every unit of the prefix's last two layers on both sides.</summary>
public class SamplePointsTests
{
    /// <summary>
    /// A unit of layer 2 active at a fraction of a percent of the inputs near the origin: without samples
    /// beyond its surface its feature is zero on all of them and the fit cannot determine its weights.
    /// </summary>
    [Theory]
    [InlineData(1, 0.001)]
    [InlineData(2, 0.999)]
    [InlineData(3, 0.001)]
    [InlineData(4, 0.999)]
    [InlineData(5, 0.0005)]
    [InlineData(6, 0.9995)]
    public void EveryUnitOfTheLastLayerIsOnBothSidesOfSomeSample(long seed, double active)
    {
        var truth = DeepTruth.Modified(DeepTruth.Create("6-10-6-1", seed), 2, 0, active);
        var prefix = new NetworkPrefix(truth.InputSize, [Planes(truth.Layers[0]), Planes(truth.Layers[1])]);
        var samples = SamplePoints.Draw(prefix, 40, 1, RandomKey.FromSeed(seed).Split("samples test").Stream(), linear: true);
        for (int j = 0; j < truth.Layers[1].OutputSize; j++)
        {
            var sides = Enumerable.Range(0, samples.Rows).Select(r => Math.Sign(prefix.At(samples.Row(r)).Z[1][j])).ToHashSet();
            Assert.True(sides.Contains(1) && sides.Contains(-1), $"unit {j}: sides {string.Join(", ", sides)}");
        }
    }

    /// <summary>
    /// A unit of layer 2 active at a fraction of a percent of the inputs, in a prefix of three layers: its
    /// output is a skip feature of the linear fit (the depth test's), which the layer-3 straddles and the
    /// random lines can all miss; it must be on both sides of some sample too.
    /// </summary>
    [Theory]
    [InlineData(1, 0.001)]
    [InlineData(2, 0.0005)]
    [InlineData(3, 0.001)]
    [InlineData(4, 0.0005)]
    public void EveryUnitOfTheLayerBeforeTheLastIsOnBothSidesOfSomeSample(long seed, double active)
    {
        var truth = DeepTruth.Modified(DeepTruth.Create("6-10-8-6-1", seed), 2, 0, active);
        var prefix = new NetworkPrefix(truth.InputSize, [Planes(truth.Layers[0]), Planes(truth.Layers[1]), Planes(truth.Layers[2])]);
        var samples = SamplePoints.Draw(prefix, 40, 1, RandomKey.FromSeed(seed).Split("samples test").Stream(), linear: true);
        var sides = Enumerable.Range(0, samples.Rows).Select(r => Math.Sign(prefix.At(samples.Row(r)).Z[1][0])).ToHashSet();
        Assert.True(sides.Contains(1) && sides.Contains(-1), $"sides {string.Join(", ", sides)}");
    }

    internal static Hyperplane[] Planes(Layer layer) =>
        [.. Enumerable.Range(0, layer.OutputSize).Select(j => new Hyperplane(layer.Weights.Slice(j * layer.InputSize, layer.InputSize).ToArray(), layer.Bias[j]))];
}

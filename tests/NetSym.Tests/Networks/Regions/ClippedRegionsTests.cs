using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Networks.Regions;
using NetSym.Randomness;

namespace NetSym.Tests.Networks.Regions;

/// <summary>
/// The clipping path for one and two inputs against the linear-program path on the same networks: the
/// same set of activation patterns (hence the same count), both walks complete; and every clipped cell's
/// ball lies inside its region, where the region's affine maps agree with the forward pass.
/// </summary>
public class ClippedRegionsTests
{
    private static readonly LinearAlgebraBackend Backend = LinearAlgebraBackends.Default;

    public static TheoryData<string, string, int> Dense() => new()
    {
        { "1-8-1", "relu", 1 },
        { "1-5-4-1", "relu", 2 },
        { "1-4-3-2", "hardtanh", 3 },
        { "1-6-3-1", "abs", 4 },
        { "2-6-1", "relu", 5 },
        { "2-4-3-1", "relu", 6 },
        { "2-5-4-1", "leaky_relu", 7 },
        { "2-4-3-2", "hardtanh", 8 },
        { "2-4-3-1", "abs", 9 },
    };

    [Theory]
    [MemberData(nameof(Dense))]
    public void Clipping_finds_the_patterns_the_linear_programs_find(string architecture, string activation, int seed)
    {
        var a = TestNetworks.Dense(architecture, Activation(activation), seed);
        var b = TestNetworks.Dense(architecture, Activation(activation), seed + 50);
        AssertSameRegions([a]);
        AssertSameRegions([a, b]);
    }

    [Theory]
    [InlineData(1, "relu", 11)]
    [InlineData(2, "relu", 12)]
    [InlineData(2, "leaky_relu", 13)]
    [InlineData(1, "hardtanh", 14)]
    [InlineData(2, "abs", 15)]
    public void Clipping_agrees_on_networks_with_skips_and_masks(int inputs, string activation, int seed) =>
        AssertSameRegions([SkipMasked(inputs, Activation(activation), seed)]);

    [Fact]
    public void Clipping_is_asked_for_in_three_dimensions_only_by_mistake()
    {
        var net = TestNetworks.Dense("3-3-1", new ReluActivation(), 1);
        Assert.Equal(RegionCellMethod.LinearPrograms, LinearRegions.Enumerate([net], 1000, Backend).Method);
        Assert.Throws<ArgumentException>(() => LinearRegions.Enumerate([net], 1000, Backend, method: RegionCellMethod.Clipping));
    }

    // Both methods complete on the networks, with the same patterns; the clipped cells' interior points lie in their regions.
    private static void AssertSameRegions(Network[] networks)
    {
        var clipped = LinearRegions.Enumerate(networks, 5000, Backend);
        var programs = LinearRegions.Enumerate(networks, 5000, Backend, method: RegionCellMethod.LinearPrograms);
        Assert.Equal(RegionCellMethod.Clipping, clipped.Method);
        Assert.True(clipped.Complete && programs.Complete);
        Assert.Equal(0, clipped.LinearPrograms);
        var keys = clipped.Regions.Select(Key).ToHashSet();
        Assert.Equal(clipped.Regions.Count, keys.Count);
        Assert.True(keys.SetEquals(programs.Regions.Select(Key)), "the two methods found different patterns");
        Assert.Equal(programs.Regions.Count, clipped.Regions.Count);
        foreach (var region in clipped.Regions)
        {
            var points = region.InteriorPoints();
            var x = new Matrix(points.Length, networks[0].InputSize, [.. points.SelectMany(p => p)]);
            for (int n = 0; n < networks.Length; n++)
            {
                var pattern = ActivationPattern.Certify(networks[n], x, Backend);
                Assert.Empty(pattern.SamplesOnKinks);
                var y = Forward.Evaluate(networks[n], x, Backend);
                for (int i = 0; i < points.Length; i++)
                {
                    var expected = Enumerable.Range(0, pattern.LayerWidths.Count)
                        .SelectMany(l => Enumerable.Range(0, pattern.LayerWidths[l]).Select(j => pattern.Piece(i, l, j)));
                    Assert.Equal(region.Patterns[n], expected);
                    var piece = region.Outputs[n].Apply(points[i]);
                    for (int o = 0; o < networks[n].OutputSize; o++)
                        Assert.Equal(y[i, o], piece[o], 1e-9 * (1 + Math.Abs(y[i, o])));
                }
            }
        }
    }

    private static string Key(LinearRegion region) => string.Join("|", region.Patterns.Select(p => string.Join(",", p)));

    private static Activation Activation(string name) => name switch
    {
        "relu" => new ReluActivation(),
        "leaky_relu" => new LeakyReluActivation(0.1),
        "abs" => new AbsActivation(),
        _ => new HardtanhActivation(),
    };

    // Layer 1 reads the input and layer 0 (a skip), layer 2 is masked, the output reads layers 1 and 2 and the input.
    private static Network SkipMasked(int inputs, Activation hidden, int seed)
    {
        var r = RandomKey.FromSeed(seed).Stream();
        double[] Draw(int n) => [.. Enumerable.Range(0, n).Select(_ => r.NextNormal() * 0.8)];
        var l0 = new Layer(inputs, 4, Draw(4 * inputs), Draw(4), hidden, [0]);
        var l1 = new Layer(inputs + 4, 3, Draw(3 * (inputs + 4)), Draw(3), hidden, [0, 1]);
        var mask = Enumerable.Range(0, 3 * 3).Select(i => i % 3 != 1).ToArray();
        var w2 = Draw(9);
        for (int i = 0; i < w2.Length; i++) if (!mask[i]) w2[i] = 0;
        var l2 = new Layer(3, 3, w2, Draw(3), hidden, [2], mask);
        var l3 = new Layer(inputs + 6, 1, Draw(inputs + 6), Draw(1), new IdentityActivation(), [0, 2, 3]);
        return new Network(inputs, [l0, l1, l2, l3]);
    }
}

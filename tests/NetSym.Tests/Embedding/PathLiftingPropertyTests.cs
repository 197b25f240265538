using CsCheck;
using NetSym.Embedding;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;

namespace NetSym.Tests.Embedding;

/// <summary>Properties over random dense architectures (2 to 5 layers of width 1 to 4) and random weights.</summary>
public class PathLiftingPropertyTests
{
    private static readonly Gen<(int[] Widths, int Seed)> Cases =
        Gen.Select(Gen.Int[1, 4].Array[3, 6], Gen.Int[0, 1_000_000], (w, s) => (w, s));

    private static Network Build(int[] widths, int seed) =>
        RandomNetworks.Create(new Architecture(widths), new ReluActivation(), Initialization.Gaussian, RandomKey.FromSeed(seed));

    [Fact]
    public void Count_enumeration_and_naive_reference_agree()
    {
        Cases.Sample((widths, seed) =>
        {
            var net = Build(widths, seed);
            var count = PathCount.Of(net);
            var phi = PathLifting.Compute(net);
            var reference = ReferencePaths.Of(net);
            Assert.Equal(reference.Count, phi.Length);
            Assert.Equal(reference.Count, (int)count.Total);
            for (int k = 0; k < phi.Length; k++)
                Assert.True(Math.Abs(phi[k] - reference[k].Value) <= 1e-15 * (1 + Math.Abs(phi[k])));
        }, iter: 60);
    }

    [Fact]
    public void Rescaled_copies_share_phi_and_every_path_norm()
    {
        Cases.Sample((widths, seed) =>
        {
            var net = Build(widths, seed);
            var group = SymmetryGroup.Of(net);
            var g = group.RandomElement(RandomKey.FromSeed(seed).Stream());
            var rescaled = new GroupElement(g.Affine, [.. group.HiddenWidths.Select(n => Enumerable.Range(0, n).ToArray())]).Apply(net);
            var phi = PathLifting.Compute(net);
            var other = PathLifting.Compute(rescaled);
            for (int k = 0; k < phi.Length; k++)
                Assert.True(Math.Abs(phi[k] - other[k]) <= 1e-12 * Math.Max(1, Math.Abs(phi[k])));
            foreach (double q in new[] { 0, 0.7, 1, 2, double.PositiveInfinity })
            {
                double a = PathNorms.Compute(net, q).Value, b = PathNorms.Compute(g.Apply(net), q).Value;
                Assert.True(Math.Abs(a - b) <= 1e-12 * Math.Max(1, a), $"q={q}: {a} vs {b}");
            }
        }, iter: 60);
    }
}

using NetSym.Canonical;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Canonical;

public class NeuronNormalizerTests
{
    public static TheoryData<string> Specs() => CanonicalTestCases.Specs();

    private static (double[] W, double Bias) Transform(AffineSymmetry s, double[] w, double bias) =>
        ([.. w.Select(v => s.A * v)], s.A * bias + s.B);

    private static AffineSymmetry RandomSymmetry(Activation act, RandomStream random)
    {
        var group = act.Symmetries;
        int pick = random.NextInt32(group.DiscreteOrder);
        var s = pick == 0 ? AffineSymmetry.Identity : group.Discrete[pick - 1];
        foreach (var family in group.Continuous) s = s.Compose(family.Element(family.Sample(random)));
        return s;
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Neurons_in_one_orbit_get_the_same_normal_form(string spec)
    {
        var act = ActivationCatalog.Parse(spec);
        var random = RandomKey.FromSeed(7).Stream();
        for (int trial = 0; trial < 50; trial++)
        {
            double[] w = [.. Enumerable.Range(0, 5).Select(_ => random.NextNormal())];
            double bias = random.NextNormal();
            var t = RandomSymmetry(act, random);
            var (w2, b2) = Transform(t, w, bias);

            var (n1, c1) = Transform(NeuronNormalizer.Normalizer(act, w, bias), w, bias);
            var (n2, c2) = Transform(NeuronNormalizer.Normalizer(act, w2, b2), w2, b2);
            for (int k = 0; k < w.Length; k++) Assert.Equal(n1[k], n2[k], 1e-13);
            Assert.Equal(c1, c2, 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void A_normal_form_is_its_own_normal_form(string spec)
    {
        var act = ActivationCatalog.Parse(spec);
        var random = RandomKey.FromSeed(8).Stream();
        for (int trial = 0; trial < 50; trial++)
        {
            double[] w = [.. Enumerable.Range(0, 1 + trial % 40).Select(_ => 3 * random.NextNormal())];
            double bias = random.NextNormal();
            var (n, c) = Transform(NeuronNormalizer.Normalizer(act, w, bias), w, bias);
            Assert.True(NeuronNormalizer.Normalizer(act, n, c).IsIdentity, $"{spec}: normalising the normal form is not the identity");
        }
    }

    [Theory]
    [InlineData("relu", new[] { 3.0, -4.0 }, 0.0, new[] { 0.6, -0.8 }, 0.0)]
    [InlineData("relu", new[] { 0.0, 0.0 }, -3.0, new[] { 0.0, 0.0 }, -1.0)]
    [InlineData("tanh", new[] { 1.0, -2.0 }, 0.5, new[] { -1.0, 2.0 }, -0.5)]
    [InlineData("tanh", new[] { 0.0, 0.0 }, -2.0, new[] { 0.0, 0.0 }, 2.0)]
    [InlineData("sigmoid", new[] { -3.0, 1.0 }, 1.0, new[] { 3.0, -1.0 }, -1.0)]
    [InlineData("relu6", new[] { 0.0 }, 1.0, new[] { 0.0 }, 5.0)]
    [InlineData("relu6", new[] { -2.0 }, 1.0, new[] { 2.0 }, 5.0)]
    [InlineData("abs", new[] { -3.0, 0.0 }, 4.0, new[] { 0.6, 0.0 }, -0.8)]
    [InlineData("identity", new[] { -3.0, 4.0 }, 7.0, new[] { -0.6, 0.8 }, 0.0)]
    [InlineData("identity", new[] { 0.0 }, 7.0, new[] { 0.0 }, 0.0)]
    [InlineData("gelu", new[] { -3.0 }, 7.0, new[] { -3.0 }, 7.0)]
    public void Hand_computed_normal_forms(string spec, double[] w, double bias, double[] expectedW, double expectedBias)
    {
        var act = ActivationCatalog.Parse(spec);
        var s = NeuronNormalizer.Normalizer(act, w, bias);
        var (n, c) = Transform(s, w, bias);
        for (int k = 0; k < w.Length; k++) Assert.Equal(expectedW[k], n[k], 1e-15);
        Assert.Equal(expectedBias, c, 1e-15);
        // The element must be a symmetry of ρ: ρ(a·z + b) = c·ρ(z) + d.
        foreach (double z in new[] { -7.0, -1.3, -0.2, 0.0, 0.4, 2.5, 9.0 })
            Assert.Equal(s.C * act.Value(z) + s.D, act.Value(s.A * z + s.B), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Normalize_keeps_the_function_and_reports_its_element(string spec)
    {
        var act = ActivationCatalog.Parse(spec);
        foreach (var net in CanonicalTestCases.Networks(act, 21))
        {
            var (normal, g) = NeuronNormalizer.Normalize(net);
            Assert.True(g.Permutations.All(p => p.Select((v, i) => v == i).All(x => x)), "normalisation must not permute");
            CanonicalTestCases.AssertSameParameters(g.Apply(net), normal, 1e-15);
            CanonicalTestCases.AssertSameFunction(net, normal, TestNetworks.GaussianInputs(30, net.InputSize, 2), 1e-12);
            for (int l = 0; l < net.Layers.Count - 1; l++)
            {
                var layer = normal.Layers[l];
                for (int j = 0; j < layer.OutputSize; j++)
                    Assert.True(NeuronNormalizer.Normalizer(layer.Activation, layer.Weights.Slice(j * layer.InputSize, layer.InputSize), layer.Bias[j]).IsIdentity);
            }
        }
    }
}

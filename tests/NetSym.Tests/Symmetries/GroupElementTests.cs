using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;

namespace NetSym.Tests.Symmetries;

public class GroupElementTests
{
    public static TheoryData<string> Specs() => TestNetworks.AllActivationSpecs();

    private static IEnumerable<Network> Networks(Activation act, int seed) =>
    [
        TestNetworks.Dense("4-7-6-3", act, seed),
        TestNetworks.SkipMasked(act, seed + 1),
        // A mixed network: a different activation on each hidden layer.
        new Network(4, TestNetworks.Dense("4-7-6-3", act, seed + 2).Layers.Select((l, i) => i == 1 ? l.With(new TanhActivation()) : l)),
    ];

    private static void AssertSameFunction(Network a, Network b, Matrix x, double tolerance)
    {
        var fa = Forward.Evaluate(a, x, LinearAlgebraBackends.Default); var fb = Forward.Evaluate(b, x, LinearAlgebraBackends.Default);
        double scale = fa.Data.Max(Math.Abs) + 1;
        for (int i = 0; i < fa.Data.Length; i++)
            Assert.True(Math.Abs(fa.Data[i] - fb.Data[i]) <= tolerance * scale, $"output {i}: {fa.Data[i]} vs {fb.Data[i]}");
    }

    private static void AssertSameParameters(Network a, Network b, double tolerance)
    {
        var pa = a.GetParameters(); var pb = b.GetParameters();
        for (int i = 0; i < pa.Length; i++)
            Assert.True(Math.Abs(pa[i] - pb[i]) <= tolerance * (1 + Math.Abs(pa[i])), $"parameter {i}: {pa[i]} vs {pb[i]}");
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Random_group_elements_leave_the_function_unchanged(string spec)
    {
        var random = RandomKey.FromSeed(spec.GetHashCode(StringComparison.Ordinal) & 0xffff).Stream();
        foreach (var net in Networks(ActivationCatalog.Parse(spec), 3))
        {
            var group = SymmetryGroup.Of(net);
            var x = TestNetworks.GaussianInputs(40, net.InputSize, 4);
            for (int trial = 0; trial < 10; trial++)
            {
                var g = group.RandomElement(random);
                var moved = g.Apply(net);
                AssertSameFunction(net, moved, x, 1e-12);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Composition_and_inverse_follow_the_group_law(string spec)
    {
        var random = RandomKey.FromSeed(11).Stream();
        foreach (var net in Networks(ActivationCatalog.Parse(spec), 5))
        {
            var group = SymmetryGroup.Of(net);
            var g = group.RandomElement(random);
            var h = group.RandomElement(random);
            AssertSameParameters(g.Apply(h.Apply(net)), g.Compose(h).Apply(net), 1e-12);
            AssertSameParameters(net, g.Invert().Apply(g.Apply(net)), 1e-12);
            Assert.True(g.Compose(g.Invert()).Permutations.All(p => p.Select((v, i) => v == i).All(b => b)));
        }
    }

    [Fact]
    public void A_non_trivial_element_moves_the_parameters()
    {
        // Guards the tests above against an Apply that does nothing.
        var net = TestNetworks.Dense("3-5-2", new TanhActivation(), 1);
        var g = SymmetryGroup.Of(net).RandomElement(RandomKey.FromSeed(2).Stream());
        Assert.False(g.IsIdentity);
        Assert.NotEqual(net.GetParameters(), g.Apply(net).GetParameters());
    }

    [Fact]
    public void Sigmoid_reflection_moves_the_bias_downstream()
    {
        // σ(−z) = 1 − σ(z): flipping hidden neuron 0 negates its weights and outgoing weight, and adds u to the output bias.
        var net = Network.Sequential(1, [([2.0], [0.5], new SigmoidActivation()), ([3.0], [1.0], new IdentityActivation())]);
        var g = new GroupElement([[new AffineSymmetry(-1, 0, -1, 1)]], [[0]]);
        var moved = g.Apply(net);
        Assert.Equal([-2.0, -0.5, -3.0, 4.0], moved.GetParameters());
    }

    [Fact]
    public void Permutations_respect_masks()
    {
        var net = TestNetworks.SkipMasked(new ReluActivation(), 1);
        var group = SymmetryGroup.Of(net);
        // Layer 2 is masked with rows of different patterns: its classes partition it, and swapping two
        // neurons with different incoming masks is not a symmetry of the architecture.
        foreach (var l in group.Layers)
            Assert.Equal(l.Width, l.InterchangeableClasses.Sum(c => c.Length));
        var masked = net.Layers[2];
        var swap = Enumerable.Range(0, masked.OutputSize).ToArray();
        int a = -1, b = -1;
        for (int i = 0; i < masked.OutputSize && a < 0; i++)
            for (int j = i + 1; j < masked.OutputSize; j++)
                if (!masked.Mask.Slice(i * masked.InputSize, masked.InputSize).SequenceEqual(masked.Mask.Slice(j * masked.InputSize, masked.InputSize))) { a = i; b = j; break; }
        Assert.True(a >= 0, "the test network should have two rows with different masks");
        (swap[a], swap[b]) = (swap[b], swap[a]);
        var widths = group.HiddenWidths;
        var perms = widths.Select(w => Enumerable.Range(0, w).ToArray()).ToArray();
        perms[2] = swap;
        var bad = new GroupElement([.. widths.Select(w => Enumerable.Repeat(AffineSymmetry.Identity, w).ToArray())], perms);
        Assert.Throws<ArgumentException>(() => bad.Apply(net));
    }
}

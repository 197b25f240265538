using CsCheck;
using NetSym.Canonical;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;

namespace NetSym.Tests.Canonical;

public class CanonicalizerTests
{
    public static TheoryData<string> Specs() => CanonicalTestCases.Specs();

    [Theory]
    [MemberData(nameof(Specs))]
    public void Symmetric_copies_have_the_same_canonical_form(string spec)
    {
        var random = RandomKey.FromSeed(31).Stream();
        foreach (var net in CanonicalTestCases.Networks(ActivationCatalog.Parse(spec), 3))
        {
            var canonical = Canonicalizer.Canonicalize(net).Network;
            var group = SymmetryGroup.Of(net);
            for (int trial = 0; trial < 5; trial++)
            {
                var moved = group.RandomElement(random).Apply(net);
                CanonicalTestCases.AssertSameParameters(canonical, Canonicalizer.Canonicalize(moved).Network, 1e-12);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void The_element_maps_the_network_to_its_canonical_form_and_keeps_its_function(string spec)
    {
        foreach (var net in CanonicalTestCases.Networks(ActivationCatalog.Parse(spec), 5))
        {
            var form = Canonicalizer.Canonicalize(net);
            // GroupElement.Apply is an independent implementation of the same action.
            CanonicalTestCases.AssertSameParameters(form.Element!.Apply(net), form.Network, 1e-15);
            CanonicalTestCases.AssertSameFunction(net, form.Network, TestNetworks.GaussianInputs(50, net.InputSize, 6), 1e-12);
            for (int l = 0; l < net.Layers.Count; l++)
                Assert.True(net.Layers[l].Mask.SequenceEqual(form.Network.Layers[l].Mask), "permutations stay inside the mask classes");
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Canonicalisation_is_idempotent(string spec)
    {
        foreach (var net in CanonicalTestCases.Networks(ActivationCatalog.Parse(spec), 7))
        {
            var once = Canonicalizer.Canonicalize(net).Network;
            var twice = Canonicalizer.Canonicalize(once);
            Assert.True(twice.Element!.IsIdentity, $"{spec}: canonicalising a canonical network moved it");
            Assert.Equal(once.GetParameters(), twice.Network.GetParameters());
        }
    }

    [Fact]
    public void Hidden_neurons_are_normalised_and_sorted_by_their_first_key()
    {
        var net = TestNetworks.Dense("6-40-30-2", new ReluActivation(), 9);
        var canonical = Canonicalizer.Canonicalize(net).Network;
        for (int l = 0; l < 2; l++)
        {
            var layer = canonical.Layers[l];
            double previous = double.NegativeInfinity;
            for (int j = 0; j < layer.OutputSize; j++)
            {
                var w = layer.Weights.Slice(j * layer.InputSize, layer.InputSize);
                double norm2 = layer.Bias[j] * layer.Bias[j];
                foreach (double v in w) norm2 += v * v;
                Assert.Equal(1, Math.Sqrt(norm2), 1e-14);
                double key = NeuronOrder.Key(0, w, layer.Bias[j]);
                Assert.True(key >= previous, $"layer {l}: neuron {j} has key {key} after {previous}");
                previous = key;
            }
        }
    }

    [Fact]
    public void Hand_computed_canonical_form()
    {
        // f(x) = 3·relu(2x − 2) + 5·relu(−x) + 1. Normalised: relu((x − 1)/√2) with outgoing 3·√8 = 6√2,
        // relu(−x) with outgoing 5; their order is that of the first key.
        var net = CanonicalTestCases.Shallow(new ReluActivation(), [2, -1], [-2, 0], [3, 5], 1);
        var canonical = Canonicalizer.Canonicalize(net).Network;
        double r = Math.Sqrt(0.5);
        var neurons = new[] { (W: r, B: -r, U: 6 * Math.Sqrt(2)), (W: -1.0, B: 0.0, U: 5.0) }
            .OrderBy(n => NeuronOrder.Key(0, [n.W], n.B)).ToArray();
        double[] expected = [neurons[0].W, neurons[1].W, neurons[0].B, neurons[1].B, neurons[0].U, neurons[1].U, 1];
        var actual = canonical.GetParameters();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-15);
    }

    [Fact]
    public void Neurons_tied_on_the_first_key_are_ordered_by_the_next_one_despite_rounding_noise()
    {
        // Two unit-norm ReLU rows orthogonal to the first key's direction u₀, so both first keys are 0.
        // Moving the second row by ±10⁻¹³·u₀ (noise far below the 10⁻⁹ tie tolerance) reverses the order
        // of the first keys; only the tie-break by the next key keeps the canonical order the same.
        const int n = 4;
        var u0 = Enumerable.Range(0, n + 1).Select(k => NeuronOrder.Key(0, UnitRow(k, n).W, UnitRow(k, n).B)).ToArray();
        double[] Orthogonal(double[] p)
        {
            double dot = p.Zip(u0).Sum(t => t.First * t.Second);
            var q = p.Select((x, k) => x - dot * u0[k]).ToArray();
            double norm = Math.Sqrt(q.Sum(x => x * x));
            return [.. q.Select(x => x / norm)];
        }
        var r1 = Orthogonal([0.9, -0.4, 0.3, 0.2, 0.1]);
        var r2 = Orthogonal([.. r1.Zip(new[] { 0.3, 0.5, -0.2, 0.1, 0.4 }, (x, v) => x + 1e-3 * v)]);
        Assert.True(Math.Abs(NeuronOrder.Key(1, r1.AsSpan(0, n), r1[n]) - NeuronOrder.Key(1, r2.AsSpan(0, n), r2[n])) > 1e-6);

        Network Build(double shift)
        {
            var s = r2.Select((x, k) => x + shift * u0[k]).ToArray();
            return Network.Sequential(n,
            [
                ([.. r1[..n], .. s[..n]], [r1[n], s[n]], new ReluActivation()),
                ([1.5, -2.5], [0.5], new IdentityActivation()),
            ]);
        }
        var up = Canonicalizer.Canonicalize(Build(1e-13)).Network;
        var down = Canonicalizer.Canonicalize(Build(-1e-13)).Network;
        CanonicalTestCases.AssertSameParameters(up, down, 1e-12);

        var group = SymmetryGroup.Of(up);
        var random = RandomKey.FromSeed(3).Stream();
        for (int trial = 0; trial < 20; trial++)
            CanonicalTestCases.AssertSameParameters(up, Canonicalizer.Canonicalize(group.RandomElement(random).Apply(up)).Network, 1e-12);
    }

    private static (double[] W, double B) UnitRow(int k, int n)
    {
        var w = new double[n];
        if (k < n) w[k] = 1;
        return (w, k == n ? 1 : 0);
    }

    [Fact]
    public void Symmetric_copies_of_random_architectures_share_canonical_form_and_fingerprint()
    {
        CanonicalTestCases.RandomNetwork.Sample(c =>
        {
            var moved = SymmetryGroup.Of(c.Network).RandomElement(RandomKey.FromSeed(c.Seed).Stream()).Apply(c.Network);
            var fa = Canonicalizer.Canonicalize(c.Network);
            var fb = Canonicalizer.Canonicalize(moved);
            CanonicalTestCases.AssertSameParameters(fa.Network, fb.Network, 1e-12);
            Assert.Equal(Fingerprint.Of(fa), Fingerprint.Of(fb));
            Assert.True(Canonicalizer.Canonicalize(fa.Network).Element!.IsIdentity);
        }, iter: 200, threads: 1, print: c => $"{c.Network.Architecture} {c.Network.HiddenActivations} seed {c.Seed}");
    }
}

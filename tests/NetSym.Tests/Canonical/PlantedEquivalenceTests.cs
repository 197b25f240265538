using NetSym.Canonical;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Reduction;
using NetSym.Symmetries;

namespace NetSym.Tests.Canonical;

/// <summary>
/// Issue 11's equivalence tests: random tanh, sigmoid, softsign and sin networks with a planted group
/// element are equivalent with the exact map (its inverse); a 10⁻⁶ change to one weight gives a witness
/// that evaluation confirms; degenerate additions are reduced away before the decision.
/// </summary>
public class PlantedEquivalenceTests
{
    private static readonly string[] Activations = ["tanh", "sigmoid", "softsign", "sin"];
    private static readonly string[] Architectures = ["3-5-2", "3-5-4-2"];
    private static readonly int[] Seeds = [3, 17, 40];
    private static readonly EquivalenceOptions Small = new() { WitnessBudget = 1024, Seed = 5 };

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (string act in Activations)
            foreach (string arch in Architectures)
                foreach (int seed in Seeds) data.Add(act, arch, seed);
        return data;
    }

    public static TheoryData<string, DegenerateAdditionKind> DegenerateCases()
    {
        var data = new TheoryData<string, DegenerateAdditionKind>();
        foreach (string act in Activations)
            foreach (var kind in new[] { DegenerateAdditionKind.DeadUnit, DegenerateAdditionKind.ConstantUnit, DegenerateAdditionKind.SplitUnit, DegenerateAdditionKind.CancellingPair })
                data.Add(act, kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_planted_group_element_is_recovered_exactly(string activation, string architecture, int seed)
    {
        var a = TestNetworks.Dense(architecture, ActivationCatalog.Parse(activation), seed);
        var planted = SymmetryGroup.Of(a).RandomElement(RandomKey.FromSeed(seed).Split("planted").Stream());
        var b = planted.Apply(a);
        AssertRecovered(a, b, planted);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(3)]
    public void A_sin_network_shifted_by_a_multiple_of_pi_is_recovered_exactly(int k) => AssertShiftRecovered(k);

    [Fact]
    public void A_sin_network_with_a_sign_flip_alone_is_recovered_exactly() => AssertShiftRecovered(0);

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_one_in_a_million_change_to_one_weight_gives_a_witness_that_evaluation_confirms(string activation, string architecture, int seed)
    {
        var a = TestNetworks.Dense(architecture, ActivationCatalog.Parse(activation), seed);
        var random = RandomKey.FromSeed(seed).Split("perturbed").Stream();
        var b = SymmetryGroup.Of(a).RandomElement(random).Apply(a);
        int layer = random.NextInt32(b.Layers.Count);
        var weights = b.Layers[layer].Weights.ToArray();
        weights[random.NextInt32(weights.Length)] += 1e-6;
        var changed = b.WithLayer(layer, b.Layers[layer].With(weights, b.Layers[layer].Bias));

        var result = Equivalence.Compare(a, changed, LinearAlgebraBackends.Default, Small);
        Assert.Equal(EquivalenceVerdict.Different, result.Verdict);
        Assert.Null(result.Map);
        var search = result.Search!;
        Assert.True(search.Found, $"no witness: largest difference {search.LargestDifference:G3}");
        var x = new Matrix(1, a.InputSize, (double[])search.Input.Clone());
        var fa = Forward.Evaluate(a, x, LinearAlgebraBackends.Default).Data;
        var fb = Forward.Evaluate(changed, x, LinearAlgebraBackends.Default).Data;
        double difference = fa.Zip(fb).Max(p => Math.Abs(p.First - p.Second));
        double scale = Math.Max(search.OutputScale, Math.Max(fa.Max(Math.Abs), fb.Max(Math.Abs)));
        Assert.True(Math.Abs(difference - search.Difference) <= 1e-12 * scale, $"re-evaluated difference {difference:G17}, reported {search.Difference:G17}");
        Assert.True(difference > result.Tolerance * scale, $"difference {difference:G3} at the witness is not above {result.Tolerance:G3} × {scale:G3}");
    }

    [Theory]
    [MemberData(nameof(DegenerateCases))]
    public void A_degenerate_copy_is_reduced_first_and_then_found_equivalent(string activation, DegenerateAdditionKind kind)
    {
        var a = TestNetworks.Dense("3-5-4-2", ActivationCatalog.Parse(activation), 23);
        var random = RandomKey.FromSeed(29).Split(kind.ToString()).Stream();
        int layer = random.NextInt32(a.Layers.Count - 1);
        var b = DegenerateAddition.Apply(a, kind, layer, random);
        int added = kind == DegenerateAdditionKind.CancellingPair ? 2 : 1;
        Assert.Equal(a.Layers[layer].OutputSize + added, b.Layers[layer].OutputSize);
        CanonicalTestCases.AssertSameFunction(a, b, TestNetworks.GaussianInputs(64, a.InputSize, 31), 1e-12);

        var result = Equivalence.Compare(a, b, LinearAlgebraBackends.Default, Small);
        Assert.Equal(EquivalenceVerdict.Equivalent, result.Verdict);
        Assert.Empty(result.ReductionA!.Steps);
        Assert.Equal(added, result.ReductionB!.RemovedNeuronCount);
        Assert.All(result.ReductionB.Steps, s => Assert.Equal(layer, s.Layer));
        Assert.False(result.OnBoxOnly);
        var reduced = result.ReductionB.Network;
        Assert.Equal(a.Architecture, reduced.Architecture);
        // The map relates the reduced networks: h·reduce(B) = A.
        CanonicalTestCases.AssertSameParameters(a, result.Map!.Apply(reduced), 1e-12);
        AssertInGroup(result.Map, a);

        // Decided after reduction the other way too: a 10⁻⁶ change to a kept unit's weight is a witness.
        var weights = b.Layers[0].Weights.ToArray();
        weights[0] += 1e-6;
        var changed = b.WithLayer(0, b.Layers[0].With(weights, b.Layers[0].Bias));
        var different = Equivalence.Compare(a, changed, LinearAlgebraBackends.Default, Small);
        Assert.Equal(EquivalenceVerdict.Different, different.Verdict);
        Assert.True(different.Search!.Found);
    }

    // A sin network with, in its first hidden layer, neuron 1's bias moved by kπ and its outgoing weights
    // multiplied by (−1)^k (sin(z + kπ) = (−1)^k sin z), neuron 3 flipped (w, β, u → −w, −β, −u), and
    // in the second hidden layer neuron 0 moved by kπ the same way; the planted element is written out to
    // check that the map found is its inverse.
    private static void AssertShiftRecovered(int k)
    {
        foreach (int seed in Seeds)
        {
            var a = TestNetworks.Dense("3-5-4-2", new SinActivation(), seed);
            double sign = k % 2 == 0 ? 1 : -1;
            var b = a;
            b = Plant(b, 0, 1, k * Math.PI, 1, sign);
            b = Plant(b, 0, 3, 0, -1, -1);
            b = Plant(b, 1, 0, k * Math.PI, 1, sign);
            var shift = new AffineSymmetry(1, k * Math.PI, sign, 0);
            var affine = new[] { Identities(5), Identities(4) };
            affine[0][1] = shift;
            affine[0][3] = new AffineSymmetry(-1, 0, -1, 0);
            affine[1][0] = shift;
            var planted = new GroupElement(affine, [[0, 1, 2, 3, 4], [0, 1, 2, 3]]);
            CanonicalTestCases.AssertSameParameters(planted.Apply(a), b, 1e-15);
            AssertRecovered(a, b, planted);
        }
    }

    private static AffineSymmetry[] Identities(int n) => Enumerable.Repeat(AffineSymmetry.Identity, n).ToArray();

    // Neuron j of hidden layer l: incoming row and bias times `flip`, bias plus `shift`, outgoing column times `outgoing`.
    private static Network Plant(Network net, int l, int j, double shift, double flip, double outgoing)
    {
        var own = net.Layers[l];
        var w = own.Weights.ToArray();
        var bias = own.Bias.ToArray();
        for (int c = 0; c < own.InputSize; c++) w[j * own.InputSize + c] *= flip;
        bias[j] = flip * bias[j] + shift;
        var next = net.Layers[l + 1];
        var u = next.Weights.ToArray();
        for (int r = 0; r < next.OutputSize; r++) u[r * next.InputSize + j] *= outgoing;
        return net.WithLayer(l, own.With(w, bias)).WithLayer(l + 1, next.With(u, next.Bias));
    }

    // B = planted·A: Compare must say equivalent, its map h must take B back to A (and h⁻¹ take A to B),
    // both ways to rounding, and h must be planted⁻¹ (a generic network's stabiliser is trivial).
    private static void AssertRecovered(Network a, Network b, GroupElement planted)
    {
        CanonicalTestCases.AssertSameFunction(a, b, TestNetworks.GaussianInputs(64, a.InputSize, 7), 1e-12);
        var result = Equivalence.Compare(a, b, LinearAlgebraBackends.Default, Small);
        Assert.Equal(EquivalenceVerdict.Equivalent, result.Verdict);
        Assert.Empty(result.ReductionA!.Steps);
        Assert.Empty(result.ReductionB!.Steps);
        Assert.Null(result.Search);
        var map = result.Map!;
        CanonicalTestCases.AssertSameParameters(a, map.Apply(b), 1e-12);
        CanonicalTestCases.AssertSameParameters(b, map.Invert().Apply(a), 1e-12);
        Assert.True(result.MapDeviation <= 1e-12 * (1 + a.GetParameters().Max(Math.Abs)), $"map deviation {result.MapDeviation}");
        CanonicalTestCases.AssertSameFunction(a, map.Apply(b), TestNetworks.GaussianInputs(64, a.InputSize, 8), 1e-12);
        AssertInGroup(map, a);
        AssertSameElement(planted.Invert(), map);
    }

    // Every per-neuron symmetry of the map is an affine symmetry of the layer's ρ — ρ(a·x + b) = c·ρ(x) + d
    // on a grid — and of the form the activation's group has: tanh, softsign (±1, 0, ±1, 0) with c = a;
    // sigmoid the identity or (−1, 0, −1, 1); sin (±1, kπ, ±(−1)^k, 0), its infinite dihedral group.
    private static void AssertInGroup(GroupElement map, Network network)
    {
        for (int l = 0; l < map.Affine.Count; l++)
        {
            var rho = network.Layers[l].Activation;
            foreach (var s in map.Affine[l])
            {
                for (double x = -6; x <= 6; x += 0.125)
                    Assert.True(Math.Abs(rho.Value(s.A * x + s.B) - (s.C * rho.Value(x) + s.D)) <= 1e-12 * (1 + Math.Abs(s.B)),
                        $"{s} is not a symmetry of {rho.Spec}: differs at x = {x}");
                Assert.True(Math.Abs(s.A) == 1, $"{s}: |a| must be 1 for {rho.Spec}");
                switch (rho.Spec)
                {
                    case "tanh" or "softsign":
                        Assert.True(s.B == 0 && s.D == 0 && s.C == s.A, $"{s} is not (±1, 0, ±1, 0)");
                        break;
                    case "sigmoid":
                        Assert.True(s.IsIdentity || s == new AffineSymmetry(-1, 0, -1, 1), $"{s} is neither the identity nor (−1, 0, −1, 1)");
                        break;
                    case "sin":
                        double turns = Math.Round(s.B / Math.PI);
                        Assert.True(Math.Abs(s.B - turns * Math.PI) <= 1e-12 * (1 + Math.Abs(s.B)) && s.D == 0
                            && s.C == s.A * (turns % 2 == 0 ? 1 : -1), $"{s} is not (±1, kπ, ±(−1)^k, 0)");
                        break;
                    default:
                        Assert.Fail($"no group written down for {rho.Spec}");
                        break;
                }
            }
        }
    }

    private static void AssertSameElement(GroupElement expected, GroupElement actual)
    {
        Assert.Equal(expected.Permutations.Count, actual.Permutations.Count);
        for (int l = 0; l < expected.Permutations.Count; l++)
        {
            Assert.Equal(expected.Permutations[l], actual.Permutations[l]);
            for (int j = 0; j < expected.Affine[l].Length; j++)
            {
                AffineSymmetry e = expected.Affine[l][j], g = actual.Affine[l][j];
                double error = Math.Max(Math.Max(Math.Abs(e.A - g.A), Math.Abs(e.B - g.B)), Math.Max(Math.Abs(e.C - g.C), Math.Abs(e.D - g.D)));
                Assert.True(error <= 1e-12 * (1 + Math.Abs(e.B)), $"layer {l}, neuron {j}: map has {g}, the planted element's inverse is {e}");
            }
        }
    }
}

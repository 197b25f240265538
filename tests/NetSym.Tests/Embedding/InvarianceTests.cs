using NetSym.Embedding;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;

namespace NetSym.Tests.Embedding;

public class InvarianceTests
{
    public static TheoryData<string> RescalingSpecs() => ["relu", "leaky_relu(0.1)", "leaky_relu(-0.3)"];

    private static IEnumerable<Network> Networks(Activation act, int seed) =>
        [TestNetworks.Dense("3-5-4-2", act, seed), TestNetworks.SkipMasked(act, seed + 1)];

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"{what}: {expected} vs {actual}");

    /// <summary>Where path p of the original network goes under g: hidden neuron j of layer l moves to the position holding it.</summary>
    private static NetworkPath Moved(NetworkPath p, GroupElement g)
    {
        var positions = g.Permutations.Select(GroupElementPositions).ToList();
        return p with { Neurons = [.. p.Neurons.Select(v => v.Layer < positions.Count ? v with { Index = positions[v.Layer][v.Index] } : v)] };
    }

    private static int[] GroupElementPositions(int[] permutation)
    {
        var position = new int[permutation.Length];
        for (int k = 0; k < permutation.Length; k++) position[permutation[k]] = k;
        return position;
    }

    [Theory]
    [MemberData(nameof(RescalingSpecs))]
    public void Phi_is_invariant_under_random_rescalings(string spec)
    {
        var random = RandomKey.FromSeed(1).Stream();
        foreach (var net in Networks(ActivationCatalog.Parse(spec), 2))
        {
            var phi = PathLifting.Compute(net);
            var group = SymmetryGroup.Of(net);
            for (int trial = 0; trial < 5; trial++)
            {
                var g = group.RandomElement(random);
                var rescaling = new GroupElement(g.Affine, [.. group.HiddenWidths.Select(n => Enumerable.Range(0, n).ToArray())]);
                var moved = rescaling.Apply(net);
                Assert.NotEqual(net.GetParameters(), moved.GetParameters());
                var phiMoved = PathLifting.Compute(moved);
                for (int k = 0; k < phi.Length; k++) AssertClose(phi[k], phiMoved[k], $"entry {k}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(RescalingSpecs))]
    public void A_group_element_permutes_the_entries_of_phi_along_the_renamed_paths(string spec)
    {
        var random = RandomKey.FromSeed(3).Stream();
        foreach (var net in Networks(ActivationCatalog.Parse(spec), 4))
        {
            var phi = PathLifting.Compute(net);
            var paths = PathLifting.Paths(net);
            for (int trial = 0; trial < 5; trial++)
            {
                var g = SymmetryGroup.Of(net).RandomElement(random);
                var moved = g.Apply(net);
                var movedPhi = PathLifting.Compute(moved);
                var index = PathLifting.Paths(moved).Select((p, k) => (p, k)).ToDictionary(t => t.p, t => t.k);
                var hit = new bool[phi.Length];
                for (int k = 0; k < phi.Length; k++)
                {
                    int target = index[Moved(paths[k], g)];
                    hit[target] = true;
                    AssertClose(phi[k], movedPhi[target], paths[k].ToString());
                }
                Assert.All(hit, Assert.True);
            }
        }
    }

    [Fact]
    public void Abs_sign_flips_change_phi_by_the_product_of_the_signs_along_each_path()
    {
        var random = RandomKey.FromSeed(5).Stream();
        foreach (var net in Networks(new AbsActivation(), 6))
        {
            var phi = PathLifting.Compute(net);
            var paths = PathLifting.Paths(net);
            var g = SymmetryGroup.Of(net).RandomElement(random);
            var moved = g.Apply(net);
            var movedPhi = PathLifting.Compute(moved);
            var index = PathLifting.Paths(moved).Select((p, k) => (p, k)).ToDictionary(t => t.p, t => t.k);
            for (int k = 0; k < phi.Length; k++)
            {
                double sign = paths[k].Neurons.Where(v => v.Layer < g.Affine.Count).Aggregate(1.0, (s, v) => s * Math.Sign(g.Affine[v.Layer][v.Index].A));
                AssertClose(sign * phi[k], movedPhi[index[Moved(paths[k], g)]], paths[k].ToString());
            }
        }
    }

    [Fact]
    public void Negative_rescaling_keeps_phi_but_changes_a_relu_function()
    {
        // 1-1-1 with (w1, b1, w2, b2) = (1, 0, 1, 0) computes ReLU(x); (−1, 0, −1, 0) computes min(x, 0).
        var relu = Network.Sequential(1, [([1.0], [0.0], new ReluActivation()), ([1.0], [0.0], new IdentityActivation())]);
        var flipped = Network.Sequential(1, [([-1.0], [0.0], new ReluActivation()), ([-1.0], [0.0], new IdentityActivation())]);
        Assert.Equal([1.0, 0.0, 0.0], PathLifting.Compute(relu));
        Assert.Equal([1.0, 0.0, 0.0], PathLifting.Compute(flipped));

        var x = Matrix.FromRows([[2.0], [-3.0]]);
        Assert.Equal([2.0, 0.0], Forward.Evaluate(relu, x, LinearAlgebraBackends.Default).Data);
        Assert.Equal([0.0, -3.0], Forward.Evaluate(flipped, x, LinearAlgebraBackends.Default).Data);
        // The pattern tells them apart: at x = 2 the neuron is active in one and inactive in the other.
        Assert.Equal([1.0, 0.0], SlopePattern.Of(relu, x, LinearAlgebraBackends.Default).Slopes[0].Data);
        Assert.Equal([0.0, 1.0], SlopePattern.Of(flipped, x, LinearAlgebraBackends.Default).Slopes[0].Data);
    }

    [Fact]
    public void Negative_rescaling_of_any_hidden_neuron_keeps_phi_and_the_path_norms()
    {
        var net = TestNetworks.SkipMasked(new ReluActivation(), 8);
        var group = SymmetryGroup.Of(net);
        var identity = GroupElement.Identity(group.HiddenWidths);
        var affine = identity.Affine.Select(a => a.ToArray()).ToArray();
        affine[1][2] = new AffineSymmetry(-0.5, 0, -0.5, 0);
        var moved = new GroupElement(affine, identity.Permutations).Apply(net);

        var phi = PathLifting.Compute(net);
        var movedPhi = PathLifting.Compute(moved);
        for (int k = 0; k < phi.Length; k++) AssertClose(phi[k], movedPhi[k], $"entry {k}");
        AssertClose(PathNorms.Compute(net, 1).Value, PathNorms.Compute(moved, 1).Value, "L1 path norm");

        var x = TestNetworks.GaussianInputs(50, 3, 9);
        var difference = Forward.Evaluate(net, x, LinearAlgebraBackends.Default).Data.Zip(Forward.Evaluate(moved, x, LinearAlgebraBackends.Default).Data, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(difference > 1e-3, "the negative rescaling should change the function");
    }
}

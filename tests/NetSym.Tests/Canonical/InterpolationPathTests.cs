using NetSym.Canonical;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;

namespace NetSym.Tests.Canonical;

/// <summary>The loss along the straight path between two networks, and its barrier.</summary>
public class InterpolationPathTests
{
    private static readonly LinearAlgebraBackend Backend = LinearAlgebraBackends.Default;

    [Theory]
    [InlineData("relu")]
    [InlineData("tanh")]
    [InlineData("sin")]
    public void Aligning_a_symmetric_copy_flattens_the_path_that_the_unaligned_copy_bends(string spec)
    {
        var a = TestNetworks.Dense("3-8-6-2", ActivationCatalog.Parse(spec), 3);
        var b = SymmetryGroup.Of(a).RandomElement(RandomKey.FromSeed(9).Stream()).Apply(a);
        var x = TestNetworks.GaussianInputs(50, 3, 4);
        var before = InterpolationPath.Compute(a, b, x, null, 11, Backend);
        var aligned = Aligner.Align(a, b, Backend).Aligned;
        var after = InterpolationPath.Compute(a, aligned, x, null, 11, Backend);
        Assert.True(before.Barrier > 1e-4, $"barrier before {before.Barrier}");
        Assert.True(after.Barrier < 1e-20, $"barrier after {after.Barrier}");
        Assert.Equal(0, before.Losses[0]);
        Assert.Equal(0, before.Losses[^1]);
        Assert.InRange(before.BarrierAlpha, 0.05, 0.95);
    }

    [Fact]
    public void A_single_affine_layer_has_a_flat_path_and_targets_give_the_mean_squared_error_at_the_ends()
    {
        var a = TestNetworks.Dense("4-3", new IdentityActivation(), 1);
        var b = TestNetworks.Dense("4-3", new IdentityActivation(), 2);
        var x = TestNetworks.GaussianInputs(30, 4, 5);
        var flat = InterpolationPath.Compute(a, b, x, null, 7, Backend);
        Assert.All(flat.Losses, l => Assert.True(l < 1e-28, $"loss {l}"));

        var y = TestNetworks.GaussianInputs(30, 3, 6);
        var path = InterpolationPath.Compute(a, b, x, y, 5, Backend);
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], path.Alphas);
        Assert.Equal(Mse(Forward.Evaluate(a, x, Backend), y), path.Losses[0], 12);
        Assert.Equal(Mse(Forward.Evaluate(b, x, Backend), y), path.Losses[^1], 12);
        // The MSE of an affine map is a convex quadratic in θ: it never rises above the chord.
        Assert.True(path.Barrier <= 1e-12, $"barrier {path.Barrier}");
    }

    [Fact]
    public void Mismatched_networks_inputs_targets_and_steps_are_refused()
    {
        var a = TestNetworks.Dense("3-4-2", new ReluActivation(), 1);
        var x = TestNetworks.GaussianInputs(5, 3, 1);
        Assert.Throws<ArgumentException>(() => InterpolationPath.Compute(a, TestNetworks.Dense("3-5-2", new ReluActivation(), 1), x, null, 5, Backend));
        Assert.Throws<ArgumentException>(() => InterpolationPath.Compute(a, TestNetworks.Dense("3-4-2", new TanhActivation(), 1), x, null, 5, Backend));
        Assert.Throws<ArgumentException>(() => InterpolationPath.Compute(a, a, TestNetworks.GaussianInputs(5, 2, 1), null, 5, Backend));
        Assert.Throws<ArgumentException>(() => InterpolationPath.Compute(a, a, x, TestNetworks.GaussianInputs(4, 2, 1), 5, Backend));
        Assert.Throws<ArgumentException>(() => InterpolationPath.Compute(a, a, x, null, 1, Backend));
    }

    private static double Mse(Matrix f, Matrix y) => f.Data.Zip(y.Data).Average(p => (p.First - p.Second) * (p.First - p.Second));
}

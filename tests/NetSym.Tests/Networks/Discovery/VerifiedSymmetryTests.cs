using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Networks.Discovery;

namespace NetSym.Tests.Networks.Discovery;

public class VerifiedSymmetryTests
{
    /// <summary>Whether two maps agree coordinate by coordinate to <paramref name="tolerance"/> (relative to max(1, |value|)).</summary>
    public static bool SameMap(AffineSymmetry x, AffineSymmetry y, double tolerance = 1e-12) =>
        new[] { (x.A, y.A), (x.B, y.B), (x.C, y.C), (x.D, y.D) }.All(p => Math.Abs(p.Item1 - p.Item2) <= tolerance * Math.Max(1, Math.Max(Math.Abs(p.Item1), Math.Abs(p.Item2))));

    [Fact]
    public void The_residual_is_zero_for_a_symmetry_and_large_for_a_map_that_is_not_one()
    {
        var verifier = new SymmetryVerifier(Math.Tanh, DiscoveryOptions.Default, RandomKey.FromSeed(1));
        Assert.Equal(0, verifier.Residual(new AffineSymmetry(-1, 0, -1, 0)));
        Assert.True(verifier.Residual(new AffineSymmetry(-1, 0, -1, 1e-6)) is > 1e-7 and < 1e-6);
        Assert.True(verifier.Residual(new AffineSymmetry(2, 0, 2, 0)) > 0.1);
        // Least squares recovers c and d of a symmetry from (a, b) alone.
        var fit = verifier.Fit(-1, 0);
        Assert.True(SameMap(new AffineSymmetry(-1, 0, -1, 0), fit.Element, 1e-12));
    }

    [Fact]
    public void The_residual_does_not_change_when_rho_is_rescaled_and_shifted()
    {
        var key = RandomKey.FromSeed(2);
        var plain = new SymmetryVerifier(Math.Tanh, DiscoveryOptions.Default, key);
        var moved = new SymmetryVerifier(x => 1e3 * Math.Tanh(x) - 7, DiscoveryOptions.Default, key);
        // (−1, 0, −1, d) for tanh is (−1, 0, −1, 1e3·d − 14) for 1e3·tanh − 7.
        double r1 = plain.Residual(new AffineSymmetry(-1, 0, -1, 1e-4)), r2 = moved.Residual(new AffineSymmetry(-1, 0, -1, 0.1 - 14));
        Assert.Equal(r1, r2, 1e-9);
    }

    [Fact]
    public void Overflow_on_both_sides_is_skipped_and_on_one_side_fails()
    {
        var verifier = new SymmetryVerifier(Math.Exp, DiscoveryOptions.Default, RandomKey.FromSeed(3));
        Assert.True(verifier.Residual(new AffineSymmetry(1, 2, Math.Exp(2), 0)) <= 1e-12);
        Assert.Equal(double.PositiveInfinity, verifier.Residual(new AffineSymmetry(-1, 0, 1, 0)));
    }

    [Theory]
    [InlineData(Math.PI, "π")]
    [InlineData(-2 * Math.PI, "-2π")]
    [InlineData(Math.PI / 2, "π/2")]
    [InlineData(6.0, "6")]
    [InlineData(-1.0 / 3, "-1/3")]
    [InlineData(0.1234567891234, "0.1234567891")]
    public void Simple_forms_are_recognised_and_snapped_only_when_close(double value, string text)
    {
        Assert.Equal(text, NiceNumber.Format(NiceNumber.Snap(value * (1 + 1e-12))));
        Assert.Equal(value * (1 + 1e-6), NiceNumber.Snap(value * (1 + 1e-6)));
    }
}

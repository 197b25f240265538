using CsCheck;
using NetSym.Sweep;

namespace NetSym.Tests.Sweep;

public class WilsonIntervalTests
{
    private const double Z = WilsonInterval.Z95;

    [Fact]
    public void The_ends_have_their_closed_forms()
    {
        // k = 0: [0, z²/(n + z²)]; k = n: [n/(n + z²), 1].
        var none = WilsonInterval.Of(0, 10);
        Assert.Equal(0, none.Low);
        Assert.Equal(Z * Z / (10 + Z * Z), none.High, 1e-15);
        Assert.Equal(0.277532799, none.High, 1e-8);
        var all = WilsonInterval.Of(10, 10);
        Assert.Equal(10 / (10 + Z * Z), all.Low, 1e-15);
        Assert.Equal(1, all.High);
    }

    [Fact]
    public void Half_is_symmetric_about_one_half_with_the_known_width()
    {
        // k = n/2: centre 1/2 and half-width z·√(n/4 + z²/4)/(n + z²) = z·√(n + z²)/(2(n + z²)).
        var w = WilsonInterval.Of(5, 10);
        double half = Z / (2 * Math.Sqrt(10 + Z * Z));
        Assert.Equal(0.5 - half, w.Low, 1e-14);
        Assert.Equal(0.5 + half, w.High, 1e-14);
        Assert.Equal(0.236593, w.Low, 1e-6);
        Assert.Equal(0.763407, w.High, 1e-6);
    }

    [Fact]
    public void The_ends_solve_the_score_equation()
    {
        // Each end p solves (p̂ − p)² = z²·p(1 − p)/n: the defining property, checked for every k.
        Gen.Select(Gen.Int[1, 500], Gen.Int[0, 500]).Where((n, k) => k <= n).Sample((n, k) =>
        {
            var w = WilsonInterval.Of(k, n);
            double phat = (double)k / n;
            foreach (double p in new[] { w.Low, w.High })
                Assert.Equal((phat - p) * (phat - p), Z * Z * p * (1 - p) / n, 1e-12);
            Assert.InRange(phat, w.Low, w.High);
        });
    }

    [Fact]
    public void No_trials_say_nothing_and_impossible_counts_are_refused()
    {
        Assert.Equal(new WilsonInterval(0, 1), WilsonInterval.Of(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Of(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Of(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Of(1, 2, z: 0));
    }
}

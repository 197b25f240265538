using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Networks;

/// <summary>The hand-written symmetry groups of the activations added with expressions, checked on a grid.</summary>
public class CatalogSymmetryTests
{
    public static TheoryData<string, int, int, bool> Groups() => new()
    {
        { "selu", 0, 0, false }, { "hardsigmoid", 1, 0, false }, { "softsign", 1, 0, false }, { "sin", 1, 0, true }, { "cos", 1, 0, true },
        { "exp", 0, 1, false }, { "silu", 0, 0, false }, { "gelu_erf", 0, 0, false },
    };

    [Theory]
    [MemberData(nameof(Groups))]
    public void Every_listed_element_family_member_and_step_holds_on_a_grid(string spec, int elements, int dimension, bool step)
    {
        var rho = ActivationCatalog.Parse(spec);
        var group = rho.Symmetries;
        Assert.Equal(elements, group.Discrete.Count);
        Assert.Equal(dimension, group.ContinuousDimension);
        Assert.Equal(step, group.HasInfiniteDiscretePart);
        var random = new RandomStream(RandomKey.FromSeed(5));
        List<AffineSymmetry> checks = [.. group.Discrete, .. Enumerable.Range(0, 6).Select(_ => group.RandomElement(random))];
        if (group.Step is { } t) checks.AddRange([t, t.Inverse(), t.Power(3), t.Power(-2)]);
        foreach (var g in checks)
            for (int k = -320; k <= 320; k++)
            {
                double x = k / 16.0;
                double left = rho.Value(g.A * x + g.B), right = g.C * rho.Value(x) + g.D;
                // A shift by a multiple of π is off by the rounding of π times the slope: a few ulps of |b|.
                Assert.True(Math.Abs(left - right) <= 1e-14 * Math.Max(1, Math.Abs(right)) + 4e-16 * Math.Abs(g.B) * Math.Max(1, Math.Abs(g.C)),
                    $"{spec}: ρ({g.A}·{x} + {g.B}) = {left:R}, {g.C}·ρ(x) + {g.D} = {right:R}");
            }
    }

    [Fact]
    public void No_listed_group_is_too_big()
    {
        // Without its flip, softsign is no sigmoid-like: (−1, 0, −1, 1) fails; hardsigmoid's flip is not softsign's.
        var softsign = new SoftsignActivation();
        Assert.NotEqual(1 - softsign.Value(0.5), softsign.Value(-0.5), 1e-3);
        var hard = new HardsigmoidActivation();
        Assert.NotEqual(-hard.Value(0.5), hard.Value(-0.5), 1e-3);
    }

    [Fact]
    public void Hardsigmoid_is_pytorchs_with_its_kinks_as_turning_points()
    {
        var rho = new HardsigmoidActivation();
        Assert.Equal(0, rho.Value(-3));
        Assert.Equal(0.5, rho.Value(0));
        Assert.Equal(1, rho.Value(3));
        Assert.Equal(1.0 / 6, rho.Derivative(1));
        Assert.Equal(0, rho.Derivative(3));
        Assert.Null(rho.Pieces); // its slope 1/6 is not dyadic: no exact rank
        var (lower, upper) = rho.Image(-10, 10);
        Assert.InRange(lower, -1e-12, 0);
        Assert.InRange(upper, 1, 1 + 1e-12);
    }
}

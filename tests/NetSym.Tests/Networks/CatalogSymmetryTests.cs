using NetSym.Networks;

namespace NetSym.Tests.Networks;

/// <summary>The hand-written symmetry groups of the activations added with expressions, checked on a grid.</summary>
public class CatalogSymmetryTests
{
    public static TheoryData<string, int> Groups() => new()
    {
        { "selu", 0 }, { "hardsigmoid", 1 }, { "softsign", 1 }, { "sin", 1 }, { "cos", 1 }, { "exp", 0 }, { "silu", 0 }, { "gelu_erf", 0 },
    };

    [Theory]
    [MemberData(nameof(Groups))]
    public void Every_listed_element_holds_on_a_grid(string spec, int elements)
    {
        var rho = ActivationCatalog.Parse(spec);
        Assert.Equal(elements, rho.Symmetries.Discrete.Count);
        Assert.Empty(rho.Symmetries.Continuous);
        foreach (var g in rho.Symmetries.Discrete)
            for (int k = -320; k <= 320; k++)
            {
                double x = k / 16.0;
                double left = rho.Value(g.A * x + g.B), right = g.C * rho.Value(x) + g.D;
                Assert.True(Math.Abs(left - right) <= 1e-14 * Math.Max(1, Math.Abs(right)), $"{spec}: ρ({g.A}·{x} + {g.B}) = {left:R}, {g.C}·ρ(x) + {g.D} = {right:R}");
            }
    }

    [Fact]
    public void The_groups_not_yet_listed_hold_too_and_no_listed_group_is_too_big()
    {
        // The shifts by 2π (sin, cos) and the translations (1, b, e^b, 0) of exp, which the group cannot hold yet.
        var sin = new SinActivation();
        var exp = new ExpActivation();
        for (int k = -64; k <= 64; k++)
        {
            double x = k / 8.0;
            Assert.Equal(sin.Value(x), sin.Value(x + 2 * Math.PI), 1e-14);
            Assert.Equal(exp.Value(x + 0.75), Math.Exp(0.75) * exp.Value(x), 1e-12 * exp.Value(x + 0.75));
        }
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

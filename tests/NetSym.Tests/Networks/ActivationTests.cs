using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Networks;

public class ActivationTests
{
    private static readonly double[] Grid = [.. Enumerable.Range(-400, 801).Select(i => i * 0.025 + 0.0123)];

    private static void AssertSymmetry(Activation rho, AffineSymmetry s)
    {
        foreach (double x in Grid)
        {
            double lhs = rho.Value(s.A * x + s.B), rhs = s.C * rho.Value(x) + s.D;
            Assert.True(Math.Abs(lhs - rhs) <= 1e-12 * (1 + Math.Abs(lhs)),
                $"{rho.Spec}: symmetry {s} fails at x={x}: ρ(ax+b)={lhs}, cρ(x)+d={rhs}");
        }
    }

    [Theory]
    [MemberData(nameof(TestNetworks.AllActivationSpecs), MemberType = typeof(TestNetworks))]
    public void Every_listed_symmetry_holds_on_a_grid(string spec)
    {
        var rho = ActivationCatalog.Parse(spec);
        foreach (var s in rho.Symmetries.Discrete) AssertSymmetry(rho, s);
        if (rho.Symmetries.Step is { } step)
            foreach (int n in new[] { 1, -1, 3 }) AssertSymmetry(rho, step.Power(n));
        var random = RandomKey.FromSeed(7).Stream();
        foreach (var family in rho.Symmetries.Continuous)
            for (int k = 0; k < 20; k++)
            {
                var p = family.Sample(random);
                Assert.Equal(family.Dimension, p.Length);
                AssertSymmetry(rho, family.Element(p));
                // Discrete elements composed with family elements are symmetries too: the group is closed.
                foreach (var d in rho.Symmetries.Discrete) AssertSymmetry(rho, d.Compose(family.Element(p)));
            }
    }

    [Theory]
    [MemberData(nameof(TestNetworks.AllActivationSpecs), MemberType = typeof(TestNetworks))]
    public void No_symmetry_from_the_candidate_list_holds_unless_listed(string spec)
    {
        // Candidates taken from the other activations: a listed group that missed one of them
        // (or listed one that does not hold) would show here.
        var rho = ActivationCatalog.Parse(spec);
        AffineSymmetry[] candidates = [new(-1, 0, -1, 0), new(-1, 0, -1, 1), new(-1, 0, 1, 0), new(-1, 6, -1, 6), new(2, 0, 2, 0)];
        foreach (var c in candidates)
        {
            bool holds = Grid.All(x => Math.Abs(rho.Value(c.A * x + c.B) - (c.C * rho.Value(x) + c.D)) <= 1e-12 * (1 + Math.Abs(rho.Value(x))));
            bool listed = rho.Symmetries.Member(c.A, c.B, 1e-12) is { } m
                && Math.Abs(m.C - c.C) <= 1e-12 * Math.Abs(c.C) && Math.Abs(m.D - c.D) <= 1e-12 * Math.Max(1, Math.Abs(c.D));
            Assert.True(holds == listed, $"{spec}: candidate {c} holds={holds} but listed={listed}");
        }
    }

    [Theory]
    [MemberData(nameof(TestNetworks.AllActivationSpecs), MemberType = typeof(TestNetworks))]
    public void Derivative_matches_central_differences_away_from_kinks(string spec)
    {
        var rho = ActivationCatalog.Parse(spec);
        const double h = 1e-6;
        foreach (double x in Grid)
        {
            if (rho.Pieces is { } pieces && pieces.Breakpoints.Any(t => Math.Abs(x - t) < 1e-3)) continue;
            double fd = (rho.Value(x + h) - rho.Value(x - h)) / (2 * h);
            Assert.True(Math.Abs(fd - rho.Derivative(x)) < 1e-7 * (1 + Math.Abs(fd)), $"{spec}: ρ'({x}) = {rho.Derivative(x)}, differences give {fd}");
        }
        // The span kernels agree with the scalar definitions.
        var values = Grid.ToArray();
        rho.Apply(values);
        var derivatives = new double[Grid.Length];
        rho.Derivative(Grid, derivatives);
        for (int i = 0; i < Grid.Length; i++)
        {
            // Vectorised kernels (TensorPrimitives) may differ from Math by an ulp or two.
            Assert.True(Math.Abs(rho.Value(Grid[i]) - values[i]) <= 1e-15 * (1 + Math.Abs(values[i])), $"{spec} value at {Grid[i]}");
            Assert.True(Math.Abs(rho.Derivative(Grid[i]) - derivatives[i]) <= 1e-15 * (1 + Math.Abs(derivatives[i])), $"{spec} derivative at {Grid[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(TestNetworks.AllActivationSpecs), MemberType = typeof(TestNetworks))]
    public void Piecewise_linear_pieces_describe_the_function(string spec)
    {
        var rho = ActivationCatalog.Parse(spec);
        if (rho.Pieces is not { } pieces) return;
        Assert.Equal(pieces.Breakpoints.Count + 1, pieces.Slopes.Count);
        foreach (double x in Grid)
        {
            if (pieces.Breakpoints.Any(t => Math.Abs(x - t) < 1e-9)) continue;
            Assert.Equal(pieces.Slopes[pieces.PieceOf(x)], rho.Derivative(x));
        }
    }

    [Fact]
    public void Group_law_composes_and_inverts()
    {
        var s = new AffineSymmetry(2, 3, 4, 8); // dyadic: inverses and products are exact
        var t = new AffineSymmetry(-1, 0.5, 4, -2);
        Assert.Equal(new AffineSymmetry(-2, 4, 16, 0), s.Compose(t));
        Assert.True(s.Compose(s.Inverse()).IsIdentity, s.Compose(s.Inverse()).ToString());
        Assert.True(s.Inverse().Compose(s).IsIdentity, s.Inverse().Compose(s).ToString());
        // σ's reflection is an involution; two symmetries of the identity map compose to one.
        var sigma = ActivationCatalog.Parse("sigmoid").Symmetries.Discrete.Single();
        Assert.True(sigma.Compose(sigma).IsIdentity, sigma.Compose(sigma).ToString());
        AssertSymmetry(new IdentityActivation(), new AffineSymmetry(2, 3, 2, 3).Compose(new AffineSymmetry(-1, 0.5, -1, 0.5)));
    }

    [Theory]
    [InlineData("relu", "relu")]
    [InlineData("LeakyRelu(0.2)", "leaky_relu(0.2)")]
    [InlineData("leaky_relu", "leaky_relu(0.01)")]
    [InlineData("elu", "elu(1)")]
    [InlineData(" tanh ", "tanh")]
    public void Specs_parse_and_print_back(string input, string spec)
    {
        var a = ActivationCatalog.Parse(input);
        Assert.Equal(spec, a.Spec);
        Assert.Equal(a, ActivationCatalog.Parse(a.Spec));
    }

    [Theory]
    [InlineData("elu(0)", "relu")]
    [InlineData("elu(-0)", "relu")]
    [InlineData("leaky_relu(0)", "relu")]
    [InlineData("leaky_relu(1)", "identity")]
    [InlineData("LeakyRelu(1.0)", "identity")]
    [InlineData("leaky_relu(-1)", "abs")]
    public void A_parameter_that_makes_an_activation_another_one_reads_as_that_one(string input, string spec)
    {
        var a = ActivationCatalog.Parse(input);
        Assert.Equal(spec, a.Spec);
        Assert.True(ActivationCatalog.IsSpecialCase(input));
        // The activation read computes what the spec says on the grid (elu(0) is α(eˣ − 1)·0 = 0 below 0).
        string name = input[..input.IndexOf('(')].ToLowerInvariant();
        double alpha = double.Parse(input[(input.IndexOf('(') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        foreach (double x in Grid)
        {
            double expected = x > 0 ? x : name == "elu" ? 0 : alpha * x;
            Assert.Equal(expected, a.Value(x), 15);
        }
    }

    [Theory]
    [InlineData("elu")]
    [InlineData("elu(1)")]
    [InlineData("leaky_relu(0.5)")]
    [InlineData("leaky_relu(-2)")]
    [InlineData("relu")]
    [InlineData("relux(0)")]
    public void Other_specs_are_no_special_case(string input) => Assert.False(ActivationCatalog.IsSpecialCase(input));

    [Fact]
    public void Elu_with_zero_scale_is_refused_in_favour_of_relu() =>
        Assert.Contains("relu", Assert.Throws<ArgumentException>(() => new EluActivation(0)).Message);

    [Theory]
    [InlineData("relux")]
    [InlineData("relu(2)")]
    [InlineData("leaky_relu(abc)")]
    [InlineData("leaky_relu(nan)")]
    [InlineData("leaky_relu(0.1")]
    public void Bad_specs_are_rejected_with_a_reason(string input)
    {
        Assert.Null(ActivationCatalog.TryParse(input, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Group_sizes_match_the_known_answers()
    {
        Assert.Equal(1, ActivationCatalog.Parse("relu").Symmetries.ContinuousDimension);
        Assert.Equal(1, ActivationCatalog.Parse("relu").Symmetries.DiscreteOrder);
        Assert.Equal(2, ActivationCatalog.Parse("tanh").Symmetries.DiscreteOrder);
        Assert.Equal(0, ActivationCatalog.Parse("tanh").Symmetries.ContinuousDimension);
        Assert.Equal(new AffineSymmetry(-1, 0, -1, 1), ActivationCatalog.Parse("sigmoid").Symmetries.Discrete.Single());
        Assert.Equal(new AffineSymmetry(-1, 6, -1, 6), ActivationCatalog.Parse("relu6").Symmetries.Discrete.Single());
        Assert.True(ActivationCatalog.Parse("softplus").Symmetries.IsTrivial);
        Assert.True(ActivationCatalog.Parse("gelu").Symmetries.IsTrivial);
        Assert.True(ActivationCatalog.Parse("elu").Symmetries.IsTrivial);
        Assert.Equal(2, ActivationCatalog.Parse("identity").Symmetries.ContinuousDimension);
    }
}

using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Networks.Discovery;

namespace NetSym.Tests.Networks.Discovery;

public class SymmetryDiscoveryTests
{
    private static readonly double Tolerance = DiscoveryOptions.Default.Tolerance;

    // Maps from the other functions' groups, and a few more: for every function, each one is a symmetry
    // (with c, d fitted) exactly when the discovered group contains it — nothing missing, nothing extra.
    private static readonly (double A, double B)[] Probes =
    [
        (-1, 0), (-1, 6), (-1, 4), (-1, Math.PI), (-1, 2 * Math.PI), (1, Math.PI), (1, 2 * Math.PI), (1, 1), (1, -2.5),
        (2, 0), (0.5, 0), (-3, 0), (2, -1), (1.5, 0.5), (-0.5, 1),
    ];

    private static readonly string[] HeldTo =
    [
        "relu", "leaky_relu(0.01)", "leaky_relu(0.1)", "abs", "tanh", "hardtanh", "sigmoid", "relu6", "softplus", "gelu", "silu", "elu", "elu(0.5)",
        "x^3", "sin", "cos", "identity", "exp", "x+sin(x)", "softsign", "hardsigmoid",
    ];

    public static TheoryData<string> HeldToFunctions() => [.. HeldTo];

    [Theory]
    [InlineData("tanh", "(1, 0, 1, 0) (-1, 0, -1, 0)")]
    [InlineData("hardtanh", "(1, 0, 1, 0) (-1, 0, -1, 0)")]
    [InlineData("softsign", "(1, 0, 1, 0) (-1, 0, -1, 0)")]
    [InlineData("sigmoid", "(1, 0, 1, 0) (-1, 0, -1, 1)")]
    [InlineData("hardsigmoid", "(1, 0, 1, 0) (-1, 0, -1, 1)")]
    [InlineData("relu6", "(1, 0, 1, 0) (-1, 6, -1, 6)")]
    [InlineData("softplus", "(1, 0, 1, 0)")]
    [InlineData("gelu", "(1, 0, 1, 0)")]
    [InlineData("silu", "(1, 0, 1, 0)")]
    [InlineData("elu", "(1, 0, 1, 0)")]
    [InlineData("elu(0.5)", "(1, 0, 1, 0)")]
    [InlineData("tanh(x-2)", "(1, 0, 1, 0) (-1, 4, -1, 0)")]
    [InlineData("1e6*tanh(x)+3", "(1, 0, 1, 0) (-1, 0, -1, 6)")]
    public void Finite_groups_are_listed_element_by_element_and_nothing_else(string name, string elements)
    {
        var result = Resolved(name, GroupStructure.Finite);
        Assert.Equal(elements, Listed(result.Group.Elements));
        Assert.Equal(elements.Split(") (").Length, result.Group.Order);
        Assert.Empty(result.Group.Families);
        Assert.Empty(result.Group.Generators);
        Assert.All(result.Group.Elements, e => Assert.True(e.Residual <= Tolerance));
    }

    [Theory]
    [InlineData("relu", 0.0, 1.0, null, "(a, 0, a, 0), a > 0")]
    [InlineData("leaky_relu(0.01)", 0.0, 1.0, null, "(a, 0, a, 0), a > 0")]
    [InlineData("leaky_relu(0.1)", 0.0, 1.0, null, "(a, 0, a, 0), a > 0")]
    [InlineData("abs", 0.0, 1.0, 1.0, "(a, 0, |a|, 0), a ≠ 0")]
    [InlineData("x^3", 0.0, 3.0, -1.0, "(a, 0, a^3, 0), a ≠ 0")]
    [InlineData("relu(x-1)", 1.0, 1.0, null, "(a, 1·(1 - a), a, 0), a > 0")]
    public void Power_scaling_families_are_found_with_centre_exponent_and_components(string name, double centre, double exponent, double? reflection, string description)
    {
        var result = Resolved(name, GroupStructure.Continuous);
        var family = Assert.IsType<PowerScalingFamily>(Assert.Single(result.Group.Families));
        Assert.Equal((centre, exponent, reflection), (family.Centre, family.Exponent, family.ReflectionSign));
        Assert.Equal(1, family.Dimension);
        Assert.Equal(reflection is null ? 1 : 2, family.Components);
        Assert.Equal(description, family.Description);
        Assert.True(family.VerifiedMembers >= 8 && family.Residual <= Tolerance);
        AssertMembersHold(name, family);
    }

    [Fact]
    public void Exp_has_the_bias_shifts_that_scale_the_output_and_identity_every_affine_map()
    {
        var exp = DiscoveredFunctions.Of("exp");
        Assert.Equal(DiscoveryStatus.Resolved, exp.Status);
        var shifts = Assert.IsType<ExponentialFamily>(Assert.Single(exp.Group.Families));
        Assert.Equal((1.0, 0.0), (shifts.Rate, shifts.Asymptote));
        Assert.Equal("(1, b, e^b, 0), b real", shifts.Description);
        AssertMembersHold("exp", shifts);

        var identity = DiscoveredFunctions.Of("identity");
        Assert.Equal(DiscoveryStatus.Resolved, identity.Status);
        var affine = Assert.IsType<AffineFamily>(Assert.Single(identity.Group.Families));
        Assert.Equal((2, 2), (affine.Dimension, affine.Components));
        Assert.Equal("(a, b, a, b), a ≠ 0", affine.Description);
        AssertMembersHold("identity", affine);

        // Another affine ρ has the conjugate family, which a network's group holds as it is.
        var line = DiscoveredFunctions.Of("2x+1");
        var conjugate = Assert.IsType<AffineFamily>(Assert.Single(line.Group.Families));
        Assert.Equal((2.0, 1.0), (conjugate.Slope, conjugate.Intercept));
        AssertMembersHold("2x+1", conjugate);
        var converted = line.Group.ToAffineSymmetryGroup()!;
        Assert.Same(conjugate, Assert.Single(converted.Continuous));
        Assert.Equal((1, 2), (converted.DiscreteOrder, converted.ContinuousDimension));
        Assert.Equal(new AffineSymmetry(-1, 0, -1, 2), converted.Reflection);
    }

    [Theory]
    [InlineData("sin", "(1, π, -1, 0) (-1, 0, -1, 0)")]
    [InlineData("cos", "(1, π, -1, 0) (-1, 0, 1, 0)")]
    [InlineData("x+sin(x)", "(1, 2π, 1, 2π) (-1, 0, -1, 0)")]
    public void Periodic_functions_have_infinite_dihedral_groups_given_by_generators(string name, string generators)
    {
        var result = Resolved(name, GroupStructure.InfiniteDiscrete);
        Assert.Equal(generators, Listed(result.Group.Generators));
        Assert.Null(result.Group.Order);
        var verifier = DiscoveredFunctions.Verifier(name);
        var (t, r) = (result.Group.Generators[0].Element, result.Group.Generators[1].Element);
        // The reflection inverts the period (r∘t∘r⁻¹ = t⁻¹): the infinite dihedral group, every word of which is a symmetry.
        Assert.True(VerifiedSymmetryTests.SameMap(r.Compose(t).Compose(r.Inverse()), t.Inverse()));
        foreach (int n in new[] { -3, 2, 5 })
        {
            var power = AffineSymmetry.Identity;
            for (int i = 0; i < Math.Abs(n); i++) power = power.Compose(n < 0 ? t.Inverse() : t);
            Assert.True(result.Group.Contains(power));
            Assert.True(result.Group.Contains(power.Compose(r)));
            Assert.True(verifier.Residual(power.Compose(r)) <= Tolerance);
        }
        // Half a period is no symmetry of x + sin x, nor a quarter of one of sin: the group knows it.
        var half = new AffineSymmetry(1, t.B / 2, 1, 0);
        Assert.False(result.Group.Contains(half));
        Assert.True(verifier.Fit(half.A, half.B).Residual > 1e-3);
    }

    [Fact]
    public void Sin_contains_the_period_and_the_reflection_x_to_pi_minus_x()
    {
        var group = DiscoveredFunctions.Of("sin").Group;
        Assert.True(group.Contains(new AffineSymmetry(1, 2 * Math.PI, 1, 0)));
        Assert.True(group.Contains(new AffineSymmetry(-1, Math.PI, 1, 0)));
        Assert.True(DiscoveredFunctions.Of("cos").Group.Contains(new AffineSymmetry(1, 2 * Math.PI, 1, 0)));
    }

    [Theory]
    [MemberData(nameof(HeldToFunctions))]
    public void A_probe_map_is_a_symmetry_exactly_when_the_group_contains_it(string name)
    {
        var result = DiscoveredFunctions.Of(name);
        var verifier = DiscoveredFunctions.Verifier(name);
        foreach (var (a, b) in Probes)
        {
            var fit = verifier.Fit(a, b);
            bool holds = fit.Residual <= Tolerance;
            Assert.True(holds == result.Group.Contains(fit.Element, 1e-6),
                $"{name}: ({a}, {b}) fitted to {fit.Element} with residual {fit.Residual}, but the group {(holds ? "lacks" : "contains")} it");
            // A probe is never near the tolerance: the verdict does not hang on the threshold.
            Assert.True(fit.Residual <= Tolerance * 1e-2 || fit.Residual > 1e-3, $"{name}: ({a}, {b}) residual {fit.Residual}");
        }
    }

    [Theory]
    [MemberData(nameof(HeldToFunctions))]
    public void Reported_groups_are_closed_and_account_for_every_symmetry_the_search_verified(string name)
    {
        var result = DiscoveredFunctions.Of(name);
        Assert.True(result.Group.Closure.Closed, $"{name}: {result.Group.Closure}");
        Assert.True(result.Group.Closure.Products >= 1 && result.Group.Closure.Inverses >= 1);
        Assert.True(result.Group.Closure.MaxResidual <= Tolerance);
        Assert.Empty(result.Unexplained);
        Assert.Empty(result.NearMisses);
        Assert.Null(result.Reason);
    }

    [Theory]
    [MemberData(nameof(TestNetworks.AllActivationSpecs), MemberType = typeof(TestNetworks))]
    public void Every_catalog_group_equals_the_discovered_group(string spec)
    {
        var rho = ActivationCatalog.Parse(spec);
        var result = DiscoveredFunctions.Of(spec);
        Assert.Equal(DiscoveryStatus.Resolved, result.Status);
        var comparison = CatalogComparison.Compare(rho.Symmetries, result.Group);
        Assert.True(comparison.Agree, $"{spec}: {comparison.Reason}");
        var converted = result.Group.ToAffineSymmetryGroup()!;
        Assert.Equal(rho.Symmetries.DiscreteOrder, converted.DiscreteOrder);
        Assert.Equal(rho.Symmetries.ContinuousDimension, converted.ContinuousDimension);
    }

    [Fact]
    public void A_catalog_group_that_lists_a_wrong_element_is_caught()
    {
        var discovered = DiscoveredFunctions.Of("tanh").Group;
        var wrong = new AffineSymmetryGroup([new AffineSymmetry(-1, 0, -1, 1)], []);
        Assert.False(CatalogComparison.Compare(wrong, discovered).Agree);
        Assert.False(CatalogComparison.Compare(AffineSymmetryGroup.PositiveScalings, discovered).Agree);
        Assert.False(CatalogComparison.Compare(AffineSymmetryGroup.Trivial, DiscoveredFunctions.Of("x^3").Group).Agree);
        // sin's period becomes the step; a catalog entry without it is caught.
        var sin = DiscoveredFunctions.Of("sin").Group;
        var converted = sin.ToAffineSymmetryGroup()!;
        Assert.True(converted.Step is { } step && VerifiedSymmetry.Same(step, new AffineSymmetry(1, Math.PI, -1, 0), 1e-9), $"step {converted.Step}");
        Assert.Equal(new AffineSymmetry(-1, 0, -1, 0), Assert.Single(converted.Discrete));
        Assert.False(CatalogComparison.Compare(new AffineSymmetryGroup([new AffineSymmetry(-1, 0, -1, 0)], []), sin).Agree);
    }

    [Theory]
    [InlineData("softplus", LinearPairKind.Difference, 1.0, 0.0)]
    [InlineData("gelu", LinearPairKind.Difference, 1.0, 0.0)]
    [InlineData("silu", LinearPairKind.Difference, 1.0, 0.0)]
    [InlineData("relu", LinearPairKind.Difference, 1.0, 0.0)]
    [InlineData("tanh", LinearPairKind.Sum, 0.0, 0.0)]
    [InlineData("sigmoid", LinearPairKind.Sum, 0.0, 1.0)]
    public void Linear_pairs_are_found_with_their_affine_function(string name, LinearPairKind kind, double slope, double intercept)
    {
        var pairs = DiscoveredFunctions.Of(name).LinearPairs;
        var pair = pairs.Single(p => p.Kind == kind);
        Assert.True(pair.Holds);
        Assert.Equal((slope, intercept), (pair.Slope, pair.Intercept));
        Assert.True(pair.Residual <= Tolerance);
        var other = pairs.Single(p => p.Kind != kind);
        Assert.False(other.Holds);
        Assert.True(other.Residual > 1e-3);
        // Checked here by evaluation, apart from the verifier: ρ(x) ∓ ρ(−x) = α·x + β at random points.
        var rho = DiscoveredFunctions.Function(name);
        var random = RandomKey.FromSeed(3).Stream();
        double sign = kind == LinearPairKind.Difference ? -1 : 1;
        for (int i = 0; i < 200; i++)
        {
            double x = (random.NextDouble() - 0.5) * 60;
            Assert.True(Math.Abs(rho(x) + sign * rho(-x) - (slope * x + intercept)) <= 1e-12 * (1 + Math.Abs(x)));
        }
        Assert.Equal(kind == LinearPairKind.Difference ? "ρ(x) - ρ(-x) = x" : $"ρ(x) + ρ(-x) = {intercept}", pair.Equation);
    }

    [Theory]
    [InlineData("softplus")]
    [InlineData("tanh")]
    [InlineData("elu")]
    public void Linear_pairs_alone_are_the_ones_discovery_reports(string name)
    {
        // Same points, same seed: the fits the tanh-type test and the zero-function search use are discovery's own.
        var alone = SymmetryDiscovery.LinearPairs(DiscoveredFunctions.Function(name), DiscoveryOptions.Default);
        Assert.Equal(DiscoveredFunctions.Of(name).LinearPairs, alone);
        Assert.Equal([LinearPairKind.Difference, LinearPairKind.Sum], alone.Select(p => p.Kind));
        // softplus: ρ(x) − ρ(−x) = x collapses neurons; tanh's ρ(x) + ρ(−x) = 0 holds with α = 0 (the symmetry (−1, 0, −1, 0)); ELU has neither.
        Assert.Equal(name == "softplus", alone.Any(p => p.Collapses));
        Assert.Equal(name != "elu", alone.Any(p => p.Holds));
    }

    [Fact]
    public void A_function_that_no_candidate_fits_to_the_tolerance_is_unresolved_with_its_best_residual()
    {
        // tanh plus deterministic noise of size 1e-6 (a hash of the bits of x: not odd, unlike tanh).
        static double Noisy(double x)
        {
            ulong h = unchecked((ulong)BitConverter.DoubleToInt64Bits(x) * 0x9E3779B97F4A7C15UL);
            h ^= h >> 29;
            return Math.Tanh(x) + 1e-6 * ((h >> 11) * (1.0 / (1UL << 53)) - 0.5);
        }
        var result = SymmetryDiscovery.Discover(Noisy, DiscoveryOptions.Default);
        Assert.Equal(DiscoveryStatus.Unresolved, result.Status);
        var best = result.NearMisses[0];
        Assert.True(VerifiedSymmetryTests.SameMap(new AffineSymmetry(-1, 0, -1, 0), best.Element, 1e-4));
        Assert.Equal(best.Residual, result.BestUnresolvedResidual);
        Assert.InRange(best.Residual, Tolerance, DiscoveryOptions.Default.UnresolvedResidual);
        Assert.Contains("residual", result.Reason);
        // Not guessed into the group: only what verified is listed.
        Assert.False(result.Group.Contains(best.Element));
        Assert.Equal(1, result.Group.Order);
    }

    [Fact]
    public void A_coarser_tolerance_accepts_what_the_finer_one_leaves_unresolved()
    {
        static double Noisy(double x) => Math.Tanh(x) + 1e-7 * Math.Cos(1e3 * x);
        var strict = SymmetryDiscovery.Discover(Noisy, DiscoveryOptions.Default);
        var loose = SymmetryDiscovery.Discover(Noisy, DiscoveryOptions.Default with { Tolerance = 1e-6 });
        Assert.Equal(DiscoveryStatus.Unresolved, strict.Status);
        Assert.Equal(DiscoveryStatus.Resolved, loose.Status);
        Assert.Equal(2, loose.Group.Order);
    }

    [Theory]
    [InlineData("log")]
    [InlineData("reciprocal")]
    [InlineData("constant")]
    [InlineData("step")]
    public void Functions_that_are_not_finite_or_are_constant_are_refused(string name)
    {
        Func<double, double> rho = name switch
        {
            "log" => Math.Log,
            "reciprocal" => x => 1 / x,
            "constant" => _ => 3,
            _ => x => x > 100 ? 1 : 0,
        };
        var error = Assert.Throws<ArgumentException>(() => SymmetryDiscovery.Discover(rho, DiscoveryOptions.Default));
        Assert.Contains(name is "constant" or "step" ? "constant" : "not finite", error.Message);
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SymmetryDiscovery.Discover(Math.Tanh, DiscoveryOptions.Default with { Tolerance = -1 }));
        Assert.Throws<ArgumentException>(() => SymmetryDiscovery.Discover(Math.Tanh, DiscoveryOptions.Default with { MaxScale = 1 }));
        Assert.Throws<ArgumentException>(() => SymmetryDiscovery.Discover(Math.Tanh, DiscoveryOptions.Default with { UnresolvedResidual = 1e-12 }));
    }

    [Fact]
    public void Another_seed_finds_the_same_groups()
    {
        foreach (string name in new[] { "sigmoid", "abs", "cos" })
        {
            var other = SymmetryDiscovery.Discover(DiscoveredFunctions.Function(name), DiscoveryOptions.Default with { Seed = 99 });
            var first = DiscoveredFunctions.Of(name);
            Assert.Equal(first.Group.Structure, other.Group.Structure);
            Assert.Equal(Listed(first.Group.Elements), Listed(other.Group.Elements));
            Assert.Equal(Listed(first.Group.Generators), Listed(other.Group.Generators));
            Assert.Equal(first.Group.Families.Select(f => f.Description), other.Group.Families.Select(f => f.Description));
            Assert.Equal(99, other.Method.Options.Seed);
        }
    }

    private static DiscoveryResult Resolved(string name, GroupStructure structure)
    {
        var result = DiscoveredFunctions.Of(name);
        Assert.Equal(DiscoveryStatus.Resolved, result.Status);
        Assert.Equal(structure, result.Group.Structure);
        return result;
    }

    private static string Listed(IEnumerable<VerifiedSymmetry> elements) => string.Join(" ", elements.Select(e => NiceNumber.Format(e.Element)));

    // Every member drawn from the family satisfies ρ(a·x + b) = c·ρ(x) + d at random points, checked by evaluation.
    private static void AssertMembersHold(string name, SymmetryFamily family)
    {
        var rho = DiscoveredFunctions.Function(name);
        var random = RandomKey.FromSeed(17).Stream();
        for (int k = 0; k < 10; k++)
        {
            var p = family.Sample(random);
            Assert.Equal(family.Dimension, p.Length);
            var s = family.Element(p);
            Assert.True(family.Contains(s, 1e-12));
            for (int i = 0; i < 50; i++)
            {
                double x = (random.NextDouble() - 0.5) * 20, lhs = rho(s.A * x + s.B), rhs = s.C * rho(x) + s.D;
                Assert.True(Math.Abs(lhs - rhs) <= 1e-10 * Math.Max(1, Math.Abs(lhs)), $"{name}: {s} at x = {x}: {lhs} vs {rhs}");
            }
        }
    }
}

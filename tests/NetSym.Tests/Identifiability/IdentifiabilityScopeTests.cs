using NetSym.Dimension;
using NetSym.Identifiability;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Identifiability;

/// <summary>
/// Issue 10, item 6: verdicts say whether they come from the papers' setting (fully-connected ReLU,
/// identity output) or NetSym's extension of the argument, and on planted networks inside and outside
/// that setting each verdict is confirmed independently — `identifiable` by the full rank of a
/// finite-difference Jacobian of f_θ(X) in the chart, `not_identifiable` by an explicit curve of
/// parameters, not rescalings of θ, along which the outputs on X do not move.
/// </summary>
public class IdentifiabilityScopeTests
{
    /// <summary>f(x) = w2·ρ(w1·x + b1) + b2 with θ = (w1, b1, w2, b2) = (1, 0, 1, 0) and the given output activation.</summary>
    private static Network OneOneOne(Activation hidden, Activation? output = null) =>
        Network.Sequential(1, [([1.0], [0.0], hidden), ([1.0], [0.0], output ?? new IdentityActivation())]);

    /// <summary>f(x) = v·relu(w·x + b) + u·x + c: the output reads the input too; θ = (w, b, u, v, c) = (1, 0, 1, 1, 0).</summary>
    private static Network Skip() => new(1,
    [
        new Layer(1, 1, [1.0], [0.0], new ReluActivation(), [0]),
        new Layer(2, 1, [1.0, 1.0], [0.0], new IdentityActivation(), [0, 1]),
    ]);

    private static Matrix Column(params double[] xs) => new(xs.Length, 1, xs);

    private static IdentifiabilityResult Check(Network network, Matrix x) =>
        LocalIdentifiability.Check(network, x, LinearAlgebraBackends.Default, new IdentifiabilityOptions { Method = RankMethod.Exact });

    /// <summary>
    /// The rank of ∂f_θ(X)/∂θ over every parameter but <paramref name="fixedParameter"/> (the hidden neuron's one
    /// outgoing weight, which the chart fixes), by central differences on Forward.Evaluate — f is at most
    /// quadratic in θ with the pattern fixed, so the differences are exact up to rounding.
    /// </summary>
    private static int ChartRank(Network network, Matrix x, int fixedParameter)
    {
        const double h = 1e-4;
        var theta = network.GetParameters();
        var free = Enumerable.Range(0, theta.Length).Where(p => p != fixedParameter).ToArray();
        var columns = free.Select(p =>
        {
            double[] Shifted(double by) { var t = (double[])theta.Clone(); t[p] += by; return t; }
            var plus = Forward.Evaluate(network.WithParameters(Shifted(h)), x, LinearAlgebraBackends.Default).Data;
            var minus = Forward.Evaluate(network.WithParameters(Shifted(-h)), x, LinearAlgebraBackends.Default).Data;
            return plus.Zip(minus, (a, b) => (a - b) / (2 * h)).ToArray();
        }).ToArray();
        return MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfColumnArrays(columns).Rank();
    }

    /// <summary>
    /// Along θ(t) = θ + t·<paramref name="direction"/> the outputs on X stay those of θ, while
    /// <paramref name="invariant"/>, which every positive rescaling of hidden neurons keeps, moves: θ(t) is
    /// not a rescaling of θ, arbitrarily close to it.
    /// </summary>
    private static void AssertInvisibleCurve(Network network, Matrix x, double[] direction, Func<double[], double> invariant)
    {
        var theta = network.GetParameters();
        var outputs = Forward.Evaluate(network, x, LinearAlgebraBackends.Default).Data;
        foreach (double t in new[] { 1e-3, 1e-2 })
        {
            var moved = theta.Zip(direction, (a, d) => a + t * d).ToArray();
            var along = Forward.Evaluate(network.WithParameters(moved), x, LinearAlgebraBackends.Default).Data;
            for (int i = 0; i < outputs.Length; i++) Assert.Equal(outputs[i], along[i], 12);
            Assert.NotEqual(invariant(theta), invariant(moved), 9);
        }
    }

    [Fact]
    public void Fully_connected_relu_with_an_identity_output_is_the_theorem_setting_and_nothing_else_is()
    {
        Assert.True(IdentifiabilityScope.Of(TestNetworks.Dense("3-4-3-1", new ReluActivation(), 1)).InTheoremSetting);
        Assert.Equal(["layer 0: leaky_relu(0.25) hidden neurons, not ReLU"], IdentifiabilityScope.Of(OneOneOne(new LeakyReluActivation(0.25))).Departures);
        Assert.Equal(["layer 0: abs hidden neurons, not ReLU"], IdentifiabilityScope.Of(OneOneOne(new AbsActivation())).Departures);
        Assert.Equal(["output layer: relu, not the identity"], IdentifiabilityScope.Of(OneOneOne(new ReluActivation(), new ReluActivation())).Departures);
        Assert.Equal(["layer 1: skip connections (reads nodes 0, 1)"], IdentifiabilityScope.Of(Skip()).Departures);
        var masked = IdentifiabilityScope.Of(TestNetworks.SkipMasked(new ReluActivation(), 2)).Departures;
        Assert.Contains("layer 2: a connectivity mask", masked);
        Assert.Contains(masked, d => d.StartsWith("layer 1: skip connections", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("leaky_relu(0.25)")]
    [InlineData("abs")]
    public void Crossing_the_kink_identifies_and_staying_on_one_side_does_not_inside_and_outside_the_setting(string spec)
    {
        var network = OneOneOne(ActivationCatalog.Parse(spec));
        bool inside = spec == "relu";
        var crossing = Column(-1, 1, 2);
        var identified = Check(network, crossing);
        Assert.Equal(IdentifiabilityVerdict.Identifiable, identified.Verdict);
        Assert.Equal(inside, identified.Scope.InTheoremSetting);
        Assert.Equal(3, ChartRank(network, crossing, fixedParameter: 2)); // w2, the hidden neuron's outgoing weight

        // On one side the neuron is affine, w2·s·(w1·x + b1) + b2: moving b1 by t and b2 by −w2·s·t changes
        // nothing there, and b1/w1 (kept by every rescaling) moves.
        var oneSide = Column(1, 2, 3);
        var notIdentified = Check(network, oneSide);
        Assert.Equal(IdentifiabilityVerdict.NotIdentifiable, notIdentified.Verdict);
        Assert.Equal(inside, notIdentified.Scope.InTheoremSetting);
        Assert.Equal(2, ChartRank(network, oneSide, fixedParameter: 2));
        AssertInvisibleCurve(network, oneSide, [0, 1, 0, -1], t => t[1] / t[0]);
    }

    [Fact]
    public void An_identity_hidden_layer_is_never_identifiable_and_the_curve_shows_it()
    {
        // ρ = id: f = w2·(w1·x + b1) + b2 is affine in x on every X, so the same curve works everywhere.
        var network = OneOneOne(new IdentityActivation());
        var x = Column(-1, 1, 2);
        var result = Check(network, x);
        Assert.Equal(IdentifiabilityVerdict.NotIdentifiable, result.Verdict);
        Assert.False(result.Scope.InTheoremSetting);
        Assert.Equal(2, ChartRank(network, x, fixedParameter: 2));
        AssertInvisibleCurve(network, x, [0, 1, 0, -1], t => t[1] / t[0]);
    }

    [Fact]
    public void A_skip_connection_is_identified_where_both_sides_are_seen_and_not_where_one_is()
    {
        // θ = (w, b, u, v, c). For x < 0 only u·x + c is seen, for x > 0 (v·w + u)·x + v·b + c: two points on
        // each side fix u, c, v·w, v·b — θ modulo the rescaling (w, b, v) → (λw, λb, v/λ).
        var network = Skip();
        var both = Column(-2, -1, 1, 2);
        var identified = Check(network, both);
        Assert.Equal(IdentifiabilityVerdict.Identifiable, identified.Verdict);
        Assert.False(identified.Scope.InTheoremSetting);
        Assert.Equal(4, ChartRank(network, both, fixedParameter: 3)); // v, the hidden neuron's only outgoing weight

        // On x > 0 alone, trading u against v·w is invisible: (w, u) → (w − t/v, u + t); u, untouched by
        // rescalings, moves.
        var positive = Column(1, 2, 3);
        var notIdentified = Check(network, positive);
        Assert.Equal(IdentifiabilityVerdict.NotIdentifiable, notIdentified.Verdict);
        AssertInvisibleCurve(network, positive, [-1, 0, 1, 0, 0], t => t[2]);
    }
}

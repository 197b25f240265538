using NetSym.Networks;
using NetSym.Reduction;

namespace NetSym.Tests.Reduction;

/// <summary>Twin matching through the group's parts: the nearest element is tested exactly, or to the slack.</summary>
public class ReductionTwinsTests
{
    private static ReductionTwins.Candidate Neuron(double bias, params double[] w) => new(w, bias);

    [Fact]
    public void Exact_twins_match_with_their_element_and_a_near_twin_does_not()
    {
        var tanh = new TanhActivation().Symmetries;
        Assert.Equal(new AffineSymmetry(-1, 0, -1, 0), ReductionTwins.Match(tanh, Neuron(0.5, 2, -3), Neuron(-0.5, -2, 3), 0));
        Assert.Null(ReductionTwins.Match(tanh, Neuron(0.5, 2, -3), Neuron(-0.5 + 1e-15, -2, 3), 0));
        var relu = new ReluActivation().Symmetries;
        Assert.Equal(new AffineSymmetry(4, 0, 4, 0), ReductionTwins.Match(relu, Neuron(0.5, 2, -3), Neuron(2, 8, -12), 0));
        Assert.Null(ReductionTwins.Match(relu, Neuron(0.5, 2, -3), Neuron(-2, -8, 12), 0)); // a < 0 is no ReLU symmetry
        var relu6 = new Relu6Activation().Symmetries;
        Assert.Equal(new AffineSymmetry(-1, 6, -1, 6), ReductionTwins.Match(relu6, Neuron(0.5, 2, -3), Neuron(5.5, -2, 3), 0));
    }

    [Fact]
    public void With_a_tolerance_the_nearest_element_is_tested_to_the_slack_however_far_its_shift_is_from_the_map()
    {
        // Weights of 100 make the slack 0.01·100 = 1 in the bias: b = 0.6 off a positive scaling still fits, 1.5 does not.
        var relu = new ReluActivation().Symmetries;
        Assert.NotNull(ReductionTwins.Match(relu, Neuron(0, 100, 1), Neuron(0.6, 100, 1), 0.01));
        Assert.Null(ReductionTwins.Match(relu, Neuron(0, 100, 1), Neuron(1.5, 100, 1), 0.01));
        // tanh's flip found for a = −1.005 at tolerance 0.01, not at 0.001.
        var tanh = new TanhActivation().Symmetries;
        Assert.Equal(new AffineSymmetry(-1, 0, -1, 0), ReductionTwins.Match(tanh, Neuron(0, 1, 0.5), Neuron(0, -1.005, -0.5025), 0.01));
        Assert.Null(ReductionTwins.Match(tanh, Neuron(0, 1, 0.5), Neuron(0, -1.005, -0.5025), 0.001));
        // sin: a shift by 3π with the flip is found through the step, to rounding.
        var sin = new SinActivation().Symmetries;
        var s = ReductionTwins.Match(sin, Neuron(0.3, 1, 2), Neuron(-0.3 + 3 * Math.PI, -1, -2), 1e-12);
        Assert.True(s is { } m && m.A == -1 && Math.Abs(m.B - 3 * Math.PI) < 1e-12 && m.C == 1, $"got {s}");
        Assert.Null(ReductionTwins.Match(sin, Neuron(0.3, 1, 2), Neuron(-0.3 + 3, -1, -2), 1e-12));
    }
}

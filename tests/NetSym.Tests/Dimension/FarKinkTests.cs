using NetSym.Dimension;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Dimension;

/// <summary>
/// Issue 10's test of where the batch looks: a 1-1-1 ReLU net whose only kink is at x = 1000. A Gaussian
/// batch never leaves the dead side, so it sees only the output bias; the kinks strategy walks the
/// breakpoint exactly and lands on both sides of it.
/// </summary>
public class FarKinkTests
{
    private static Network KinkAtAThousand() => Network.Sequential(1, [
        ([1.0], [-1000.0], new ReluActivation()),
        ([2.0], [0.5], new IdentityActivation())]);

    [Fact]
    public void A_kink_only_at_a_thousand_reaches_full_dimension_under_kinks_and_not_under_a_gaussian_batch()
    {
        var net = KinkAtAThousand();
        var options = new FunctionalDimensionOptions { Method = RankMethod.Exact, Seed = 3 };
        var gaussian = FunctionalDimension.Compute(net, InputSampler.Gaussian(1).Draw(64, 3), LinearAlgebraBackends.Default, options);
        var kinks = FunctionalDimension.Compute(net, InputSampler.Kinks(net).Draw(64, 3), LinearAlgebraBackends.Default, options);

        Assert.Equal(3, kinks.Bound);
        Assert.Equal(kinks.Bound, kinks.Rank);
        // On N(0, 1) the neuron is dead everywhere: only the output bias moves the function.
        Assert.Equal(1, gaussian.Rank);
    }

    [Fact]
    public void Kink_inputs_lie_on_both_sides_of_the_far_breakpoint()
    {
        var x = InputSampler.Kinks(KinkAtAThousand()).Draw(64, 3);
        var xs = Enumerable.Range(0, x.Rows).Select(i => x[i, 0]).ToList();
        Assert.Contains(xs, v => v > 1000);
        Assert.Contains(xs, v => v < 1000 && v > 0);
        Assert.DoesNotContain(xs, v => v == 1000);
    }
}

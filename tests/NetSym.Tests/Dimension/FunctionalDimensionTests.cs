using NetSym.Dimension;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Dimension;

public class FunctionalDimensionTests
{
    private static Network OneOneOne() => Network.Sequential(1, [([1.0], [0.0], new ReluActivation()), ([1.0], [0.0], new IdentityActivation())]);

    [Theory]
    [InlineData(new[] { 1.0 }, 1)]
    [InlineData(new[] { 1.0, 2.0, 3.0 }, 2)]
    [InlineData(new[] { -1.0, 1.0, 2.0 }, 3)]
    public void The_worked_example_has_the_known_ranks(double[] xs, int rank)
    {
        // oracles.md: 1-1-1 with (w1, b1, w2, b2) = (1, 0, 1, 0), bound 3.
        var x = new Matrix(xs.Length, 1, xs);
        foreach (var method in new[] { RankMethod.Exact, RankMethod.Float })
        {
            var result = FunctionalDimension.Compute(OneOneOne(), x, new FunctionalDimensionOptions { Method = method });
            Assert.Equal(3, result.Bound);
            Assert.Equal(rank, result.Rank);
            Assert.Equal(method, result.Method);
            Assert.Equal(rank == 3 && method == RankMethod.Exact, result.Certified);
        }
    }

    [Theory]
    [InlineData("relu", "3-4-3-1")]
    [InlineData("leaky_relu(0.25)", "2-3-3-2")]
    [InlineData("abs", "3-5-2")]
    [InlineData("relu", "2-2-2-1")]
    public void Exact_and_float_ranks_agree_and_never_exceed_the_bound(string spec, string arch)
    {
        for (int seed = 0; seed < 4; seed++)
        {
            var net = TestNetworks.Dense(arch, ActivationCatalog.Parse(spec), seed);
            var x = TestNetworks.GaussianInputs(40, net.InputSize, seed + 100);
            var exact = FunctionalDimension.Compute(net, x, new FunctionalDimensionOptions { Method = RankMethod.Exact, Seed = seed });
            var numeric = FunctionalDimension.Compute(net, x, new FunctionalDimensionOptions { Method = RankMethod.Float });
            Assert.Equal(numeric.Rank, exact.Rank);
            Assert.InRange(exact.Rank, 0, exact.Bound);
            Assert.Equal(net.ParameterCount - net.HiddenNeuronCount, exact.Bound);
        }
    }

    [Fact]
    public void Exact_on_a_smooth_network_is_refused_with_a_pointer_to_float()
    {
        var net = TestNetworks.Dense("2-3-1", new TanhActivation(), 1);
        var e = Assert.Throws<ArgumentException>(() => FunctionalDimension.Compute(net, TestNetworks.GaussianInputs(5, 2, 1), new FunctionalDimensionOptions { Method = RankMethod.Exact }));
        Assert.Contains("--float", e.Message);
        var f = FunctionalDimension.Compute(net, TestNetworks.GaussianInputs(30, 2, 1));
        Assert.Equal(RankMethod.Float, f.Method);
        Assert.Equal(net.ParameterCount, f.Bound); // tanh has no continuous symmetry
        Assert.True(f.Tolerance > 0);
    }
}

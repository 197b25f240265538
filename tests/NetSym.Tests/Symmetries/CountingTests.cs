using System.Numerics;
using NetSym.Networks;
using NetSym.Symmetries;

namespace NetSym.Tests.Symmetries;

public class CountingTests
{
    [Fact]
    public void Dense_counts_match_the_known_answers()
    {
        var relu = SymmetryGroup.Of(TestNetworks.Dense("10-10-10-1", new ReluActivation(), 1));
        Assert.Equal(BigInteger.Parse("13168189440000"), relu.DiscreteOrder.Value);
        Assert.Equal("10!·10!", relu.DiscreteOrder.ToString());
        Assert.Equal(20, relu.ContinuousDimension);

        var tanh = SymmetryGroup.Of(TestNetworks.Dense("10-10-10-1", new TanhActivation(), 1));
        Assert.Equal(BigInteger.Parse("13807847410237440000"), tanh.DiscreteOrder.Value);
        Assert.Equal("10!·10!·2^20", tanh.DiscreteOrder.ToString());
        Assert.Equal(0, tanh.ContinuousDimension);
        Assert.Equal(Math.Log10(13807847410237440000.0), tanh.DiscreteOrder.Log10, 9);

        foreach (var spec in new[] { "softplus", "gelu", "elu" })
        {
            var g = SymmetryGroup.Of(TestNetworks.Dense("4-8-6-2", ActivationCatalog.Parse(spec), 1));
            Assert.Equal("8!·6!", g.DiscreteOrder.ToString());
            Assert.Equal(0, g.ContinuousDimension);
        }
        foreach (var spec in new[] { "sigmoid", "hardtanh", "relu6" })
            Assert.Equal("8!·6!·2^14", SymmetryGroup.Of(TestNetworks.Dense("4-8-6-2", ActivationCatalog.Parse(spec), 1)).DiscreteOrder.ToString());
    }
}

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

    [Fact]
    public void Architecture_strings_count_like_the_networks_they_describe()
    {
        foreach (var spec in new[] { "relu", "tanh", "sigmoid", "softplus", "abs" })
        {
            var act = ActivationCatalog.Parse(spec);
            var fromString = SymmetryCount.Of(LayeredArchitecture.Parse("5-7-6-4-2"), act);
            var fromNetwork = SymmetryCount.Of(TestNetworks.Dense("5-7-6-4-2", act, 3));
            Assert.Equal(fromNetwork.Order.Value, fromString.Order.Value);
            Assert.Equal(fromNetwork.ContinuousDimension, fromString.ContinuousDimension);
        }
    }

    [Fact]
    public void Convolutions_count_filter_permutations()
    {
        // Michelucci (2022): ∏ filters! over the hidden convolutional layers.
        var arch = LayeredArchitecture.Parse("conv(3,32,k3)-conv(32,64,k3)-dense(1600,10)");
        var relu = SymmetryCount.Of(arch, new ReluActivation());
        Assert.Equal("64!·32!", relu.Order.ToString());
        Assert.Equal(Factorial(32) * Factorial(64), relu.Order.Value);
        Assert.Equal(96, relu.ContinuousDimension);
        var tanh = SymmetryCount.Of(arch, new TanhActivation());
        Assert.Equal(Factorial(32) * Factorial(64) * BigInteger.Pow(2, 96), tanh.Order.Value);
        Assert.Equal("64!·32!·2^96", tanh.Order.ToString());
        var mixed = SymmetryCount.Of(LayeredArchitecture.Parse("conv(1,8,k5)-dense(128,16)-dense(16,3)"), new ReluActivation());
        Assert.Equal("16!·8!", mixed.Order.ToString());
    }

    [Theory]
    [InlineData("conv(3,32)-dense(10")]
    [InlineData("conv(3,32,k3)-conv(16,64,k3)-dense(10,2)")]
    [InlineData("dense(4,5,k3)-dense(5,1)")]
    [InlineData("pool(2)-dense(4,1)")]
    [InlineData("conv(0,4,k3)-dense(4,1)")]
    public void Bad_architecture_strings_are_rejected(string text)
    {
        Assert.Null(LayeredArchitecture.TryParse(text, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    private static BigInteger Factorial(int n) => Enumerable.Range(2, n - 1).Aggregate(BigInteger.One, (a, k) => a * k);
}

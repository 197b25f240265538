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

    [Fact]
    public void Huge_orders_are_described_in_milliseconds_without_forming_the_integer()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var order = SymmetryCount.Of(LayeredArchitecture.Parse("1000000-1000000-1"), new ReluActivation()).Order;
        double log10 = order.Log10;
        string scientific = order.Scientific;
        long digits = order.DigitCount;
        Assert.True(clock.ElapsedMilliseconds < 500, $"took {clock.ElapsedMilliseconds} ms");
        // Reference: the term-by-term sum log10 2 + … + log10 10^6 (compensated), independent of Stirling's series.
        double sum = 0, carry = 0;
        for (int k = 2; k <= 1_000_000; k++)
        {
            double y = Math.Log10(k) - carry, t = sum + y;
            carry = (t - sum) - y;
            sum = t;
        }
        Assert.Equal(sum, log10, 1e-6);
        Assert.Equal(5565709, digits);
        // 10^6! = 8.26393168833124006237…e5565708 (known digits).
        Assert.Equal("8.263932e+5565708", scientific); // rounded to the 7 digits log10 guarantees
        Assert.EndsWith("e+5565708", scientific);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(3000)]
    public void Product_tree_factorials_equal_the_naive_product(int n)
    {
        var order = new GroupOrder([n, 7], new Dictionary<int, int> { [2] = 5 });
        BigInteger naive = (n < 2 ? BigInteger.One : Factorial(n)) * Factorial(7) * 32;
        Assert.Equal(naive, order.Value);
        Assert.Equal(naive.ToString(), order.ToDecimalString());
        Assert.Equal(naive.ToString().Length, order.DigitCount);
        // Scientific: the leading digits agree with the exact ones up to one unit in the last place.
        string scientific = order.Scientific;
        int e = scientific.IndexOf('e');
        string mantissa = scientific[..e].Replace(".", "");
        Assert.Equal(naive.ToString().Length - 1, int.Parse(scientific[(e + 2)..]));
        var exactPrefix = BigInteger.Parse(naive.ToString().PadRight(mantissa.Length + 1, '0')[..(mantissa.Length + 1)]);
        Assert.True(BigInteger.Abs(BigInteger.Parse(mantissa) * 10 - exactPrefix) <= 10, $"{scientific} vs {naive.ToString()[..Math.Min(20, naive.ToString().Length)]}");
    }

    [Fact]
    public void Decimal_text_pads_inner_blocks_with_zeros()
    {
        foreach (var value in new[] { BigInteger.Zero, BigInteger.Pow(10, 3000), BigInteger.Pow(10, 2500) + 7, BigInteger.Pow(10, 4001) - 1 })
            Assert.Equal(value.ToString(), DecimalText.Of(value));
    }

    private static BigInteger Factorial(int n) => Enumerable.Range(2, n - 1).Aggregate(BigInteger.One, (a, k) => a * k);
}

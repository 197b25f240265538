using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;

namespace NetSym.Tests.Symmetries;

public class OrbitSamplerTests
{
    [Theory]
    [InlineData("relu")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("abs")]
    public void Every_orbit_member_is_verified_and_distinct(string spec)
    {
        var net = TestNetworks.Dense("5-9-7-3", ActivationCatalog.Parse(spec), 8);
        var members = OrbitSampler.Sample(net, 6, RandomKey.FromSeed(1), LinearAlgebraBackends.Default);
        Assert.Equal(6, members.Count);
        Assert.All(members, m => Assert.True(m.Verified, $"difference {m.MaxOutputDifference}"));
        Assert.All(members, m => Assert.NotEqual(net.GetParameters(), m.Network.GetParameters()));
        // Each member is exactly the element applied to the original.
        Assert.All(members, m => Assert.Equal(m.Element!.Apply(net).GetParameters(), m.Network.GetParameters()));
    }

    [Fact]
    public void A_zero_tolerance_check_can_fail()
    {
        // Scaling by non-dyadic factors rounds: with tolerance 0 at least one member fails the check,
        // which shows the check compares real outputs.
        var net = TestNetworks.Dense("5-9-7-3", new ReluActivation(), 8);
        var members = OrbitSampler.Sample(net, 5, RandomKey.FromSeed(2), LinearAlgebraBackends.Default, relativeTolerance: 0);
        Assert.Contains(members, m => !m.Verified);
        Assert.Throws<ArgumentException>(() => OrbitSampler.Sample(net, 1, RandomKey.FromSeed(1), LinearAlgebraBackends.Default, relativeTolerance: double.NaN));
    }
}

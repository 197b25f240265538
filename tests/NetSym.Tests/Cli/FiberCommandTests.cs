using NetSym.Canonical;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Tests.Canonical;

namespace NetSym.Tests.Cli;

public sealed class FiberCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void A_tanh_network_with_a_dead_unit_reduces_to_a_complete_fiber_and_writes_its_representative()
    {
        var network = TestNetworks.Dense("3-4-3-1", new TanhActivation(), 4);
        var larger = DegenerateAddition.Apply(network, DegenerateAdditionKind.DeadUnit, 1, RandomKey.FromSeed(1).Stream());
        string output = _cli.PathOf("canonical.json");
        var json = CliHarness.Run("fiber", _cli.WriteModel(larger), "-o", output, "--json").Json();
        Assert.True(json.GetProperty("complete").GetBoolean());
        Assert.Equal("3-4-3-1", json.GetProperty("architecture_after").GetString());
        Assert.Equal("18432", json.GetProperty("orbit_size").GetString()); // 4!·2⁴ · 3!·2³
        Assert.All(json.GetProperty("conditions").EnumerateArray(), c => Assert.True(c.GetProperty("holds").GetBoolean()));
        Assert.Equal(Enum.GetValues<DegenerateAdditionKind>().Length, json.GetProperty("additions").GetArrayLength());
        // The file holds the canonical form of the reduced network: the same function as the given one.
        var written = ModelFiles.Read(output, null);
        CanonicalTestCases.AssertSameParameters(Fiber.Describe(network).Canonical.Network, written, 1e-12);
        var x = TestNetworks.GaussianInputs(16, 3, 2);
        var y = Forward.Evaluate(larger, x, LinearAlgebraBackends.Default);
        var z = Forward.Evaluate(written, x, LinearAlgebraBackends.Default);
        for (int i = 0; i < 16; i++) Assert.Equal(y[i, 0], z[i, 0], 12);
    }

    [Fact]
    public void A_relu_network_gets_the_orbit_and_the_reason_it_may_not_be_all()
    {
        var result = CliHarness.Run("fiber", _cli.WriteModel(TestNetworks.Dense("2-3-1", new ReluActivation(), 2)), "--json");
        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        Assert.False(json.GetProperty("complete").GetBoolean());
        Assert.Equal("not determined", json.GetProperty("orbit_size").GetString());
        var tanhType = json.GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "tanh_type");
        Assert.False(tanhType.GetProperty("holds").GetBoolean());
    }

    [Fact]
    public void Analyze_has_the_fiber_section_and_equiv_says_when_its_decision_is_complete()
    {
        var a = TestNetworks.Dense("2-3-1", new TanhActivation(), 8);
        string path = _cli.WriteModel(a);
        var analyze = CliHarness.Run("analyze", path, "--json").Json();
        Assert.True(analyze.GetProperty("fiber").GetProperty("complete").GetBoolean());
        var theta = a.GetParameters();
        theta[0] += 1e-6;
        var equiv = CliHarness.Run("equiv", path, _cli.WriteModel(a.WithParameters(theta), "b.json"), "--json");
        Assert.Equal(1, equiv.ExitCode);
        var json = equiv.Json();
        Assert.Equal("different", json.GetProperty("verdict").GetString());
        Assert.True(json.GetProperty("complete_decision").GetBoolean());
    }
}

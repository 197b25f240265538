using System.Numerics;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Symmetries;

namespace NetSym.Tests.Cli;

public sealed class SymmetryCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Count_gives_the_exact_order_of_an_architecture()
    {
        var json = CliHarness.Run("count", "10-10-10-1", "--activation", "tanh", "--json").Json();
        Assert.Equal("13807847410237440000", json.GetProperty("order").GetString());
        Assert.Equal("10!·10!·2^20", json.GetProperty("factorization").GetString());
        Assert.Equal(0, json.GetProperty("continuous_dimension").GetInt32());
        Assert.Equal(Math.Log10(13807847410237440000.0), json.GetProperty("log10_order").GetDouble(), 9);
        Assert.Equal("10-10-10-1", json.GetProperty("architecture").GetString());

        var conv = CliHarness.Run("count", "conv(3,32,k3)-conv(32,64,k3)-dense(1600,10)", "--json").Json();
        BigInteger expected = Enumerable.Range(2, 31).Aggregate(BigInteger.One, (a, k) => a * k) * Enumerable.Range(2, 63).Aggregate(BigInteger.One, (a, k) => a * k);
        Assert.Equal(expected.ToString(), conv.GetProperty("order").GetString());
        Assert.Equal(96, conv.GetProperty("continuous_dimension").GetInt32());
    }

    [Fact]
    public void Count_of_a_model_matches_its_group()
    {
        var net = CliHarness.SampleNetwork();
        var json = CliHarness.Run("count", _cli.WriteModel(net), "--json").Json();
        Assert.Equal("6!·4!", json.GetProperty("factorization").GetString());
        Assert.Equal(10, json.GetProperty("continuous_dimension").GetInt32());
    }

    [Fact]
    public void Orbit_members_are_written_and_compute_the_same_function()
    {
        var net = CliHarness.SampleNetwork();
        string dir = _cli.PathOf("orbit");
        var result = CliHarness.Run("orbit", _cli.WriteModel(net), "--count", "4", "-o", dir, "--seed", "3", "--json");
        Assert.Equal(0, result.ExitCode);
        var files = Directory.GetFiles(dir).Order().ToArray();
        Assert.Equal(4, files.Length);
        var x = RandomNetworks.GaussianInputs(20, 3, new Random(9));
        var reference = Forward.Evaluate(net, x);
        foreach (var file in files)
        {
            var member = ModelFiles.Read(file);
            Assert.NotEqual(net.GetParameters(), member.GetParameters());
            var y = Forward.Evaluate(member, x);
            for (int i = 0; i < y.Data.Length; i++) Assert.True(Math.Abs(y.Data[i] - reference.Data[i]) < 1e-12);
        }
        Assert.All(result.Json().GetProperty("members").EnumerateArray(), m => Assert.True(m.GetProperty("verified").GetBoolean()));
    }

    [Fact]
    public void Align_recovers_a_planted_symmetry_exactly()
    {
        var net = CliHarness.SampleNetwork();
        var moved = SymmetryGroup.Of(net).RandomElement(new Random(4)).Apply(net);
        string aligned = _cli.PathOf("aligned.json");
        var result = CliHarness.Run("align", _cli.WriteModel(net, "a.json"), _cli.WriteModel(moved, "b.json"), "-o", aligned, "--json");
        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        Assert.True(json.GetProperty("exact").GetBoolean());
        Assert.True(json.GetProperty("distance_after").GetDouble() < 1e-12);
        Assert.True(json.GetProperty("distance_before").GetDouble() > 0.1);
        var back = ModelFiles.Read(aligned).GetParameters();
        var original = net.GetParameters();
        for (int i = 0; i < original.Length; i++) Assert.True(Math.Abs(back[i] - original[i]) < 1e-12);
    }

    [Fact]
    public void Bad_input_to_the_symmetry_commands_is_one_line_and_exit_2()
    {
        Assert.Contains("conv(3,32", CliHarness.Run("count", "conv(3,32)-dense(4").AssertOneErrorLine());
        Assert.Contains("missing.json", CliHarness.Run("count", "missing.json").AssertOneErrorLine());
        string a = _cli.WriteModel(CliHarness.SampleNetwork(), "a.json");
        string other = _cli.WriteModel(RandomNetworks.Create(Architecture.Parse("4-6-4-2"), new ReluActivation(), Initialization.PyTorch, new Random(1)), "c.json");
        CliHarness.Run("align", a, other).AssertOneErrorLine();
        CliHarness.Run("align", a, a, "--tol", "-1").AssertOneErrorLine();
        CliHarness.Run("align", a, a, "--tol", "NaN").AssertOneErrorLine();
        CliHarness.Run("orbit", a, "--count", "-2").AssertOneErrorLine();
        Assert.Empty(_cli.Files().Where(f => f.StartsWith('.')));
    }
}

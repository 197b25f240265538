using System.Text.Json;
using NetSym.Canonical;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Reduction;
using NetSym.Symmetries;
using NetSym.Tests.Canonical;
using NetSym.Tests.IO;

namespace NetSym.Tests.Cli;

/// <summary>
/// <c>canon MODEL</c> and <c>equiv A B</c> on convolutional and residual networks (the ONNX fixtures of
/// Fixtures/onnx/cnn and random copies of them): fingerprints that agree with the library and across an orbit, the
/// canonical network written to a file, an equivalence with its channel map, a near miss with a witness; both reduce
/// first, so a planted dead or twin channel changes neither the fingerprint nor the verdict.
/// </summary>
public sealed class ChannelCanonCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Cnn(string name) => Fixtures.Onnx(Path.Combine("cnn", name));

    private static Network Copy(Network network, int seed)
    {
        var spec = PermutationSpec.Derive(network);
        return spec.Apply(network, spec.RandomElement(RandomKey.FromSeed(seed).Stream()));
    }

    [Theory]
    [InlineData("resnet_relu_3x16x16_opset13.onnx")]
    [InlineData("cnn1d_tanh_2x32_opset17.onnx")]
    [InlineData("grouped_relu_4x13x13_opset17.onnx")]
    public void Canon_gives_one_fingerprint_per_orbit_and_writes_the_canonical_network(string name)
    {
        string path = Cnn(name);
        var network = OnnxModelReader.Read(path);
        string output = _cli.PathOf("canonical.json");
        var json = CliHarness.Run("canon", path, "-o", output, "--json").Json();
        var reduced = Reducer.Reduce(network).Network;
        Assert.Equal(Fingerprint.Of(Canonicalizer.Canonicalize(reduced)).Hex, json.GetProperty("fingerprint").GetString());
        Assert.Equal(network.Architecture, json.GetProperty("architecture_before").GetString());
        Assert.Equal(reduced.Architecture, json.GetProperty("architecture_after").GetString());
        var spec = PermutationSpec.Derive(reduced);
        Assert.Equal(spec.Classes.Count, json.GetProperty("classes").GetInt32());
        Assert.Equal(spec.Classes.Select(c => c.Channels), json.GetProperty("channel_classes").EnumerateArray().Select(r => r.GetProperty("channels").GetInt32()));
        Assert.StartsWith("reduced channel by channel", json.GetProperty("method").GetString());

        // The file holds the canonical form of the reduced network: the same function, and its own canonical form.
        var written = ModelFiles.Read(output, null);
        CanonicalTestCases.AssertSameParameters(Canonicalizer.Canonicalize(reduced).Network, written, 1e-15);
        CanonicalTestCases.AssertSameFunction(network, written, TestNetworks.GaussianInputs(4, network.InputSize, 1), 1e-10);

        var copy = CliHarness.Run("canon", _cli.WriteModel(Copy(network, 9), "copy.json"), "--json").Json();
        Assert.Equal(json.GetProperty("fingerprint").GetString(), copy.GetProperty("fingerprint").GetString());
        Assert.True(copy.GetProperty("moved_channels").GetInt32() > 0);
    }

    [Fact]
    public void Canon_prints_a_table_of_channel_classes()
    {
        var result = CliHarness.Run("canon", Cnn("vgg_relu_3x16x16_opset11.onnx"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Channel classes", result.Stdout);
        Assert.Contains("min |λ|", result.Stdout);
        Assert.Contains("Reduced architecture", result.Stdout);
    }

    [Fact]
    public void Equiv_of_a_permuted_copy_is_equivalent_with_a_channel_map_that_takes_it_back()
    {
        string path = Cnn("resnet_relu_3x16x16_opset13.onnx");
        var a = OnnxModelReader.Read(path);
        var b = Copy(a, 4);
        var result = CliHarness.Run("equiv", path, _cli.WriteModel(b, "b.json"), "--json");
        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        Assert.Equal("equivalent", json.GetProperty("verdict").GetString());
        Assert.Equal(a.Architecture, json.GetProperty("reduced_a").GetString());
        Assert.StartsWith("both reduced (channel by channel", json.GetProperty("method").GetString());
        // Rebuild the map from its rows and apply it to B: A again (neither has a channel to reduce).
        var spec = PermutationSpec.Derive(a);
        CanonicalTestCases.AssertSameParameters(a, spec.Apply(b, MapOf(json, spec)), 1e-12);
    }

    /// <summary>The channel map of equiv's JSON, rebuilt from its rows.</summary>
    private static ChannelTransform MapOf(JsonElement json, PermutationSpec spec)
    {
        var perms = spec.Classes.Select(c => new int[c.Channels]).ToArray();
        var factors = spec.Classes.Select(c => new double[c.Channels]).ToArray();
        foreach (var row in json.GetProperty("map").EnumerateArray())
        {
            int i = row.GetProperty("class").GetInt32(), channel = row.GetProperty("channel").GetInt32();
            perms[i][row.GetProperty("position").GetInt32()] = channel;
            factors[i][channel] = row.GetProperty("factor").GetDouble();
        }
        return new ChannelTransform(perms, factors);
    }

    private JsonElement Canon(Network network) => CliHarness.Run("canon", _cli.WriteModel(network, "canon.json"), "--json").Json();

    [Fact]
    public void Canon_gives_one_fingerprint_with_or_without_a_planted_dead_or_twin_channel()
    {
        int seed = 0;
        foreach (var plant in ChannelEquivalenceTests.Plants())
        {
            var smaller = Reducer.Reduce(plant.Plain).Network;
            var plain = Canon(ChannelEquivalenceTests.RandomCopy(plant.Plain, seed));
            var planted = Canon(ChannelEquivalenceTests.DyadicCopy(plant.Planted, seed++));
            var direct = Canon(smaller);
            Assert.Equal(Fingerprint.Of(Canonicalizer.Canonicalize(smaller)).Hex, direct.GetProperty("fingerprint").GetString());
            Assert.Equal(direct.GetProperty("fingerprint").GetString(), plain.GetProperty("fingerprint").GetString());
            Assert.Equal(direct.GetProperty("fingerprint").GetString(), planted.GetProperty("fingerprint").GetString());
            Assert.Equal([0, 1, 1], new[] { direct, plain, planted }.Select(j => j.GetProperty("removed_neurons").GetInt32()));
            Assert.All(new[] { plain, planted }, j => Assert.Equal(smaller.Architecture, j.GetProperty("architecture_after").GetString()));
        }
    }

    [Fact]
    public void Equiv_of_a_planted_twin_gives_the_channel_map_between_the_reduced_networks()
    {
        var plant = ChannelEquivalenceTests.Plants().Last(p => p.Rule == ReductionRule.Twin);
        var b = ChannelEquivalenceTests.DyadicCopy(plant.Planted, 2);
        var result = CliHarness.Run("equiv", _cli.WriteModel(plant.Plain, "a.json"), _cli.WriteModel(b, "b.json"), "--json");
        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        Assert.Equal("equivalent", json.GetProperty("verdict").GetString());
        Network ra = Reducer.Reduce(plant.Plain).Network, rb = Reducer.Reduce(b).Network;
        Assert.Equal(ra.Architecture, json.GetProperty("reduced_a").GetString());
        Assert.Equal(ra.Architecture, json.GetProperty("reduced_b").GetString());
        Assert.Contains("1 channels or neurons removed", CliHarness.Run("equiv", _cli.PathOf("a.json"), _cli.PathOf("b.json")).Stdout);
        CanonicalTestCases.AssertSameParameters(ra, PermutationSpec.Derive(ra).Apply(rb, MapOf(json, PermutationSpec.Derive(ra))), 1e-12);
    }

    [Fact]
    public void Equiv_of_a_near_miss_is_different_with_a_witness_where_the_outputs_differ()
    {
        string path = Cnn("cnn1d_tanh_2x32_opset17.onnx");
        var a = OnnxModelReader.Read(path);
        var b = CanonicalTestCases.Perturb(Copy(a, 6), 3, 1e-4);
        var result = CliHarness.Run("equiv", path, _cli.WriteModel(b, "b.json"), "--json");
        Assert.Equal(1, result.ExitCode);
        var json = result.Json();
        Assert.Equal("different", json.GetProperty("verdict").GetString());
        var witness = json.GetProperty("witness");
        double[] x = [.. witness.GetProperty("input").EnumerateArray().Select(v => v.GetDouble())];
        var input = new Matrix(1, x.Length, x);
        var fa = Forward.Evaluate(a, input, LinearAlgebraBackends.Default).Row(0).ToArray();
        var fb = Forward.Evaluate(b, input, LinearAlgebraBackends.Default).Row(0).ToArray();
        double difference = fa.Zip(fb, (p, q) => Math.Abs(p - q)).Max();
        Assert.True(difference > witness.GetProperty("threshold").GetDouble(), $"difference {difference} at the witness");
        Assert.Equal(witness.GetProperty("difference").GetDouble(), difference, 12);
    }
}

using System.Numerics;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
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
    public void Count_with_a_period_is_infinite_and_an_unsearched_group_says_so()
    {
        var sin = CliHarness.Run("count", "3-4-5-2", "--activation", "sin", "--digits", "--json").Json();
        Assert.Equal("infinite", sin.GetProperty("order").GetString());
        Assert.Equal("5!·4!·2^9·ℤ^9", sin.GetProperty("factorization").GetString());
        Assert.False(sin.TryGetProperty("log10_order", out _));
        var cube = CliHarness.Run("count", "3-4-2", "--activation", "expr(x^3)", "--json").Json();
        Assert.Equal("4!·2^4", cube.GetProperty("factorization").GetString());
        Assert.Equal(4, cube.GetProperty("continuous_dimension").GetInt32());
        var flat = CliHarness.Run("count", "3-4-2", "--activation", "expr(max(x - 100, 0))", "--json").Json();
        Assert.Contains("not searched", flat.GetProperty("method").GetString());
        Assert.DoesNotContain("not searched", cube.GetProperty("method").GetString());
    }

    [Fact]
    public void Count_of_a_huge_architecture_reports_digits_and_log10_without_expanding()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var json = CliHarness.Run("count", "1000000-1000000-1", "--json").Json();
        Assert.True(clock.ElapsedMilliseconds < 5000, $"took {clock.ElapsedMilliseconds} ms");
        Assert.False(json.TryGetProperty("order", out _));
        Assert.Equal("1000000!", json.GetProperty("factorization").GetString());
        Assert.Equal(5565709, json.GetProperty("order_digits").GetInt64());
        Assert.Equal("8.263932e+5565708", json.GetProperty("order_scientific").GetString()); // 8.2639316883…, rounded
        Assert.Equal(5565708.917187, json.GetProperty("log10_order").GetDouble(), 5);
    }

    [Fact]
    public void Count_prints_every_digit_only_when_small_or_asked()
    {
        BigInteger expected = Enumerable.Range(2, 499).Aggregate(BigInteger.One, (a, k) => a * k);
        var plain = CliHarness.Run("count", "500-500-1", "--json").Json();
        Assert.False(plain.TryGetProperty("order", out _));
        Assert.Equal(expected.ToString().Length, plain.GetProperty("order_digits").GetInt64());
        var all = CliHarness.Run("count", "500-500-1", "--digits", "--json").Json();
        Assert.Equal(expected.ToString(), all.GetProperty("order").GetString());
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
        var x = RandomNetworks.GaussianInputs(20, 3, RandomKey.FromSeed(9));
        var reference = Forward.Evaluate(net, x, LinearAlgebraBackends.Default);
        foreach (var file in files)
        {
            var member = ModelFiles.Read(file);
            Assert.NotEqual(net.GetParameters(), member.GetParameters());
            var y = Forward.Evaluate(member, x, LinearAlgebraBackends.Default);
            for (int i = 0; i < y.Data.Length; i++) Assert.True(Math.Abs(y.Data[i] - reference.Data[i]) < 1e-12);
        }
        Assert.All(result.Json().GetProperty("members").EnumerateArray(), m => Assert.True(m.GetProperty("verified").GetBoolean()));
    }

    [Fact]
    public void Align_recovers_a_planted_symmetry_exactly()
    {
        var net = CliHarness.SampleNetwork();
        var moved = SymmetryGroup.Of(net).RandomElement(RandomKey.FromSeed(4).Stream()).Apply(net);
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
    public void Align_interpolate_reports_the_barrier_before_and_after_on_the_given_inputs()
    {
        var net = CliHarness.SampleNetwork();
        var moved = SymmetryGroup.Of(net).RandomElement(RandomKey.FromSeed(4).Stream()).Apply(net);
        string a = _cli.WriteModel(net, "a.json"), b = _cli.WriteModel(moved, "b.json");
        var x = RandomNetworks.GaussianInputs(40, net.InputSize, RandomKey.FromSeed(8));
        string inputs = _cli.PathOf("x.csv");
        CsvMatrix.Write(x, inputs);
        var json = CliHarness.Run("align", a, b, "--interpolate", inputs, "--steps", "9", "--json").Json().GetProperty("interpolation");
        // The aligned copy is A itself: a flat path; the unaligned one bends.
        Assert.True(json.GetProperty("barrier_after").GetDouble() < 1e-20);
        Assert.True(json.GetProperty("barrier_before").GetDouble() > 1e-4);
        Assert.Equal(9, json.GetProperty("path").GetArrayLength());
        Assert.Contains("0 at both ends", json.GetProperty("loss").GetString());

        string targets = _cli.PathOf("y.csv");
        CsvMatrix.Write(Forward.Evaluate(net, x, LinearAlgebraBackends.Default), targets);
        var fitted = CliHarness.Run("align", a, b, "--interpolate", inputs, "--targets", targets, "--json").Json().GetProperty("interpolation");
        var first = fitted.GetProperty("path")[0];
        Assert.True(first.GetProperty("loss_before").GetDouble() < 1e-24); // A fits its own outputs
        Assert.Contains("mean squared error", fitted.GetProperty("loss").GetString());

        CliHarness.Run("align", a, b, "--steps", "5").AssertOneErrorLine();
        Assert.Contains("y.csv", CliHarness.Run("align", a, b, "--interpolate", targets).AssertOneErrorLine());
        Assert.Contains("x.csv", CliHarness.Run("align", a, b, "--interpolate", inputs, "--targets", inputs).AssertOneErrorLine());
        Assert.Contains("--steps", CliHarness.Run("align", a, b, "--interpolate", inputs, "--steps", "1").AssertOneErrorLine());
    }

    [Fact]
    public void Bad_input_to_the_symmetry_commands_is_one_line_and_exit_2()
    {
        Assert.Contains("conv(3,32", CliHarness.Run("count", "conv(3,32)-dense(4").AssertOneErrorLine());
        Assert.Contains("missing.json", CliHarness.Run("count", "missing.json").AssertOneErrorLine());
        string a = _cli.WriteModel(CliHarness.SampleNetwork(), "a.json");
        string other = _cli.WriteModel(RandomNetworks.Create(Architecture.Parse("4-6-4-2"), new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(1)), "c.json");
        CliHarness.Run("align", a, other).AssertOneErrorLine();
        CliHarness.Run("align", a, a, "--tol", "-1").AssertOneErrorLine();
        CliHarness.Run("align", a, a, "--tol", "NaN").AssertOneErrorLine();
        CliHarness.Run("orbit", a, "--count", "-2").AssertOneErrorLine();
        Assert.DoesNotContain(_cli.Files(), f => f.StartsWith('.'));
    }

    [Fact]
    public void Equiv_exits_0_with_the_map_for_a_symmetric_copy_and_1_with_a_witness_otherwise()
    {
        var net = CliHarness.SampleNetwork();
        var moved = SymmetryGroup.Of(net).RandomElement(RandomKey.FromSeed(6).Stream()).Apply(net);
        string a = _cli.WriteModel(net, "a.json"), b = _cli.WriteModel(moved, "b.json");
        var same = CliHarness.Run("equiv", a, b, "--json");
        Assert.Equal(0, same.ExitCode);
        var json = same.Json();
        Assert.Equal("equivalent", json.GetProperty("verdict").GetString());
        Assert.True(json.GetProperty("map_deviation").GetDouble() < 1e-12);
        Assert.Equal(net.HiddenNeuronCount, json.GetProperty("map").GetArrayLength());
        Assert.Matches(@"^canonical forms agree to \S+ \(relative\), within the tolerance 1E-09$", json.GetProperty("reason").GetString());

        var other = CliHarness.SampleNetwork(seed: 77);
        var different = CliHarness.Run("equiv", a, _cli.WriteModel(other, "c.json"), "--json");
        Assert.Equal(1, different.ExitCode);
        var witness = different.Json();
        Assert.Equal("different", witness.GetProperty("verdict").GetString());
        Assert.True(witness.GetProperty("witness").GetProperty("difference").GetDouble() > witness.GetProperty("witness").GetProperty("threshold").GetDouble());
        Assert.Matches(@"^canonical forms differ by \S+ \(relative\), more than the tolerance 1E-09; the outputs differ by \S+ at a witness input \(threshold \S+\)$",
            witness.GetProperty("reason").GetString());
    }

    [Fact]
    public void Equiv_calls_a_linear_pair_written_two_ways_the_same_function_and_a_far_difference_different()
    {
        // relu(x) − relu(−x) = x = relu(x + 1) − relu(−x − 1) − 1: no map, but every region's maps agree.
        var a = Network.Sequential(1, [([1.0, -1.0], [0.0, 0.0], new ReluActivation()), ([1.0, -1.0], [0.0], new IdentityActivation())]);
        var b = Network.Sequential(1, [([1.0, -1.0], [1.0, -1.0], new ReluActivation()), ([1.0, -1.0], [-1.0], new IdentityActivation())]);
        var same = CliHarness.Run("equiv", _cli.WriteModel(a, "a.json"), _cli.WriteModel(b, "b.json"), "--json");
        Assert.Equal(0, same.ExitCode);
        var json = same.Json();
        Assert.Equal("same_function", json.GetProperty("verdict").GetString());
        Assert.Equal(3, json.GetProperty("regions").GetInt32());
        Assert.Equal(0, json.GetProperty("region_deviation").GetDouble());

        // Changed where only x > 10^5 reaches: the search misses it, the regions give an evaluated witness.
        var c = Network.Sequential(1, [([1.0, -1.0, 1.0], [0.0, 0.0, -1e5], new ReluActivation()), ([1.0, -1.0, 0.25], [0.0], new IdentityActivation())]);
        var different = CliHarness.Run("equiv", _cli.WriteModel(a, "a.json"), _cli.WriteModel(c, "c.json"), "--json", "--budget", "500");
        Assert.Equal(1, different.ExitCode);
        var witness = different.Json();
        Assert.Equal("different", witness.GetProperty("verdict").GetString());
        Assert.False(witness.TryGetProperty("witness", out _));
        var x = witness.GetProperty("region_witness").GetProperty("input")[0].GetDouble();
        Assert.Equal(0.25 * (x - 1e5), witness.GetProperty("region_witness").GetProperty("difference").GetDouble(), 1e-9 * x);
    }

    [Fact]
    public void Equiv_sees_through_dead_neurons_by_reducing_first()
    {
        // B = A plus a neuron whose outgoing weights are zero: a different architecture, the same function.
        var net = CliHarness.SampleNetwork();
        var l0 = net.Layers[0]; var l1 = net.Layers[1];
        var w0 = l0.Weights.ToArray().Concat(new[] { 0.3, -0.2, 0.9 }).ToArray();
        var b0 = l0.Bias.ToArray().Append(0.1).ToArray();
        var w1 = new double[l1.OutputSize * 7];
        for (int r = 0; r < l1.OutputSize; r++) l1.Weights.Slice(r * 6, 6).CopyTo(w1.AsSpan(r * 7));
        var bigger = Network.Sequential(3, [(w0, b0, l0.Activation), (w1, l1.Bias.ToArray(), l1.Activation), (net.Layers[2].Weights.ToArray(), net.Layers[2].Bias.ToArray(), net.Layers[2].Activation)]);
        var result = CliHarness.Run("equiv", _cli.WriteModel(net, "a.json"), _cli.WriteModel(bigger, "b.json"), "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("3-6-4-2", result.Json().GetProperty("reduced_b").GetString());
    }

    [Fact]
    public void Canon_gives_one_fingerprint_per_orbit()
    {
        var net = CliHarness.SampleNetwork();
        string a = _cli.WriteModel(net, "a.json");
        string fa = CliHarness.Run("canon", a, "--json").Json().GetProperty("fingerprint").GetString()!;
        for (int k = 0; k < 3; k++)
        {
            var moved = SymmetryGroup.Of(net).RandomElement(RandomKey.FromSeed(10 + k).Stream()).Apply(net);
            Assert.Equal(fa, CliHarness.Run("canon", _cli.WriteModel(moved, $"m{k}.json"), "--json").Json().GetProperty("fingerprint").GetString());
        }
        string other = _cli.WriteModel(CliHarness.SampleNetwork(seed: 8), "o.json");
        Assert.NotEqual(fa, CliHarness.Run("canon", other, "--json").Json().GetProperty("fingerprint").GetString());
        string written = _cli.PathOf("canon.json");
        Assert.Equal(0, CliHarness.Run("canon", a, "-o", written).ExitCode);
        var canonical = ModelFiles.Read(written);
        var x = RandomNetworks.GaussianInputs(10, 3, RandomKey.FromSeed(1));
        var f0 = Forward.Evaluate(net, x, LinearAlgebraBackends.Default); var f1 = Forward.Evaluate(canonical, x, LinearAlgebraBackends.Default);
        for (int i = 0; i < f0.Data.Length; i++) Assert.True(Math.Abs(f0.Data[i] - f1.Data[i]) < 1e-12);
    }

    [Fact]
    public void Reduce_reports_each_removed_neuron_and_writes_an_equal_network()
    {
        var net = CliHarness.SampleNetwork();
        string path = _cli.WriteModel(net, "a.json");
        string reduced = _cli.PathOf("r.json");
        var json = CliHarness.Run("reduce", path, "--domain", "-0.05,0.05", "-o", reduced, "--json").Json();
        int removed = json.GetProperty("removed_neurons").GetInt32();
        Assert.True(removed > 0);
        Assert.Contains("on the domain", json.GetProperty("guarantee").GetString());
        var small = ModelFiles.Read(reduced);
        var r = new Random(2);
        var x = new Matrix(50, 3);
        for (int i = 0; i < x.Data.Length; i++) x.Data[i] = (r.NextDouble() * 2 - 1) * 0.05;
        var f0 = Forward.Evaluate(net, x, LinearAlgebraBackends.Default); var f1 = Forward.Evaluate(small, x, LinearAlgebraBackends.Default);
        for (int i = 0; i < f0.Data.Length; i++) Assert.True(Math.Abs(f0.Data[i] - f1.Data[i]) < 1e-12);
        CliHarness.Run("reduce", path, "--tol", "-1").AssertOneErrorLine();
        CliHarness.Run("reduce", path, "--domain", "1,0").AssertOneErrorLine();
        CliHarness.Run("reduce", path, "--domain", "a,b").AssertOneErrorLine();
    }

    [Fact]
    public void Analyze_reports_the_group_and_count_names_degeneracy()
    {
        var json = CliHarness.Run("analyze", "--json").Json().GetProperty("symmetries");
        Assert.Equal("5!·4!", json.GetProperty("factorization").GetString());
        Assert.Equal("2880", json.GetProperty("order").GetString());
        Assert.Equal(9, json.GetProperty("continuous_dimension").GetInt32());
        Assert.Equal(64, json.GetProperty("fingerprint").GetString()!.Length);

        // A neuron with zero outgoing weights: the count is generic but the model is degenerate.
        var net = CliHarness.SampleNetwork();
        var l1 = net.Layers[1];
        var w1 = l1.Weights.ToArray();
        for (int r = 0; r < l1.OutputSize; r++) w1[r * l1.InputSize + 2] = 0;
        var dead = net.WithLayer(1, l1.With(w1, l1.Bias));
        var count = CliHarness.Run("count", _cli.WriteModel(dead), "--json").Json();
        Assert.True(count.GetProperty("degeneracy").GetProperty("degenerate").GetBoolean());
        var cause = count.GetProperty("degeneracy").GetProperty("causes").EnumerateArray().Single();
        Assert.Equal("zero_outgoing", cause.GetProperty("rule").GetString());
        Assert.Equal(2, cause.GetProperty("neuron").GetInt32());
    }

    [Theory]
    [InlineData("relu", 1, 1)]
    [InlineData("tanh", 2, 0)]
    [InlineData("abs", 2, 1)]
    // The affine group (a, b, a, b), a ≠ 0, has two components: a > 0 and a < 0.
    [InlineData("identity", 2, 2)]
    [InlineData("softplus", 1, 0)]
    public void Symmetries_lists_the_discovered_group_of_an_activation_and_compares_the_catalog(string spec, int components, int continuous)
    {
        var json = CliHarness.Run("symmetries", spec, "--json").Json();
        Assert.Equal("resolved", json.GetProperty("status").GetString());
        Assert.Equal("agree", json.GetProperty("catalog").GetString());
        Assert.Equal(components, json.GetProperty("discrete_order").GetInt32());
        Assert.Equal(continuous, json.GetProperty("continuous_dimension").GetInt32());
        var catalog = ActivationCatalog.Parse(spec).Symmetries;
        // Finite elements are listed one by one, families one row each.
        Assert.Equal(continuous == 0 ? catalog.DiscreteOrder : 1, json.GetProperty("elements").GetArrayLength());
        Assert.Equal(catalog.Continuous.Count, json.GetProperty("families").GetArrayLength());
        Assert.True(json.GetProperty("closure").GetProperty("closed").GetBoolean());
        Assert.Equal(2, json.GetProperty("linear_pairs").GetArrayLength());
        Assert.Matches(@"^numerical: grid .*; verified on a grid .*tails to ±1E\+06; tolerance 1E-09 .*; seed 0", json.GetProperty("method").GetString());
        CliHarness.Run("symmetries", "nonsense").AssertOneErrorLine();
    }

    [Fact]
    public void Symmetries_lists_each_element_with_its_residual_and_the_linear_pairs()
    {
        var json = CliHarness.Run("symmetries", "relu6", "--json", "--seed", "5").Json();
        var element = json.GetProperty("elements")[1];
        Assert.Equal("(-1, 6, -1, 6)", element.GetProperty("element").GetString());
        Assert.Equal((-1.0, 6.0, -1.0, 6.0), (element.GetProperty("a").GetDouble(), element.GetProperty("b").GetDouble(), element.GetProperty("c").GetDouble(), element.GetProperty("d").GetDouble()));
        Assert.True(element.GetProperty("residual").GetDouble() <= 1e-9);
        Assert.EndsWith("seed 5", json.GetProperty("method").GetString());
        var sigmoid = CliHarness.Run("symmetries", "sigmoid", "--json").Json().GetProperty("linear_pairs").EnumerateArray().ToList();
        Assert.Equal("ρ(x) + ρ(-x) = 1", sigmoid.Single(p => p.GetProperty("holds").GetBoolean()).GetProperty("equation").GetString());
        Assert.Equal("ρ(x) - ρ(-x) is not affine", sigmoid.Single(p => !p.GetProperty("holds").GetBoolean()).GetProperty("equation").GetString());
        CliHarness.Run("symmetries", "tanh", "--tol", "0").AssertOneErrorLine();
        CliHarness.Run("symmetries", "tanh", "--tol", "-1").AssertOneErrorLine();
    }

    [Theory]
    [InlineData("elu(0)", "relu")]
    [InlineData("leaky_relu(1)", "identity")]
    [InlineData("leaky_relu(-1)", "abs")]
    public void A_parameterised_activation_that_equals_another_has_that_one_s_group_and_says_so(string given, string equal)
    {
        var json = CliHarness.Run("symmetries", given, "--json").Json();
        var reference = CliHarness.Run("symmetries", equal, "--json").Json();
        Assert.Equal(reference.GetProperty("continuous_dimension").GetInt32(), json.GetProperty("continuous_dimension").GetInt32());
        Assert.Equal(reference.GetProperty("discrete_order").GetInt32(), json.GetProperty("discrete_order").GetInt32());
        Assert.Equal(equal, json.GetProperty("activation").GetString());
        Assert.Equal(given, json.GetProperty("given").GetString());
        Assert.False(reference.TryGetProperty("given", out _));
        Assert.Contains($"read as {equal}", CliHarness.Run("symmetries", given).Stdout);
    }

    [Fact]
    public void An_elu0_network_has_the_functional_dimension_of_the_same_network_read_as_relu()
    {
        string relu = _cli.WriteModel(CliHarness.SampleNetwork(), "relu.json");
        string elu0 = _cli.WriteText("elu0.json", File.ReadAllText(relu).Replace("\"relu\"", "\"elu(0)\"", StringComparison.Ordinal));
        Assert.Contains("elu(0)", File.ReadAllText(elu0));
        var a = CliHarness.Run("fdim", relu, "--json").Json();
        var b = CliHarness.Run("fdim", elu0, "--json").Json();
        foreach (string field in new[] { "rank", "bound", "deficit" })
            Assert.Equal(a.GetProperty(field).GetInt32(), b.GetProperty(field).GetInt32());
        Assert.Equal("exact", b.GetProperty("method").GetString());
    }

    [Fact]
    public void Symmetries_of_an_expression_are_discovered_and_bad_expressions_are_one_error_line()
    {
        // softsign written out: odd, so {id, (−1, 0, −1, 0)}, with no catalog group to compare.
        var json = CliHarness.Run("symmetries", "--expr", "x/(1+abs(x))", "--json").Json();
        Assert.Equal("finite", json.GetProperty("structure").GetString());
        var elements = json.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("element").GetString()!).ToArray();
        Assert.Equal(["(1, 0, 1, 0)", "(-1, 0, -1, 0)"], elements);
        Assert.False(json.TryGetProperty("catalog", out _));
        // x³: the scalings (a, 0, a³, 0), a ≠ 0.
        var cube = CliHarness.Run("symmetries", "--expr", "x^3", "--json").Json();
        Assert.Equal(1, cube.GetProperty("continuous_dimension").GetInt32());
        Assert.Equal("(a, 0, a^3, 0), a ≠ 0", cube.GetProperty("families")[0].GetProperty("description").GetString());
        foreach (var args in new[] { new[] { "symmetries", "--expr", "foo(x)" }, ["symmetries", "--expr", "3"], ["symmetries", "--expr", "x/("], ["symmetries"], ["symmetries", "relu", "--expr", "x"] })
        {
            var bad = CliHarness.Run(args);
            Assert.Equal(2, bad.ExitCode);
            bad.AssertOneErrorLine();
        }
    }
}

using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;
using NetSym.Tests.IO;

namespace NetSym.Tests.Cli;

/// <summary>
/// <c>align A B</c> and <c>orbit MODEL</c> on convolutional and residual networks (the ONNX fixtures of
/// Fixtures/onnx/cnn): orbit copies are verified and written, and aligning a copy onto the original gives it back.
/// </summary>
public sealed class ConvolutionalAlignOrbitTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Cnn(string name) => Fixtures.Onnx(Path.Combine("cnn", name));

    [Theory]
    [InlineData("resnet_relu_3x16x16_opset13.onnx")]
    [InlineData("cnn1d_tanh_2x32_opset17.onnx")]
    [InlineData("grouped_relu_4x13x13_opset17.onnx")]
    public void Align_gives_back_the_original_from_an_orbit_copy(string name)
    {
        string a = Cnn(name), directory = _cli.PathOf("orbit");
        var orbit = CliHarness.Run("orbit", a, "--count", "2", "-o", directory, "--json");
        Assert.Equal(0, orbit.ExitCode);
        var members = orbit.Json().GetProperty("members").EnumerateArray().ToList();
        Assert.All(members, m => Assert.True(m.GetProperty("verified").GetBoolean()));
        Assert.Contains("channel permutation spec", orbit.Json().GetProperty("group").GetString());

        string aligned = _cli.PathOf("aligned.json");
        var result = CliHarness.Run("align", a, Path.Combine(directory, "orbit-001.json"), "-o", aligned, "--json");
        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        Assert.True(json.GetProperty("exact").GetBoolean());
        Assert.True(json.GetProperty("relative_distance_after").GetDouble() < 1e-12);
        Assert.True(json.GetProperty("relative_distance_before").GetDouble() > 0.1);
        var network = OnnxModelReader.Read(a);
        Assert.Equal(PermutationSpec.Derive(network).Classes.Sum(c => c.Channels), json.GetProperty("map").GetArrayLength());
        var back = ModelFiles.Read(aligned).GetParameters();
        var original = network.GetParameters();
        for (int i = 0; i < original.Length; i++) Assert.True(Math.Abs(back[i] - original[i]) < 1e-12);
    }

    [Fact]
    public void Align_interpolate_on_a_residual_network_flattens_the_path()
    {
        var net = OnnxModelReader.Read(Cnn("resnet_relu_3x16x16_opset13.onnx"));
        var spec = PermutationSpec.Derive(net);
        var moved = spec.Apply(net, spec.RandomElement(RandomKey.FromSeed(3).Stream()));
        string a = _cli.WriteModel(net, "a.json"), b = _cli.WriteModel(moved, "b.json");
        string inputs = _cli.PathOf("x.csv");
        CsvMatrix.Write(RandomNetworks.GaussianInputs(20, net.InputSize, RandomKey.FromSeed(8)), inputs);
        var json = CliHarness.Run("align", a, b, "--interpolate", inputs, "--steps", "5", "--json").Json().GetProperty("interpolation");
        Assert.True(json.GetProperty("barrier_after").GetDouble() < 1e-20);
        Assert.True(json.GetProperty("barrier_before").GetDouble() > 1e-6);
        Assert.Equal(5, json.GetProperty("path").GetArrayLength());
    }

    [Fact]
    public void Orbit_text_output_of_a_cnn_counts_moved_channels()
    {
        string text = CliHarness.Run("orbit", Cnn("vgg_relu_3x16x16_opset11.onnx"), "--count", "2").Stdout;
        Assert.Contains("channels moved", text);
        Assert.Contains("channel permutation spec", text);
    }

    [Fact]
    public void Align_of_networks_of_different_architectures_is_one_line()
    {
        var a = _cli.WriteModel(ConvolutionalTestNetworks.Vgg(new ReluActivation(), 1), "a.json");
        var b = _cli.WriteModel(ConvolutionalTestNetworks.ResNet(new ReluActivation(), 1), "b.json");
        Assert.Contains("cannot align networks of different architectures", CliHarness.Run("align", a, b).AssertOneErrorLine());
    }
}

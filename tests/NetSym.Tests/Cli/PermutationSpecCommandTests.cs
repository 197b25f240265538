using System.Numerics;
using NetSym.IO;
using NetSym.Symmetries;
using NetSym.Tests.IO;

namespace NetSym.Tests.Cli;

/// <summary>
/// <c>count MODEL</c> and <c>symmetries MODEL</c> on convolutional and residual networks (the ONNX fixtures of
/// Fixtures/onnx/cnn): the counts and classes of the spec derived from the graph, against the library and the
/// README's hand-derived specs.
/// </summary>
public class PermutationSpecCommandTests
{
    private static string Cnn(string name) => Fixtures.Onnx(Path.Combine("cnn", name));

    [Fact]
    public void Count_of_a_residual_network_comes_from_its_graph()
    {
        var json = CliHarness.Run("count", Cnn("resnet_relu_3x16x16_opset13.onnx"), "--json").Json();
        // The README's hand-derived order 8!²·16!³ and its 64 positive scalings.
        Assert.Equal("14890175901409649335777179120501050572800000000000", json.GetProperty("order").GetString());
        Assert.Equal("16!·16!·16!·8!·8!", json.GetProperty("factorization").GetString());
        Assert.Equal(64, json.GetProperty("continuous_dimension").GetInt32());
        Assert.StartsWith("exact count: derived from the graph", json.GetProperty("method").GetString());
        Assert.False(json.TryGetProperty("degeneracy", out _));
    }

    [Fact]
    public void Symmetries_of_a_model_lists_its_channel_classes()
    {
        string path = Cnn("grouped_relu_4x13x13_opset17.onnx");
        var json = CliHarness.Run("symmetries", path, "--json").Json();
        var spec = PermutationSpec.Derive(OnnxModelReader.Read(path));
        Assert.Equal(spec.Order.Value, BigInteger.Parse(json.GetProperty("order").GetString()!));
        Assert.Equal(22, json.GetProperty("continuous_dimension").GetInt32());
        Assert.Equal(4, json.GetProperty("classes").GetInt32());
        Assert.Equal("4×13×13-conv8-conv8-conv6-avgpool(global)-3", json.GetProperty("architecture").GetString());
        var rows = json.GetProperty("spec").EnumerateArray().ToList();
        // The README: conv1's π within its two groups, the depthwise conv's π tied to it with its own scalings.
        Assert.Equal(["S4×S4", "as class 0", "S6", "none"], rows.Select(r => r.GetProperty("permutation").GetString()));
        Assert.Equal(["positive", "positive", "positive", "none"], rows.Select(r => r.GetProperty("factors").GetString()));
        Assert.Equal([false, false, false, true], rows.Select(r => r.GetProperty("fixed").GetBoolean()));
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(spec.Classes[i].Producers, rows[i].GetProperty("producers").EnumerateArray().Select(p => p.GetInt32()));
            Assert.Equal(spec.Classes[i].Channels, rows[i].GetProperty("channels").GetInt32());
        }
        Assert.StartsWith("derived from the graph", json.GetProperty("method").GetString());

        string text = CliHarness.Run("symmetries", path).Stdout;
        Assert.Contains("Channel classes", text);
        Assert.Contains("S4×S4", text);
    }

    [Fact]
    public void Symmetries_of_a_tanh_network_allow_sign_flips_except_before_a_max_pool()
    {
        var json = CliHarness.Run("symmetries", Cnn("cnn1d_tanh_2x32_opset17.onnx"), "--json").Json();
        Assert.Equal(["±1", "none", "±1", "none"], json.GetProperty("spec").EnumerateArray().Select(r => r.GetProperty("factors").GetString()));
        Assert.Equal("19177565847552000", json.GetProperty("order").GetString());
        Assert.Equal(0, json.GetProperty("continuous_dimension").GetInt32());
    }

    [Fact]
    public void Symmetries_of_a_missing_model_names_the_file()
    {
        string error = CliHarness.Run("symmetries", "no_such_model.onnx").AssertOneErrorLine();
        Assert.Contains("no_such_model.onnx", error);
    }
}

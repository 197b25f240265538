using System.Text.Json;
using NetSym.IO;
using NetSym.Symmetries;
using NetSym.Tests.IO;

namespace NetSym.Tests.Cli;

/// <summary>
/// <c>info</c> and <c>analyze</c> on convolutional and residual networks (the ONNX fixtures of Fixtures/onnx/cnn):
/// the layers table shows kinds, shapes and windows; analyze reports the permutation spec, the functional dimension
/// against the spec's bound, and says plainly which sections do not apply yet.
/// </summary>
public class ConvolutionalAnalyzeTests
{
    private static string Cnn(string name) => Fixtures.Onnx(Path.Combine("cnn", name));

    [Fact]
    public void Info_lists_kinds_shapes_and_windows()
    {
        string path = Cnn("resnet_relu_3x16x16_opset13.onnx");
        var network = OnnxModelReader.Read(path);
        var json = CliHarness.Run("info", path, "--json").Json().GetProperty("model");
        Assert.Equal("3×16×16", json.GetProperty("input_shape").GetString());
        Assert.Equal(network.ParameterCount, json.GetProperty("parameter_count").GetInt32());
        // Hidden units are the channels the symmetries permute: every conv's output channels (the dense head is the output).
        Assert.Equal(network.Layers.Where(l => l.Kind == NetSym.Networks.LayerKind.Convolution).Sum(l => l.Units), json.GetProperty("hidden_unit_count").GetInt32());
        var rows = json.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(network.Layers.Count, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var layer = network.Layers[i];
            Assert.Equal(layer.OutputShape.ToString(), rows[i].GetProperty("output_shape").GetString());
            // Layers without a window (the addition, the dense head) or groups (all but convolutions) have JSON null there.
            Assert.Equal(layer.Window is null ? JsonValueKind.Null : JsonValueKind.String, rows[i].GetProperty("window").ValueKind);
            Assert.Equal(layer.Window?.ToString(), rows[i].GetProperty("window").GetString());
            var groups = rows[i].GetProperty("groups");
            Assert.Equal(layer.Kind == NetSym.Networks.LayerKind.Convolution ? layer.Groups : (int?)null, groups.ValueKind == JsonValueKind.Null ? null : groups.GetInt32());
            Assert.Equal(layer.ParameterCount, rows[i].GetProperty("parameter_count").GetInt32());
        }
        Assert.Equal(["conv", "conv", "conv", "add"], rows.Take(4).Select(r => r.GetProperty("kind").GetString()));
    }

    [Fact]
    public void Analyze_reports_the_spec_and_the_functional_dimension_against_its_bound()
    {
        string path = Cnn("cnn1d_tanh_2x32_opset17.onnx");
        var network = OnnxModelReader.Read(path);
        var spec = PermutationSpec.Derive(network);
        var run = CliHarness.Run("analyze", path, "--json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        var symmetries = json.GetProperty("symmetries");
        Assert.Equal(spec.Classes.Count, symmetries.GetProperty("classes").GetInt32());
        Assert.Equal(spec.Order.Value.ToString(), symmetries.GetProperty("order").GetString());
        // The fingerprint is canon's: of the reduced network's canonical form.
        Assert.Equal(CliHarness.Run("canon", path, "--json").Json().GetProperty("fingerprint").GetString(), symmetries.GetProperty("fingerprint").GetString());
        Assert.False(symmetries.GetProperty("degenerate").GetBoolean());
        var fdim = json.GetProperty("functional_dimension");
        Assert.Equal(network.ParameterCount - spec.ContinuousDimension, fdim.GetProperty("bound").GetInt32());
        Assert.True(fdim.GetProperty("rank").GetInt32() <= fdim.GetProperty("bound").GetInt32());
        foreach (string section in new[] { "fiber", "identifiability" })
        {
            Assert.False(json.GetProperty(section).GetProperty("applicable").GetBoolean());
            Assert.StartsWith("not ", json.GetProperty(section).GetProperty("reason").GetString());
        }
    }
}

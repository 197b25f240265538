using NetSym.Cli;
using NetSym.Dimension;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Cli;

public sealed class EvalCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static void AssertBitEqual(Matrix expected, Matrix actual)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Columns, actual.Columns);
        for (int k = 0; k < expected.Data.Length; k++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Data[k]), BitConverter.DoubleToInt64Bits(actual.Data[k]));
    }

    private static Matrix ParseCsv(string text) => CsvMatrix.Read(new StringReader(text), "stdout");

    private string InputsCsv() => _cli.WriteText("x.csv", "0.1,0.2,0.3\n-1, 2.5 ,1e-3\n7,-8,9\n0,0,0\n");

    [Fact]
    public void Outputs_read_back_to_exactly_what_Forward_Evaluate_gives()
    {
        var network = CliHarness.SampleNetwork();
        string model = _cli.WriteModel(network);
        string inputs = InputsCsv();
        var result = CliHarness.Run("eval", model, "--inputs", inputs);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var expected = Forward.Evaluate(network, CsvMatrix.Read(inputs), LinearAlgebraBackends.Default);
        Assert.Equal(expected.Rows, result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        AssertBitEqual(expected, ParseCsv(result.Stdout));
    }

    [Fact]
    public void Outputs_agree_with_an_independent_evaluation()
    {
        // A scalar re-implementation of y = W2·relu(W1·relu(W0·x + b0) + b1) + b2, to float64 rounding.
        var network = CliHarness.SampleNetwork();
        string model = _cli.WriteModel(network);
        var x = CsvMatrix.Read(InputsCsv());
        var y = ParseCsv(CliHarness.Run("eval", model, "--inputs", _cli.PathOf("x.csv")).Stdout);
        for (int i = 0; i < x.Rows; i++)
        {
            double[] v = x.Row(i).ToArray();
            foreach (var layer in network.Layers)
            {
                var next = new double[layer.OutputSize];
                for (int r = 0; r < next.Length; r++)
                {
                    double z = layer.Bias[r];
                    for (int c = 0; c < v.Length; c++) z += layer.Weight(r, c) * v[c];
                    next[r] = layer.Activation.Value(z);
                }
                v = next;
            }
            for (int j = 0; j < v.Length; j++) Assert.Equal(v[j], y[i, j], 1e-12);
        }
    }

    [Fact]
    public void Random_inputs_follow_the_seed()
    {
        var network = CliHarness.SampleNetwork();
        string model = _cli.WriteModel(network);
        var first = CliHarness.Run("eval", model, "--random", "5", "--seed", "42");
        var again = CliHarness.Run("eval", model, "--random", "5", "--seed", "42");
        var other = CliHarness.Run("eval", model, "--random", "5", "--seed", "43");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, again.Stdout);
        Assert.NotEqual(first.Stdout, other.Stdout);
        AssertBitEqual(Forward.Evaluate(network, InputSampler.Gaussian(3).Draw(5, 42), LinearAlgebraBackends.Default), ParseCsv(first.Stdout));
    }

    [Fact]
    public void Gaussian_inputs_have_the_moments_of_a_standard_normal()
    {
        var x = InputSampler.Gaussian(5).Draw(4000, 1);
        double mean = x.Data.Average();
        double variance = x.Data.Select(v => (v - mean) * (v - mean)).Average();
        // 20,000 draws: the sample mean has standard error 0.007, the variance about 0.01.
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(variance, 0.95, 1.05);
    }

    [Fact]
    public void Json_carries_outputs_inputs_and_backend()
    {
        var network = CliHarness.SampleNetwork();
        string model = _cli.WriteModel(network);
        string inputs = InputsCsv();
        var json = CliHarness.Run("eval", model, "--inputs", inputs, "--json").Json();
        var expected = Forward.Evaluate(network, CsvMatrix.Read(inputs), LinearAlgebraBackends.Default);
        var rows = json.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal(expected.Rows, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i].EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(expected.Row(i).ToArray(), row);
        }
        Assert.Equal(inputs, json.GetProperty("inputs").GetString());
        Assert.Equal(LinearAlgebraBackends.Default.Description, json.GetProperty("backend").GetString());
        Assert.Equal("float64", json.GetProperty("precision").GetString());

        var random = CliHarness.Run("eval", model, "--random", "4", "--seed", "9", "--json").Json();
        Assert.Equal(4, random.GetProperty("inputs").GetProperty("random").GetInt32());
        Assert.Equal(9, random.GetProperty("inputs").GetProperty("seed").GetInt32());
        Assert.Equal(4, random.GetProperty("outputs").GetArrayLength());
    }

    /// <summary>A convolutional network's evaluation says which convolution kernel ran; a dense one's has no such line.</summary>
    [Fact]
    public void Json_of_a_convolutional_network_names_its_convolution_kernel()
    {
        string model = NetSym.Tests.IO.Fixtures.Onnx(Path.Combine("cnn", "vgg_relu_3x16x16_opset11.onnx"));
        var json = CliHarness.Run("eval", model, "--random", "3", "--json").Json();
        Assert.Contains(Forward.ConvolvesDirectly ? "direct kernel" : "im2col", json.GetProperty("convolutions").GetString());
        var dense = CliHarness.Run("eval", _cli.WriteModel(CliHarness.SampleNetwork()), "--random", "3", "--json").Json();
        Assert.False(dense.TryGetProperty("convolutions", out _));
    }

    [Fact]
    public void Output_file_holds_exactly_what_stdout_would()
    {
        string model = _cli.WriteModel(CliHarness.SampleNetwork());
        string inputs = InputsCsv();
        string target = _cli.PathOf("y.csv");
        var toStdout = CliHarness.Run("eval", model, "--inputs", inputs);
        var toFile = CliHarness.Run("eval", model, "--inputs", inputs, "-o", target);
        Assert.Equal(0, toFile.ExitCode);
        Assert.Equal(toStdout.Stdout, File.ReadAllText(target));
        Assert.Contains("y.csv", toFile.Stdout);

        var json = CliHarness.Run("eval", model, "--inputs", inputs, "-o", target, "--json").Json();
        Assert.Equal(target, json.GetProperty("output_file").GetString());
        Assert.Equal(4, json.GetProperty("rows").GetInt32());
        Assert.Equal(2, json.GetProperty("columns").GetInt32());
        Assert.False(json.TryGetProperty("outputs", out _));
    }

    [Fact]
    public void A_failing_input_leaves_no_output_file()
    {
        string model = _cli.WriteModel(CliHarness.SampleNetwork());
        string inputs = _cli.WriteText("bad.csv", "1,2,3\n4,NaN,6\n");
        var result = CliHarness.Run("eval", model, "--inputs", inputs, "-o", _cli.PathOf("y.csv"));
        Assert.Contains("bad.csv: line 2, column 2", result.AssertOneErrorLine());
        Assert.Equal(["bad.csv", "model.json"], _cli.Files());
    }
}

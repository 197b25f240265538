using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Tests.Cli;

namespace NetSym.Tests.IO;

/// <summary>Networks whose activation is an expression: through NetSym JSON, the CLI and the ONNX writer.</summary>
public sealed class ExpressionNetworkTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static Network Softsign() => TestNetworks.Dense("3-5-2", ActivationCatalog.Parse("expr( X/(1 + ABS(x)) )"), 7);

    [Fact]
    public void The_spec_round_trips_through_json_and_the_network_computes_the_same_function()
    {
        var network = Softsign();
        string path = _cli.WriteModel(network);
        Assert.Contains("\"activation\": \"expr(x/(1 + abs(x)))\"", File.ReadAllText(path));
        var back = NetworkJson.Read(path);
        NetworkAssert.Identical(network, back);
        var x = TestNetworks.GaussianInputs(6, 3, 2);
        var y = Forward.Evaluate(back, x, LinearAlgebraBackends.Default);
        for (int i = 0; i < x.Rows; i++)
        {
            // The same network with the activation written out by hand.
            double[] v = x.Row(i).ToArray();
            foreach (var layer in network.Layers)
                v = [.. Enumerable.Range(0, layer.OutputSize).Select(r =>
                {
                    double z = layer.Bias[r] + Enumerable.Range(0, v.Length).Sum(c => layer.Weight(r, c) * v[c]);
                    return layer.Activation.IsIdentity ? z : z / (1 + Math.Abs(z));
                })];
            for (int o = 0; o < v.Length; o++) Assert.Equal(v[o], y[i, o], 1e-14);
        }
    }

    [Fact]
    public void Eval_and_info_read_a_json_file_with_an_expression()
    {
        var network = Softsign();
        string path = _cli.WriteModel(network);
        var info = CliHarness.Run("info", path, "--json");
        Assert.Equal(0, info.ExitCode);
        Assert.Equal("expr(x/(1 + abs(x)))", info.Json().GetProperty("model").GetProperty("hidden_activation").GetString());
        string inputs = _cli.WriteText("x.csv", "0.5,-1,2\n3,0,-0.25\n");
        var eval = CliHarness.Run("eval", path, "--inputs", inputs);
        Assert.Equal(0, eval.ExitCode);
        var expected = Forward.Evaluate(network, CsvMatrix.Read(inputs), LinearAlgebraBackends.Default);
        var got = CsvMatrix.Read(new StringReader(eval.Stdout), "stdout");
        Assert.Equal(expected.Data, got.Data);
    }

    [Fact]
    public void A_bad_expression_in_a_file_or_an_option_exits_2_with_one_line()
    {
        string text = File.ReadAllText(_cli.WriteModel(Softsign())).Replace("expr(x/(1 + abs(x)))", "expr(1/x)", StringComparison.Ordinal);
        string bad = _cli.WriteText("bad.json", text);
        var result = CliHarness.Run("info", bad);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.json", result.AssertOneErrorLine());
        Assert.Contains("expression '1/x' is not finite at x = 0", result.Stderr);
        var option = CliHarness.Run("random", "2-3-1", "--activation", "expr(foo(x))");
        Assert.Equal(2, option.ExitCode);
        Assert.Contains("unknown function 'foo'", option.AssertOneErrorLine());
    }

    [Fact]
    public void Random_makes_a_network_of_an_expression()
    {
        string output = _cli.PathOf("r.json");
        var result = CliHarness.Run("random", "2-4-1", "--activation", "expr(sin(x) + x/2)", "-o", output);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("expr(sin(x) + x/2)", NetworkJson.Read(output).Layers[0].Activation.Spec);
    }

    [Fact]
    public void The_onnx_writer_refuses_an_expression_saying_so()
    {
        var e = Assert.Throws<NotSupportedException>(() => OnnxModelWriter.Write(Softsign(), new MemoryStream()));
        Assert.Contains("'expr(x/(1 + abs(x)))'", e.Message);
        Assert.Contains("NetSym JSON", e.Message);
    }
}

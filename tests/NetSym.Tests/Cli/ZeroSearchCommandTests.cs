using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Cli;

public sealed class ZeroSearchCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void A_found_witness_is_written_and_computes_zero()
    {
        string path = _cli.PathOf("zero.json");
        var result = CliHarness.Run("zero-search", "softplus", "--starts", "0", "--json", "-o", path);
        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        var zero = json.GetProperty("zero_function");
        Assert.True(zero.GetProperty("found").GetBoolean());
        Assert.Equal("linear pair", zero.GetProperty("witness_origin").GetString());
        Assert.Equal(path, zero.GetProperty("output").GetString());
        Assert.Equal("not_tanh_type", json.GetProperty("tanh_type").GetProperty("verdict").GetString());

        // The file holds the network the report shows, and it is 0 where the report did not look.
        var network = ModelFiles.Read(path);
        var x = new Matrix(3, 1, [-123.25, 0.375, 4096]);
        var y = Forward.Evaluate(network, x, LinearAlgebraBackends.Default);
        Assert.All(y.Data, v => Assert.True(Math.Abs(v) < 1e-9 * 4096, $"f = {v}"));
    }

    [Fact]
    public void Tanh_is_proved_and_the_search_space_is_reported()
    {
        var json = CliHarness.Run("zero-search", "tanh", "--max-width", "2", "--max-inputs", "1", "--starts", "2", "--json").Json();
        var zero = json.GetProperty("zero_function");
        Assert.False(zero.GetProperty("found").GetBoolean());
        // 1-2-1 and 1-2-2-1, two starts each.
        Assert.Equal(2, zero.GetProperty("architectures").GetArrayLength());
        Assert.Equal(4, zero.GetProperty("starts_run").GetInt32());
        Assert.Equal("(nothing written: give -o FILE)", zero.GetProperty("output").GetString());
        Assert.Equal("tanh_type_proved", json.GetProperty("tanh_type").GetProperty("verdict").GetString());
    }

    [Fact]
    public void An_unknown_activation_is_exit_code_2()
    {
        var result = CliHarness.Run("zero-search", "swishy");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("swishy", result.AssertOneErrorLine());
    }
}

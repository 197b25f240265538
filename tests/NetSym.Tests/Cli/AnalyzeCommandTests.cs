using System.Globalization;
using NetSym.Cli;
using NetSym.Cli.Analysis;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Cli;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Without_a_model_it_analyses_the_embedded_example()
    {
        var result = CliHarness.Run("analyze");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Contains("embedded example", result.Stdout);
        Assert.Contains("3-5-4-2", result.Stdout);
        Assert.Contains("Sanity evaluation", result.Stdout);
        // The console wraps the long description; its first word (the engine's name) stays whole.
        Assert.Contains(LinearAlgebraBackends.Default.Description.Split(' ')[0], result.Stdout);
        Assert.DoesNotContain('\u001b', result.Stdout); // no ANSI escapes when redirected
    }

    [Fact]
    public void The_embedded_example_is_a_3_5_4_2_relu_network_with_weights_in_sixteenths()
    {
        var network = ExampleNetwork.Load(null).Network;
        Assert.Equal("3-5-4-2", network.Architecture);
        Assert.Equal("relu", network.HiddenActivations);
        Assert.All(network.GetParameters(), p => Assert.Equal(Math.Round(p * 16), p * 16));
        Assert.Contains(network.GetParameters(), p => p != 0);
    }

    [Fact]
    public void Json_reports_the_documented_fields()
    {
        var json = CliHarness.Run("analyze", "--json", "--seed", "3").Json();
        var model = json.GetProperty("model");
        var example = ExampleNetwork.Load(null).Network;
        Assert.StartsWith("embedded example", model.GetProperty("source").GetString());
        Assert.Equal("NetSym JSON", model.GetProperty("format").GetString());
        Assert.Equal("3-5-4-2", model.GetProperty("architecture").GetString());
        Assert.Equal(example.ParameterCount, model.GetProperty("parameter_count").GetInt32());
        Assert.Equal(example.HiddenNeuronCount, model.GetProperty("hidden_neuron_count").GetInt32());
        Assert.Equal(3, model.GetProperty("layers").GetArrayLength());

        var sanity = json.GetProperty("sanity_evaluation");
        Assert.Equal(SanityEvaluationSection.SampleCount, sanity.GetProperty("samples").GetInt32());
        Assert.Equal(3, sanity.GetProperty("seed").GetInt32());
        Assert.Equal("float64", sanity.GetProperty("precision").GetString());
        Assert.Equal(LinearAlgebraBackends.Default.Description, sanity.GetProperty("backend").GetString());
        Assert.True(sanity.GetProperty("all_finite").GetBoolean());
        Assert.Equal(example.OutputSize, sanity.GetProperty("outputs").GetArrayLength());
        Assert.Contains("FromSeed(3)", sanity.GetProperty("method").GetString());
    }

    [Fact]
    public void Sanity_range_is_exactly_the_range_that_eval_gives_on_the_same_seeded_inputs()
    {
        // Two commands, one computation: analyze's reported range must match eval --random on the same seed.
        string path = _cli.WriteModel(ExampleNetwork.Load(null).Network);
        var sanity = CliHarness.Run("analyze", path, "--json", "--seed", "11").Json().GetProperty("sanity_evaluation");
        var eval = CliHarness.Run("eval", path, "--random", SanityEvaluationSection.SampleCount.ToString(CultureInfo.InvariantCulture), "--seed", "11");
        var outputs = CsvMatrix.Read(new StringReader(eval.Stdout), "stdout");
        Assert.Equal(outputs.Data.Min(), sanity.GetProperty("output_min").GetDouble());
        Assert.Equal(outputs.Data.Max(), sanity.GetProperty("output_max").GetDouble());
        var perOutput = sanity.GetProperty("outputs");
        for (int j = 0; j < outputs.Columns; j++)
        {
            var column = Enumerable.Range(0, outputs.Rows).Select(i => outputs[i, j]).ToList();
            Assert.Equal(column.Min(), perOutput[j].GetProperty("min").GetDouble());
            Assert.Equal(column.Max(), perOutput[j].GetProperty("max").GetDouble());
        }
    }

    [Fact]
    public void A_model_file_is_named_and_counted()
    {
        var network = CliHarness.SampleNetwork();
        string path = _cli.WriteModel(network);
        var model = CliHarness.Run("analyze", path, "--json").Json().GetProperty("model");
        Assert.Equal(path, model.GetProperty("source").GetString());
        Assert.Equal(network.ParameterCount, model.GetProperty("parameter_count").GetInt32());
        Assert.Equal("3-6-4-2", model.GetProperty("architecture").GetString());
    }

    [Fact]
    public void Activation_option_replaces_the_hidden_activations()
    {
        var model = CliHarness.Run("analyze", "--activation", "tanh", "--json").Json().GetProperty("model");
        Assert.Equal("tanh", model.GetProperty("hidden_activation").GetString());
        Assert.Equal("identity", model.GetProperty("output_activation").GetString());
    }

    [Fact]
    public void On_a_terminal_the_report_still_arrives_after_the_progress_display()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(["analyze"], stdout, stderr, outputIsTerminal: true);
        Assert.Equal(0, code);
        Assert.Equal("", stderr.ToString());
        Assert.Contains("Sanity evaluation", stdout.ToString());
    }

    [Fact]
    public void Every_network_section_is_described_once_for_both_outputs()
    {
        // The console and JSON come from the same section objects: the titles shown are the sections' titles.
        var text = CliHarness.Run("analyze").Stdout;
        Assert.All(AnalysisSections.All(), s => Assert.Contains(s.Title, text));
    }
}

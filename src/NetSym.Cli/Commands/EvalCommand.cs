using System.CommandLine;
using NetSym.Cli.Rendering;
using NetSym.Dimension;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym eval MODEL --inputs X.csv | --random N [-o FILE]</c>: the network's outputs, one CSV
/// line per input line, every double in round-trip form.
/// </summary>
internal static class EvalCommand
{
    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var model = new Argument<string>("MODEL") { Description = "Model file: .json (NetSym), .onnx or .safetensors" };
        var inputs = new Option<string?>("--inputs")
        {
            Description = "CSV of inputs: one row per input, no header, as many columns as the network has inputs",
            HelpName = "FILE",
        };
        var random = NumericOptions.OptionalInteger("--random", 1, NumericOptions.MaxPoints, "Evaluate N standard normal inputs drawn with --seed instead");
        var output = CliOptions.OutputFile("Write the outputs CSV to FILE (whole or not at all) instead of stdout");
        var command = new Command("eval", "Evaluate a model: one CSV line of outputs per input")
        {
            model,
            inputs,
            random,
            output,
            options.ModelActivation,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(inputs) is null) == (result.GetResult(random) is null))
                result.AddError("give exactly one of --inputs FILE or --random N");
        });
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            string? outputFile = parse.GetValue(output);
            if (outputFile is not null) WriteTarget.Check(outputFile);
            var network = LoadedModel.Read(parse.GetRequiredValue(model), parse.GetValue(options.ModelActivation)).Network;
            string? inputFile = parse.GetValue(inputs);
            Matrix x;
            ReportValue inputDescription;
            if (inputFile is not null)
            {
                x = CsvMatrix.Read(inputFile, network.InputSize);
                inputDescription = inputFile;
                invocation.EnsureFits(Forward.EstimateMemory(network, x.Rows), "evaluate fewer rows at a time");
            }
            else
            {
                int n = parse.GetValue(random)!.Value;
                invocation.EnsureFits(Forward.EstimateMemory(network, n), "use a smaller --random N");
                x = InputSampler.Gaussian(network.InputSize).Draw(n, invocation.Seed);
                inputDescription = new GroupValue([new("random", "random", n), new("seed", "seed", invocation.Seed)]);
            }
            var backend = invocation.Context.Backend;
            var y = Forward.Evaluate(network, x, backend);

            if (outputFile is not null) CsvMatrix.Write(y, outputFile);
            else if (!invocation.Json)
            {
                CsvMatrix.Write(y, environment.Output);
                return ExitCodes.Success;
            }
            invocation.Write(new Report([Summary(y, inputDescription, backend, outputFile, network.HasDenseLayersOnly)]));
            return ExitCodes.Success;
        });
        return command;
    }

    // With -o the outputs go to the file, and stdout says what was written (a table, or JSON
    // without the outputs); without -o, --json carries the outputs themselves.
    private static ReportSection Summary(Matrix outputs, ReportValue inputs, LinearAlgebraBackend backend, string? outputFile, bool denseOnly)
    {
        IReadOnlyList<Fact> written = outputFile is null
            ? [new("outputs", "Outputs", new MatrixValue(outputs))]
            : [new("output_file", "Output file", outputFile), new("rows", "Rows", outputs.Rows), new("columns", "Columns", outputs.Columns)];
        return new ReportSection(null, "Evaluation")
        {
            Facts =
            [
                .. written,
                new("inputs", "Inputs", inputs),
                new("precision", "Precision", "float64"),
                new("backend", "Backend", backend.Description),
                .. denseOnly ? Array.Empty<Fact>() : [new Fact("convolutions", "Convolutions", Forward.ConvolvesDirectly
                    ? "NetSym's direct kernel (AVX2/AVX-512 FMA, each window read from a padded copy of the sample; float64)"
                    : "im2col and the backend's GEMM (float64)")],
            ],
        };
    }
}

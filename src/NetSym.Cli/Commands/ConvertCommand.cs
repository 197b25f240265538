using System.CommandLine;
using NetSym.Cli.Rendering;
using NetSym.IO;

namespace NetSym.Cli.Commands;

/// <summary><c>netsym convert IN OUT</c>: reads a model and writes it in the format OUT's extension names.</summary>
internal static class ConvertCommand
{
    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var input = new Argument<string>("IN") { Description = "Model to read: .json (NetSym), .onnx or .safetensors" };
        var output = new Argument<string>("OUT") { Description = "Model to write: .json (NetSym) or .onnx; written whole or not at all" };
        var command = new Command("convert", "Convert a model between formats, by file extension")
        {
            input,
            output,
            options.ModelActivation,
        };
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            string target = parse.GetRequiredValue(output);
            ModelFiles.CheckWritable(target);
            invocation.EnsureFits(ModelFiles.EstimateReadMemory(parse.GetRequiredValue(input)), "convert on a machine with more memory");
            var loaded = LoadedModel.Read(invocation, parse.GetRequiredValue(input), parse.GetValue(options.ModelActivation));
            invocation.EnsureFits(ModelFiles.EstimateWriteMemory(loaded.Network, target), "convert on a machine with more memory");
            invocation.WithProgress("convert", progress => ModelFiles.Write(loaded.Network, target, progress));
            bool rounded = ModelFormatNames.RoundsToFloat32(target);
            invocation.Write(new Report(
            [
                new ReportSection(null, "Converted")
                {
                    Facts =
                    [
                        new("input", "Read", loaded.Source),
                        new("input_format", "Read format", loaded.Format),
                        new("output", "Wrote", target),
                        new("output_format", "Written format", ModelFormatNames.Of(target)),
                        new("architecture", "Architecture", loaded.Network.Architecture),
                        new("parameter_count", "Parameters", loaded.Network.ParameterCount),
                        new("rounded_to_float32", "Weights rounded to float32", rounded,
                            rounded ? "ONNX stores float32 tensors: each weight was rounded to the nearest float32" : "doubles written exactly"),
                    ],
                },
            ]));
            return ExitCodes.Success;
        });
        return command;
    }
}

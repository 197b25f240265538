using System.CommandLine;
using NetSym.Cli.Analysis;
using NetSym.Cli.Rendering;
using NetSym.IO;

namespace NetSym.Cli.Commands;

/// <summary><c>netsym info MODEL</c>: what the file holds — architecture, sizes, activations, counts, layers.</summary>
internal static class InfoCommand
{
    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var model = new Argument<string>("MODEL") { Description = "Model file: .json (NetSym), .onnx or .safetensors" };
        var command = new Command("info", "Show a model's architecture, activations, parameter and neuron counts and layers")
        {
            model,
            options.ModelActivation,
        };
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            invocation.EnsureFits(ModelFiles.EstimateReadMemory(parse.GetRequiredValue(model)), "read it on a machine with more memory");
            var loaded = LoadedModel.Read(invocation, parse.GetRequiredValue(model), parse.GetValue(options.ModelActivation));
            invocation.Write(new Report([ModelSection.Describe(loaded)]));
            return ExitCodes.Success;
        });
        return command;
    }
}

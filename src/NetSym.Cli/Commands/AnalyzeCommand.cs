using System.CommandLine;
using NetSym.Cli.Analysis;
using NetSym.Cli.Rendering;
using NetSym.IO;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym analyze [MODEL]</c>: the full report on one network, section by section
/// (<see cref="AnalysisSections"/>); without MODEL, on the embedded example network.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var model = new Argument<string?>("MODEL")
        {
            Description = "Model file: .json (NetSym), .onnx or .safetensors; without it, an embedded example network",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("analyze", "The full report on one network (the embedded example if no MODEL is given)")
        {
            model,
            options.ModelActivation,
        };
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            var activation = parse.GetValue(options.ModelActivation);
            string? path = parse.GetValue(model);
            if (path is not null) invocation.EnsureFits(ModelFiles.EstimateReadMemory(path), "analyze it on a machine with more memory");
            var loaded = path is null ? ExampleNetwork.Load(activation) : LoadedModel.Read(path, activation);
            invocation.EnsureFits(AnalysisSections.EstimateMemory(loaded.Network), "run fdim and identifiable on their own, with fewer --points");
            var subject = new AnalysisSubject(loaded, invocation.Seed, invocation.Context.Backend);
            var sections = ProgressDisplay.Run(environment.Console, invocation.ShowProgress,
                [.. AnalysisSections.All().Select(s => (s.Title, (Func<ReportSection>)(() => s.Describe(subject))))]);
            invocation.Write(new Report(sections));
            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using NetSym.Cli.Analysis;
using NetSym.Cli.Rendering;
using NetSym.IO;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym analyze [MODEL] [--plots DIR]</c>: the full report on one network, section by section
/// (<see cref="AnalysisSections"/>); without MODEL, on the embedded example network. With --plots,
/// the sections that have figures write them into DIR.
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
        var plots = new Option<string?>("--plots")
        {
            Description = "Write the figures of the sections that have one into DIR (created if missing; its parent must exist): functional-dimension.png, and functional-dimension-spectrum.png for a float rank",
            HelpName = "DIR",
        };
        var command = new Command("analyze", "The full report on one network (the embedded example if no MODEL is given)")
        {
            model,
            options.ModelActivation,
            plots,
        };
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            string? plotDirectory = parse.GetValue(plots);
            if (plotDirectory is not null) WriteTarget.CheckDirectoryCreatable(plotDirectory);
            var activation = parse.GetValue(options.ModelActivation);
            string? path = parse.GetValue(model);
            if (path is not null) invocation.EnsureFits(ModelFiles.EstimateReadMemory(path), "analyze it on a machine with more memory");
            var loaded = path is null ? ExampleNetwork.Load(activation) : LoadedModel.Read(path, activation);
            invocation.EnsureFits(AnalysisSections.EstimateMemory(loaded.Network), "run fdim and identifiable on their own, with fewer --points");
            var subject = new AnalysisSubject(loaded, invocation.Seed, invocation.Context.Backend, plotDirectory);
            var sections = ProgressDisplay.Run(environment.Console, invocation.ShowProgress,
                [.. AnalysisSections.All().Select(s => (s.Title, (Func<ReportSection>)(() => s.Describe(subject))))]);
            invocation.Write(new Report(sections));
            return ExitCodes.Success;
        });
        return command;
    }
}

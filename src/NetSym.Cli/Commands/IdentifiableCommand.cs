using System.CommandLine;
using NetSym.Cli.Analysis;
using NetSym.Cli.Rendering;
using NetSym.Dimension;
using NetSym.IO;
using NetSym.Identifiability;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym identifiable MODEL --inputs X.csv | --points N [--dist gaussian|uniform] [--domain BOX] [--exact|--float]</c>:
/// local identifiability of a ReLU-family network from a sample set, with the condition that decides
/// it; for a one-hidden-layer ReLU network also identifiability from the domain. Exit 0 only for
/// "identifiable"; 1 for "not_identifiable" and for "undetermined" (no proof either way).
/// </summary>
internal static class IdentifiableCommand
{
    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var model = new Argument<string>("MODEL") { Description = "Model file: .json (NetSym), .onnx or .safetensors" };
        var inputs = new Option<string?>("--inputs")
        {
            Description = "CSV of samples X: one row per sample, no header, as many columns as the network has inputs",
            HelpName = "FILE",
        };
        var points = NumericOptions.OptionalInteger("--points", 1, NumericOptions.MaxPoints, "Draw N samples with --seed instead (see --dist)");
        var distribution = new Option<string>("--dist")
        {
            Description = "How --points are drawn: gaussian (x ~ N(0, I)) or uniform (on --domain, default [-1,1] per coordinate)",
            DefaultValueFactory = _ => "gaussian",
            HelpName = "gaussian|uniform",
        };
        distribution.AcceptOnlyFromAmong("gaussian", "uniform");
        var exact = new Option<bool>("--exact") { Description = "Exact ranks mod p (the default)" };
        var numeric = new Option<bool>("--float") { Description = "float64 ranks from singular values instead" };
        var maxPaths = EmbedCommand.MaxPathsOption();
        var command = new Command("identifiable", "Local identifiability from a sample set (C_S, C_N, …) and which condition decides it")
        {
            model,
            inputs,
            points,
            distribution,
            options.Domain,
            exact,
            numeric,
            maxPaths,
            options.ModelActivation,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(inputs) is null) == (result.GetResult(points) is null))
                result.AddError("give exactly one of --inputs FILE or --points N");
            if (result.GetValue(exact) && result.GetValue(numeric))
                result.AddError("give at most one of --exact and --float");
        });
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            var loaded = LoadedModel.Read(parse.GetRequiredValue(model), parse.GetValue(options.ModelActivation));
            var network = loaded.Network;
            NetSym.Embedding.PathLifting.EnsureSupported(network);
            var domain = options.DomainFor(parse, network.InputSize);
            var (x, samples) = Samples(parse, inputs, points, distribution, domain, network.InputSize, invocation.Seed);
            invocation.EnsureFits(LocalIdentifiability.EstimateMemory(network, x.Rows), "use fewer --points (or fewer --inputs rows)");
            var backend = invocation.Context.Backend;
            var checkOptions = new IdentifiabilityOptions
            {
                Method = parse.GetValue(numeric) ? RankMethod.Float : RankMethod.Exact,
                Seed = invocation.Seed,
                MaxPaths = parse.GetValue(maxPaths),
            };
            var result = invocation.WithProgress("identifiable", progress => LocalIdentifiability.Check(network, x, backend, checkOptions, progress));
            var shallow = ShallowIdentifiability.Check(network, backend, invocation.Seed, domain);
            var main = IdentifiabilitySection.Describe(result, network, samples, null, "Local identifiability");
            invocation.Write(new Report(
            [
                main with { Facts = [new("model", "Model", loaded.Source), .. main.Facts] },
                IdentifiabilitySection.DescribeShallow(shallow),
            ]));
            return result.Verdict == IdentifiabilityVerdict.Identifiable ? ExitCodes.Success : ExitCodes.No;
        });
        return command;
    }

    private static (Matrix X, ReportValue Description) Samples(System.CommandLine.ParseResult parse, Option<string?> inputs, Option<int?> points,
        Option<string> distribution, Box? domain, int dimension, int seed)
    {
        if (parse.GetValue(inputs) is { } file) return (CsvMatrix.Read(file, dimension), file);
        int n = parse.GetValue(points)!.Value;
        if (parse.GetValue(distribution) == "gaussian")
        {
            var gaussian = InputSampler.Gaussian(dimension);
            return (gaussian.Draw(n, seed), $"{n} points {gaussian.Describe(seed)}");
        }
        var box = domain ?? Box.Uniform(dimension, -1, 1);
        var sampler = InputSampler.InBox(box);
        return (sampler.Draw(n, seed), $"{n} points {sampler.Describe(seed)}");
    }
}

using System.CommandLine;
using System.Globalization;
using NetSym.Cli.Rendering;
using NetSym.IO;
using NetSym.Networks;
using NetSym.Symmetries;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym orbit MODEL --count K -o DIR</c>: random networks equivalent to MODEL under its
/// symmetry group, each checked on random inputs to compute the same function before it is written.
/// </summary>
internal static class OrbitCommand
{
    /// <summary>Inputs on which each orbit member is compared with the model.</summary>
    private const int CheckInputs = 64;

    /// <summary>Largest accepted output difference, relative to 1 + max |f|.</summary>
    private const double Tolerance = 1e-9;

    /// <summary>The most members one run draws: each is a model file of its own.</summary>
    private const int MaxCount = 10_000;

    /// <summary>Creates the output directory before any work, so that one that cannot be made fails at once.</summary>
    private static void CreateDirectory(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(directory, e is UnauthorizedAccessException ? "cannot create the directory: permission denied" : $"cannot create the directory: {e.Message}", e);
        }
    }

    /// <summary>The group the members are drawn from: the dense symmetry group, or the channel permutation spec.</summary>
    private static string GroupLine(Network network)
    {
        if (network.HasDenseLayersOnly)
        {
            var group = SymmetryGroup.Of(network);
            return $"{group.DiscreteOrder} × continuous part of dimension {group.ContinuousDimension}";
        }
        var spec = PermutationSpec.Derive(network);
        return $"{spec.Order} × continuous part of dimension {spec.ContinuousDimension} (channel permutation spec)";
    }

    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var model = new Argument<string>("MODEL") { Description = "Model file: .json (NetSym), .onnx or .safetensors" };
        var count = NumericOptions.Integer("--count", 1, MaxCount, 5, "How many equivalent networks to draw", "K", "-k");
        var output = CliOptions.OutputFile("Directory to write orbit-000.json, orbit-001.json, … into (created if missing); without it nothing is written");
        var command = new Command("orbit", "Random symmetric copies of a network, each verified to compute the same function")
        {
            model,
            count,
            output,
            options.ModelActivation,
        };
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            int k = parse.GetValue(count);
            string? directory = parse.GetValue(output);
            if (directory is not null) WriteTarget.CheckDirectory(directory);
            var loaded = LoadedModel.Read(parse.GetRequiredValue(model), parse.GetValue(options.ModelActivation));
            var memory = OrbitSampler.EstimateMemory(loaded.Network, k);
            if (directory is not null) memory = memory.Plus(ModelFiles.EstimateWriteMemory(loaded.Network.ParameterCount, Path.Combine(directory, "orbit.json")));
            invocation.EnsureFits(memory, "use a smaller --count");
            if (directory is not null) CreateDirectory(directory);
            var members = invocation.WithProgress("orbit", progress =>
                OrbitSampler.Sample(loaded.Network, k, invocation.Context.Key, invocation.Context.Backend, CheckInputs, Tolerance, progress));
            var failed = members.Where(m => !m.Verified).ToList();
            if (failed.Count > 0)
                throw new InvalidOperationException($"{failed.Count} of {k} orbit members differ from the model by up to {failed.Max(m => m.MaxOutputDifference):G3} (tolerance {Tolerance:G3}·(1 + max |f|)); nothing was written");

            var files = new List<string>();
            if (directory is not null)
            {
                for (int i = 0; i < members.Count; i++)
                {
                    string file = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"orbit-{i:D3}.json"));
                    ModelFiles.Write(members[i].Network, file);
                    files.Add(file);
                }
            }
            var network = loaded.Network;
            string group = GroupLine(network);
            invocation.Write(new Report(
            [
                new ReportSection(null, "Orbit")
                {
                    Facts =
                    [
                        new("model", "Model", loaded.Source),
                        new("count", "Members", members.Count),
                        new("group", "Group", group),
                        new("seed", "Seed", invocation.Seed, "key FromSeed(seed), split per element (docs/randomness.md)"),
                        new("check_inputs", "Check inputs", CheckInputs, $"x ~ N(0, I) from the same generator; a member passes when max |Δf| ≤ {Tolerance:G3}·(1 + max |f|)"),
                        new("directory", "Written to", directory ?? "(nothing written: give -o DIR)"),
                    ],
                    Tables =
                    [
                        new ReportTable("members", "Members",
                            [new("index", "#"), new("file", "file"), new("max_output_difference", "max |Δf|"), new("verified", "verified"), new("moved_neurons", network.HasDenseLayersOnly ? "neurons moved" : "channels moved")],
                            [.. members.Select((m, i) => (IReadOnlyList<ReportValue>)
                            [
                                i,
                                i < files.Count ? files[i] : "-",
                                m.MaxOutputDifference,
                                m.Verified,
                                m.Transform is { } t ? ChannelMapTable.Moved(t) : m.Element!.Permutations.Sum(p => p.Where((v, j) => v != j).Count()),
                            ])])
                        {
                            Caption = "max |Δf|: largest output difference from the model on the check inputs (float64)",
                        },
                    ],
                    Method = !network.HasDenseLayersOnly
                        ? $"random elements of the channel permutation spec (per class a uniform permutation within its blocks, per channel a log-uniform scaling in [e^-2, e^2] where the class admits positive scalings, a sign flip with probability 1/2 where it admits sign flips), float64 evaluation on backend {invocation.Context.Backend.Description}"
                        : $"random group elements (uniform permutations within interchangeable classes, per neuron a uniform listed symmetry, a family member — log-uniform scalings in [e^-2, e^2], shifts uniform in [-3, 3] — and a power of the step in {{-2, …, 2}}), float64 evaluation on backend {invocation.Context.Backend.Description}",
                },
            ]));
            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using NetSym.Cli.Rendering;
using NetSym.Networks;
using NetSym.Symmetries;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym count ARCH|MODEL [--activation NAME]</c>: the exact order of the discrete symmetry
/// group and the dimension of its continuous part, for an architecture string or a model file.
/// </summary>
internal static class CountCommand
{
    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var target = new Argument<string>("ARCH|MODEL")
        {
            Description = "A model file, or an architecture: widths 4-8-6-2, or layers conv(3,32,k3)-conv(32,64,k3)-dense(1600,10)",
        };
        var command = new Command("count", "Order of the discrete symmetry group (exact) and dimension of its continuous part")
        {
            target,
            options.ModelActivation,
        };
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            string text = parse.GetRequiredValue(target);
            var activation = parse.GetValue(options.ModelActivation);
            var sections = new List<ReportSection>();
            if (File.Exists(text) || Directory.Exists(text) || Path.HasExtension(text))
            {
                var loaded = LoadedModel.Read(text, activation);
                sections.Add(Describe(SymmetryCount.Of(loaded.Network), loaded.Network.Architecture, loaded.Network.HiddenActivations,
                    "derived per hidden neuron from its activation's affine symmetry group; permutations within classes of interchangeable neurons (equal connectivity)"));
                var reduction = NetSym.Reduction.Reducer.Reduce(loaded.Network);
                if (reduction.Steps.Count > 0)
                    sections.Add(new ReportSection("degeneracy", "Degeneracy")
                    {
                        Facts =
                        [
                            new("degenerate", "Degenerate", true, "the set of equivalent parameters is larger than the generic count"),
                            new("reduced_architecture", "Reduced architecture", reduction.Network.Architecture),
                        ],
                        Tables = [ReductionTable.Steps(reduction, "causes")],
                        Method = "why: a neuron with zero outgoing weights leaves its incoming weights free; a constant neuron trades its value with downstream biases; twins can share their outgoing weights in any proportion (exact rules of the reducer)",
                    });
            }
            else
            {
                var architecture = LayeredArchitecture.TryParse(text, out string? error) ?? throw new ArgumentException(error);
                var hidden = activation ?? new ReluActivation();
                string activationNote = activation is null ? $"{hidden.Spec} (default; set --activation)" : hidden.Spec;
                sections.Add(Describe(SymmetryCount.Of(architecture, hidden), architecture.ToString(), activationNote,
                    "generic network of this architecture: every hidden unit (neuron or filter) permutable within its layer and acted on by its activation's affine group (Michelucci 2022)"));
            }
            invocation.Write(new Report(sections));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The count as a report section (shared with <c>analyze</c>).</summary>
    internal static ReportSection Describe(SymmetryCount count, string architecture, string activation, string how) =>
        new(null, "Symmetry group")
        {
            Facts =
            [
                new("architecture", "Architecture", architecture),
                new("activation", "Hidden activation", activation),
                new("order", "Order (discrete part)", count.Order.Value.ToString(CultureInfo.InvariantCulture), "exact integer"),
                new("factorization", "Factorisation", count.Order.ToString(), "k! per class of interchangeable units, 2^n per sign/reflection symmetry"),
                new("log10_order", "log10 order", count.Order.Log10, "float64 sum of log10 of the factors"),
                new("continuous_dimension", "Continuous dimension", count.ContinuousDimension, "real parameters of the continuous part (e.g. one scale per ReLU neuron)"),
            ],
            Method = $"exact count: {how}",
        };
}

using System.CommandLine;
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
        var digits = new Option<bool>("--digits")
        {
            Description = $"Print every digit of the order even when it has more than {ExpandUpTo} (a layer of 100000 neurons gives 456574 digits in about a second; 10^6 neurons, 5565709 digits, in about 30 s)",
        };
        var command = new Command("count", "Order of the discrete symmetry group (exact) and dimension of its continuous part")
        {
            target,
            options.ModelActivation,
            digits,
        };
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            string text = parse.GetRequiredValue(target);
            var activation = parse.GetValue(options.ModelActivation);
            bool allDigits = parse.GetValue(digits);
            var sections = new List<ReportSection>();
            if (File.Exists(text) || Directory.Exists(text) || Path.HasExtension(text))
            {
                var loaded = LoadedModel.Read(text, activation);
                var count = SymmetryCount.Of(loaded.Network);
                EnsureDigitsFit(invocation, count, allDigits);
                bool graph = !loaded.Network.HasDenseLayersOnly;
                sections.Add(Describe(count, loaded.Network.Architecture, loaded.Network.HiddenActivations, allDigits,
                    (graph ? PermutationSpecSection.Method + " (netsym symmetries MODEL lists the classes)"
                        : "derived per hidden neuron from its activation's affine symmetry group; permutations within classes of interchangeable neurons (equal connectivity)")
                    + Caveats(loaded.Network.Layers.SkipLast(1).Select(l => l.Activation))));
                // The reducer works neuron by neuron on dense layers and channel by channel on a convolutional network.
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
                        Method = "why: a neuron (or channel) with zero outgoing weights leaves its incoming weights free; a constant one trades its value with downstream biases; twins can share their outgoing weights in any proportion (exact rules of the reducer)",
                    });
            }
            else
            {
                var architecture = LayeredArchitecture.TryParse(text, out string? error) ?? throw new ArgumentException(error);
                var hidden = activation ?? new ReluActivation();
                string activationNote = activation is null ? $"{hidden.Spec} (default; set --activation)" : hidden.Spec;
                var count = SymmetryCount.Of(architecture, hidden);
                EnsureDigitsFit(invocation, count, allDigits);
                sections.Add(Describe(count, architecture.ToString(), activationNote, allDigits,
                    "generic network of this architecture: every hidden unit (neuron or filter) permutable within its layer and acted on by its activation's affine group (Michelucci 2022)"
                    + Caveats([hidden])));
            }
            invocation.Write(new Report(sections));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>With --digits, refuses an order whose digits would not fit in memory (10^8 neurons: 757 million digits).</summary>
    private static void EnsureDigitsFit(Invocation invocation, SymmetryCount count, bool allDigits)
    {
        if (allDigits && count.Order.IsFinite) invocation.EnsureFits(count.Order.EstimateDecimalMemory(), "leave out --digits (the factorisation, digit count and log10 are given without them)");
    }

    /// <summary>"; " and each activation group's reason to be incomplete (an expression whose discovery did not resolve), or "".</summary>
    internal static string Caveats(IEnumerable<Activation> activations) =>
        string.Concat(activations.Select(a => a.Symmetries.Incomplete).OfType<string>().Distinct().Select(note => $"; {note}"));

    /// <summary>Orders with at most this many digits are printed whole; larger ones only with --digits.</summary>
    internal const int ExpandUpTo = 1000;

    /// <summary>The count as a report section.</summary>
    internal static ReportSection Describe(SymmetryCount count, string architecture, string activation, bool allDigits, string how) =>
        new(null, "Symmetry group")
        {
            Facts =
            [
                new("architecture", "Architecture", architecture),
                new("activation", "Hidden activation", activation),
                .. OrderFacts(count.Order, allDigits),
                new("continuous_dimension", "Continuous dimension", count.ContinuousDimension, "real parameters of the continuous part (e.g. one scale per ReLU neuron)"),
            ],
            Method = $"exact count: {how}",
        };

    /// <summary>
    /// The order: its exact digits (JSON "order", a string) when it has at most <see cref="ExpandUpTo"/>
    /// digits or <paramref name="allDigits"/>; always its factorisation, digit count, scientific form
    /// and log10, which cost microseconds where forming a million-digit integer costs seconds.
    /// Shared with <c>analyze</c>.
    /// </summary>
    internal static IEnumerable<Fact> OrderFacts(GroupOrder order, bool allDigits)
    {
        if (!order.IsFinite)
        {
            yield return new("order", "Order (discrete part)", "infinite", $"countable: one factor ℤ per neuron whose activation has a period ({order.InfiniteCyclic})");
            yield return new("factorization", "Factorisation", order.ToString(), "k! per class of interchangeable units, 2^n per sign/reflection symmetry, ℤ^m per period");
            yield break;
        }
        bool expand = allDigits || order.DigitCount <= ExpandUpTo;
        string? exact = expand ? order.ToDecimalString() : null;
        if (exact is not null) yield return new("order", "Order (discrete part)", exact, "exact integer");
        else yield return new("order_scientific", "Order (discrete part)", order.Scientific,
            $"not expanded ({order.DigitCount} digits): --digits prints them all");
        yield return new("factorization", "Factorisation", order.ToString(), "k! per class of interchangeable units, 2^n per sign/reflection symmetry");
        yield return new("order_digits", "Digits", exact?.Length ?? order.DigitCount, exact is null ? "from log10" : "of the exact integer");
        if (exact is not null) yield return new("order_scientific", "Scientific", order.Scientific, "leading digits from log10");
        yield return new("log10_order", "log10 order", order.Log10, "float64: term sums for small factorials, Stirling's series for large ones");
    }
}

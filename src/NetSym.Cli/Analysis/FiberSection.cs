using NetSym.Canonical;
using NetSym.Cli.Commands;
using NetSym.Cli.Rendering;
using NetSym.Reduction;

namespace NetSym.Cli.Analysis;

/// <summary>
/// Every network that realises the same function (<see cref="Fiber"/>): the reduced canonical network, the group
/// acting on it with its order, the degenerate additions that give larger networks, and the theorem's conditions —
/// complete where they all hold, and saying which fails, and what the answer then covers, where one does not.
/// Shared by <c>netsym fiber</c> and <c>netsym analyze</c>.
/// </summary>
internal sealed class FiberSection : IAnalysisSection
{
    /// <inheritdoc />
    public string Title => "All networks realising f";

    /// <inheritdoc />
    public ReportSection Describe(AnalysisSubject subject) => subject.Model.Network.HasDenseLayersOnly
        ? Describe("fiber", Fiber.Describe(subject.Model.Network), subject.Model.Network.Architecture)
        : new ReportSection("fiber", Title)
        {
            Facts =
            [
                new("applicable", "Applicable", false),
                new("reason", "Why", "not computed: the fiber theorem's conditions are checked on dense layers; for convolution, pooling and addition layers the Symmetries section gives the group derived from the graph"),
            ],
        };

    /// <summary>The section for a fiber of a network of the given architecture, under <paramref name="key"/> in JSON (null: at the top level).</summary>
    public static ReportSection Describe(string? key, FiberResult fiber, string architecture)
    {
        var reduced = fiber.Reduction.Network;
        var order = fiber.Group.DiscreteOrder;
        return new ReportSection(key, "All networks realising f")
        {
            Facts =
            [
                new("complete", "Complete", fiber.Complete, fiber.Complete
                    ? "every network realising f is in the canonical network's orbit under the group, or one of those enlarged by the degenerate additions below (Vlačić & Bölcskei 2021)"
                    : "a condition of the uniqueness theorem fails (see the conditions): the orbit and the additions are networks realising f, but not shown to be all of them"),
                .. ReductionTable.Summary(architecture, fiber.Reduction),
                new("canonical_fingerprint", "Canonical fingerprint", Fingerprint.Of(fiber.Canonical).Hex, $"of the reduced network's canonical form: the same for every network of the fiber that the theorem covers ({Fingerprint.Version})"),
                .. CountCommand.OrderFacts(order, allDigits: false),
                new("continuous_dimension", "Continuous dimension", fiber.Group.ContinuousDimension),
                new("orbit_size", "Networks of the reduced shape", fiber.OrbitSize is { } size ? (size.DigitCount <= 30 ? size.ToDecimalString() : size.Scientific) : "not determined", fiber.OrbitSize is not null
                    ? "parameter settings of the reduced architecture realising f: the group's order, since no element but the identity fixes a network with no twins and no constant unit"
                    : fiber.Group.ContinuousDimension > 0 ? "a continuum: the group has continuous families" : "the theorem does not apply, so other settings may realise f too"),
            ],
            Tables =
            [
                new ReportTable("conditions", "Conditions of the uniqueness theorem",
                    [new("name", "condition"), new("holds", "holds"), new("detail", "what was checked")],
                    [.. fiber.Conditions.Select(c => (IReadOnlyList<ReportValue>)[c.Name, c.Holds, c.Detail])]),
                new ReportTable("additions", "Larger networks realising f",
                    [new("kind", "addition"), new("what", "what it adds"), new("undone_by", "undone by")],
                    [.. fiber.Additions.Select(a => (IReadOnlyList<ReportValue>)[Name(a), What(a), UndoneBy(a)])])
                {
                    Caption = "each addition keeps the function exactly (DegenerateAddition in the library builds one, and the tests evaluate it)",
                },
                .. fiber.Reduction.Steps.Count > 0 ? [ReductionTable.Steps(fiber.Reduction, "reduction_steps")] : Array.Empty<ReportTable>(),
            ],
            Method = $"reduced by exact rules (tolerance 0), canonical form in float64; the theorem covers {Fiber.TheoremScope}; group order exact",
        };
    }

    private static string Name(DegenerateAdditionKind kind) => kind switch
    {
        DegenerateAdditionKind.DeadUnit => "dead_unit",
        DegenerateAdditionKind.ConstantUnit => "constant_unit",
        DegenerateAdditionKind.SplitUnit => "split_unit",
        DegenerateAdditionKind.CancellingPair => "cancelling_pair",
        _ => "zero_weight_edge",
    };

    private static string What(DegenerateAdditionKind kind) => kind switch
    {
        DegenerateAdditionKind.DeadUnit => "a unit with any incoming weights and zero outgoing weights",
        DegenerateAdditionKind.ConstantUnit => "a unit with zero incoming weights (output ρ(β)), its consumers' biases reduced by u·ρ(β)",
        DegenerateAdditionKind.SplitUnit => "a copy of a unit under a symmetry (a, b, c, d) of ρ taking outgoing weights u′, the original keeping u − c·u′ and the biases −u′·d",
        DegenerateAdditionKind.CancellingPair => "two units, one the image of the other under a symmetry of ρ, whose outgoing contributions cancel",
        _ => "a connection of weight zero, e.g. a layer that also reads the network input: another architecture",
    };

    private static string UndoneBy(DegenerateAdditionKind kind) => kind switch
    {
        DegenerateAdditionKind.DeadUnit => "reduce: zero outgoing",
        DegenerateAdditionKind.ConstantUnit => "reduce: zero incoming",
        DegenerateAdditionKind.SplitUnit => "reduce: twins",
        DegenerateAdditionKind.CancellingPair => "reduce: twins, then zero outgoing",
        _ => "dropping the edge (the reducer keeps architectures' edges)",
    };
}

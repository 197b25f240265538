using NetSym.Symmetries;

namespace NetSym.Cli.Rendering;

/// <summary>A group element as a table: for each hidden neuron, where it goes and which affine symmetry acts on it.</summary>
internal static class SymmetryMapTable
{
    /// <summary>One row per hidden neuron: layer, target position, source neuron, (a, b, c, d).</summary>
    public static ReportTable Of(GroupElement element) => new(
        "map",
        "Symmetry map",
        [new("layer", "layer"), new("position", "position"), new("neuron", "from neuron"), new("a", "a"), new("b", "b"), new("c", "c"), new("d", "d")],
        [
            .. element.Permutations.SelectMany((perm, l) => perm.Select((source, k) =>
            {
                var s = element.Affine[l][source];
                return (IReadOnlyList<ReportValue>)[l, k, source, s.A, s.B, s.C, s.D];
            })),
        ])
    {
        Caption = "position k of hidden layer l holds the neuron 'from neuron' of B, transformed by ρ(a·z+b) = c·ρ(z)+d: incoming (w, β) → (a·w, a·β+b), outgoing u → u/c",
    };
}

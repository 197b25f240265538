using Onnx;

namespace NetSym.IO;

/// <summary>
/// The node patterns torch.onnx.export writes for activations that ONNX (before opset 20) has no op
/// for, each replaced by one node the layer reader takes as that activation:
/// GELU as Div(x, √2), Erf, Add(·, 1), Mul(x, ·), Mul(·, 0.5) → a <c>Gelu</c> node (ONNX's own op from
/// opset 20, approximate = "none"); SiLU as Sigmoid(x), Mul(x, ·) → a <c>Silu</c> node (NetSym's name;
/// ONNX has no such op); softsign as Abs(x), Add(·, 1), Div(x, ·) → a <c>Softsign</c> node. Constant
/// operands are matched to within float32 rounding, binary operands in either order; every
/// intermediate tensor must feed only the next node of its pattern.
/// </summary>
internal static class OnnxPatterns
{
    /// <summary>The fused node of a SiLU pattern.</summary>
    public const string Silu = "Silu";

    /// <summary>The fused node of a GELU pattern (ONNX's Gelu op, approximate = "none").</summary>
    public const string Gelu = "Gelu";

    /// <summary>The fused node of a softsign pattern (ONNX's Softsign op).</summary>
    public const string Softsign = "Softsign";

    /// <summary>
    /// <paramref name="nodes"/> with each pattern replaced by one node, at the place of its last node and
    /// named after its first; <paramref name="fused"/> receives each new node with the first node of its pattern.
    /// </summary>
    /// <param name="nodes">The graph's nodes, Constant nodes already taken out as initializers.</param>
    /// <param name="scalar">The value of a one-element initializer, or null when the name is not one.</param>
    /// <param name="fused">Receives the nodes that stand for a pattern, each with the first node of its pattern.</param>
    public static List<NodeProto> Fuse(IReadOnlyList<NodeProto> nodes, Func<string, double?> scalar, IDictionary<NodeProto, NodeProto> fused)
    {
        var producer = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var n in nodes)
        {
            foreach (string o in n.Output) producer[o] = n;
            foreach (string i in n.Input) uses[i] = uses.GetValueOrDefault(i) + 1;
        }

        // The node of type op that produces tensor, when tensor feeds nothing else.
        NodeProto? From(string tensor, string op) =>
            producer.TryGetValue(tensor, out var n) && n.OpType == op && (n.Domain is "" or "ai.onnx") && uses.GetValueOrDefault(tensor) == 1 ? n : null;
        bool Is(string tensor, double value) => scalar(tensor) is { } v && Math.Abs(v - value) <= 1e-6 * Math.Abs(value);
        static IEnumerable<(string, string)> Orders(NodeProto n) =>
            n.Input.Count == 2 ? [(n.Input[0], n.Input[1]), (n.Input[1], n.Input[0])] : [];

        var replacement = new Dictionary<NodeProto, NodeProto>(ReferenceEqualityComparer.Instance);
        var used = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        foreach (var n in nodes)
        {
            if (n.Domain is not ("" or "ai.onnx") || n.Output.Count != 1) continue;
            var match = n.OpType switch
            {
                "Mul" => MatchGelu(n) ?? MatchSilu(n),
                "Div" => MatchSoftsign(n),
                _ => null,
            };
            if (match is not { } m || m.Members.Any(used.Contains)) continue;
            used.UnionWith(m.Members);
            var node = new NodeProto { OpType = m.OpType, Name = m.Members[0].Name };
            node.Input.Add(m.Input);
            node.Output.Add(n.Output[0]);
            replacement[n] = node;
            fused.Add(node, m.Members[0]);
        }
        return [.. nodes.Where(n => !used.Contains(n) || replacement.ContainsKey(n)).Select(n => replacement.GetValueOrDefault(n, n))];

        // Mul(Mul(x, Add(Erf(Div(x, √2)), 1)), 0.5), operands of each in either order.
        Match? MatchGelu(NodeProto last)
        {
            foreach (var (product, half) in Orders(last))
                if (Is(half, 0.5) && From(product, "Mul") is { } mul)
                    foreach (var (x, sum) in Orders(mul))
                        if (From(sum, "Add") is { } add)
                            foreach (var (erfOut, one) in Orders(add))
                                if (Is(one, 1) && From(erfOut, "Erf") is { } erf && From(erf.Input[0], "Div") is { } div
                                    && div.Input[0] == x && Is(div.Input[1], Math.Sqrt(2)))
                                    return new(Gelu, x, [div, erf, add, mul, last]);
            return null;
        }

        // Mul(x, Sigmoid(x)).
        Match? MatchSilu(NodeProto last)
        {
            foreach (var (x, s) in Orders(last))
                if (From(s, "Sigmoid") is { } sigmoid && sigmoid.Input[0] == x)
                    return new(Silu, x, [sigmoid, last]);
            return null;
        }

        // Div(x, Add(Abs(x), 1)).
        Match? MatchSoftsign(NodeProto last)
        {
            if (last.Input.Count != 2 || From(last.Input[1], "Add") is not { } add) return null;
            string x = last.Input[0];
            foreach (var (absOut, one) in Orders(add))
                if (Is(one, 1) && From(absOut, "Abs") is { } abs && abs.Input[0] == x)
                    return new(Softsign, x, [abs, add, last]);
            return null;
        }
    }

    /// <summary>A matched pattern: the op that stands for it, its input, and its nodes in order.</summary>
    private sealed record Match(string OpType, string Input, NodeProto[] Members);
}

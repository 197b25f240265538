using Onnx;

namespace NetSym.IO;

/// <summary>
/// The order in which the layer builder reads a graph's nodes: every node after the nodes whose
/// outputs it reads (ONNX asks writers for this order; NetSym does not rely on it), and only nodes
/// that lie on a path from the input to the output. Also counts the readers of every tensor, which
/// decides whether an activation or a BatchNormalization may be merged into the layer before it.
/// </summary>
internal sealed class OnnxTopology
{
    private readonly Dictionary<string, int> _uses = new(StringComparer.Ordinal);

    /// <summary>Orders <paramref name="nodes"/>; <paramref name="describe"/> names a node in messages.</summary>
    /// <exception cref="FormatProblem">A cycle, a node that is not on a path from input to output, or a node with other than one output.</exception>
    public OnnxTopology(IReadOnlyList<NodeProto> nodes, string input, string output, Func<NodeProto, string> describe)
    {
        var producer = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (node.Output.Count != 1 || node.Output[0].Length == 0)
                throw new FormatProblem($"{describe(node)} has {node.Output.Count(o => o.Length > 0)} outputs; NetSym reads ops with one");
            if (!producer.TryAdd(node.Output[0], node) || node.Output[0] == input)
                throw new FormatProblem($"{describe(node)} writes '{node.Output[0]}', which another node or the input already defines");
            foreach (string name in node.Input)
                if (name.Length > 0) _uses[name] = _uses.GetValueOrDefault(name) + 1;
        }
        _uses[output] = _uses.GetValueOrDefault(output) + 1;

        // Only what the output depends on is part of the network; anything else would be computed and dropped.
        var needed = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<string>([output]);
        while (pending.TryPop(out string? tensor))
            if (producer.TryGetValue(tensor, out var node) && needed.Add(node))
                foreach (string name in node.Input) pending.Push(name);
        var stray = nodes.FirstOrDefault(n => !needed.Contains(n));
        if (stray is not null) throw new FormatProblem($"{describe(stray)} is not on a path from input '{input}' to output '{output}'");

        // Kahn's algorithm taking the earliest ready node first, so a sorted graph keeps its order. Inputs no node writes (the graph input,
        // initializers, missing names) are ready from the start; the builder reports the missing ones.
        var waiting = new Dictionary<NodeProto, int>(ReferenceEqualityComparer.Instance);
        foreach (var node in nodes) waiting[node] = node.Input.Distinct().Count(producer.ContainsKey);
        var readers = new Dictionary<string, List<NodeProto>>(StringComparer.Ordinal);
        foreach (var node in nodes)
            foreach (string name in node.Input.Distinct())
                if (producer.ContainsKey(name)) (readers.TryGetValue(name, out var list) ? list : readers[name] = []).Add(node);
        var position = new Dictionary<NodeProto, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < nodes.Count; i++) position[nodes[i]] = i;
        var ready = new PriorityQueue<NodeProto, int>(nodes.Where(n => waiting[n] == 0).Select(n => (n, position[n])));
        while (ready.TryDequeue(out var node, out _))
        {
            Order.Add(node);
            foreach (var reader in readers.GetValueOrDefault(node.Output[0]) ?? [])
                if (--waiting[reader] == 0) ready.Enqueue(reader, position[reader]);
        }
        var cyclic = nodes.FirstOrDefault(n => waiting[n] > 0);
        if (cyclic is not null) throw new FormatProblem($"the graph has a cycle through {describe(cyclic)}");
    }

    /// <summary>The nodes, each after those it reads.</summary>
    public List<NodeProto> Order { get; } = [];

    /// <summary>How many node inputs read <paramref name="tensor"/>, the graph output counting as one.</summary>
    public int Uses(string tensor) => _uses.GetValueOrDefault(tensor);
}

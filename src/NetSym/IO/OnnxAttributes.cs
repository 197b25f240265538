using Onnx;

namespace NetSym.IO;

/// <summary>
/// Reads the attributes of a node, checking their types: an attribute of another type than the op
/// defines is a <see cref="FormatProblem"/> naming the node, never a silent default.
/// </summary>
internal sealed class OnnxAttributes(OnnxGraphReader graph)
{
    /// <summary>A float attribute, or null when absent.</summary>
    public float? Float(NodeProto node, string name) => Find(node, name, AttributeProto.Types.AttributeType.Float)?.F;

    /// <summary>An int attribute, or null when absent.</summary>
    public long? Int(NodeProto node, string name) => Find(node, name, AttributeProto.Types.AttributeType.Int)?.I;

    /// <summary>A string attribute, or null when absent.</summary>
    public string? String(NodeProto node, string name) => Find(node, name, AttributeProto.Types.AttributeType.String)?.S.ToStringUtf8();

    /// <summary>An ints attribute, or null when absent.</summary>
    public long[]? Ints(NodeProto node, string name) => Find(node, name, AttributeProto.Types.AttributeType.Ints) is { } a ? [.. a.Ints] : null;

    /// <summary>
    /// An ints attribute with one entry per spatial axis (<paramref name="count"/> of them), each in int
    /// range and at least <paramref name="minimum"/>; <paramref name="fallback"/> when absent.
    /// </summary>
    public int[] PerAxis(NodeProto node, string name, int count, int minimum, int fallback)
    {
        var values = Ints(node, name);
        if (values is null) return [.. Enumerable.Repeat(fallback, count)];
        if (values.Length != count)
            throw new FormatProblem($"{graph.Describe(node)}: attribute '{name}' has {values.Length} entries, expected {count} (one per spatial axis)");
        if (values.Any(v => v < minimum || v > int.MaxValue))
            throw new FormatProblem($"{graph.Describe(node)}: attribute '{name}' = [{string.Join(",", values)}] has an entry below {minimum} or too large");
        return [.. values.Select(v => (int)v)];
    }

    private AttributeProto? Find(NodeProto node, string name, AttributeProto.Types.AttributeType type)
    {
        var a = node.Attribute.FirstOrDefault(a => a.Name == name);
        if (a is not null && a.Type != type)
            throw new FormatProblem($"{graph.Describe(node)}: attribute '{name}' is {a.Type.ToString().ToLowerInvariant()}, expected {type.ToString().ToLowerInvariant()}");
        return a;
    }
}

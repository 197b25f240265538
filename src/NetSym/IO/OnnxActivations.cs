using System.Globalization;
using NetSym.Networks;

namespace NetSym.IO;

/// <summary>
/// The correspondence between NetSym's activations and ONNX nodes, read by both the reader and the
/// writer so that whatever is written reads back as the same activation. Each activation states its
/// own node (<see cref="Activation.Onnx"/>); this class adds what ONNX itself defines: which op types
/// are activations and the attribute defaults.
/// </summary>
/// <remarks>
/// ONNX stores <c>alpha</c> (LeakyRelu, Elu) and Clip bounds as float32: a parameter is rounded to
/// float32 on export and widened exactly on import, so leaky_relu(0.1) comes back as
/// leaky_relu((double)0.1f).
/// </remarks>
internal static class OnnxActivations
{
    // ONNX's defaults for an absent alpha attribute (opset 13).
    private static readonly Dictionary<string, float> DefaultAlpha = new(StringComparer.Ordinal)
    {
        ["LeakyRelu"] = 0.01f, ["Elu"] = 1f, ["Selu"] = (float)SeluOperator.Alpha, ["HardSigmoid"] = 0.2f,
    };

    /// <summary>Op types that are activations (Gelu: ONNX's op from opset 20).</summary>
    public static IReadOnlySet<string> OpTypes { get; } =
        ActivationCatalog.Defaults.Select(a => a.Onnx?.OpType).OfType<string>().Append(OnnxPatterns.Gelu).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The ONNX form of <paramref name="activation"/>; null for identity (no node). SiLU and exact GELU come
    /// as <see cref="OnnxPatterns.Silu"/> and <see cref="OnnxPatterns.Gelu"/>, which the writer writes as
    /// their node patterns.
    /// </summary>
    /// <exception cref="NotSupportedException">The activation has neither a single op in opset 13 nor a pattern.</exception>
    public static OnnxActivation? ToOnnx(Activation activation) =>
        activation.IsIdentity ? null
        : activation.Onnx ?? activation switch
        {
            SiluActivation => new(OnnxPatterns.Silu),
            GeluErfActivation => new(OnnxPatterns.Gelu),
            _ => throw new NotSupportedException(
            $"activation '{activation.Spec}' has no ONNX form NetSym writes ({(activation is ExpressionActivation ? "an expression is evaluated by NetSym alone" : "Gelu arrived in opset 20")}): save the network as NetSym JSON instead"),
        };

    /// <summary>
    /// The activation an ONNX node computes. Absent alpha takes the ONNX default (LeakyRelu 0.01,
    /// Elu 1, Selu 1.6732632, HardSigmoid 0.2); float32 values are widened exactly. A fused SiLU
    /// pattern is silu, and Gelu (a fused pattern, or ONNX's op with approximate = "none") gelu_erf.
    /// </summary>
    /// <returns>Null with <paramref name="error"/> set when the node is not one NetSym knows.</returns>
    public static Activation? FromOnnx(OnnxActivation op, out string? error)
    {
        error = null;
        if (op.OpType == OnnxPatterns.Silu) return new SiluActivation();
        if (op.OpType == OnnxPatterns.Gelu) return new GeluErfActivation();
        if (op.Alpha is null && DefaultAlpha.TryGetValue(op.OpType, out float alpha)) op = op with { Alpha = alpha };
        if (ActivationCatalog.FromOnnx(op) is { } activation) return activation;
        var known = ActivationCatalog.Defaults.Where(a => a.Onnx?.OpType == op.OpType).ToList();
        if (known.Count == 0) error = $"'{op.OpType}' is not an activation";
        else if (op.OpType == "Clip" && op.ClipBounds is null) error = "Clip needs both bounds as constant initializers";
        else error = $"{Describe(op)} is not a NetSym activation (only {string.Join(" and ", known.Select(a => $"{Describe(a.Onnx!)} = {a.Spec}"))} are)";
        return null;
    }

    private static string Describe(OnnxActivation op) =>
        op.ClipBounds is { } b ? $"{op.OpType}({b.Min}, {b.Max})" : op.Alpha is { } a ? $"{op.OpType}(alpha={a.ToString("R", CultureInfo.InvariantCulture)})" : op.OpType;
}

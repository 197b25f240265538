using NetSym.Networks;

namespace NetSym.IO;

/// <summary>
/// An activation as one ONNX (opset 13) node: the op type, its float <c>alpha</c> attribute if it
/// has one, and the constant bounds of a <c>Clip</c>.
/// </summary>
internal sealed record OnnxActivation(string OpType, float? Alpha = null, (float Min, float Max)? ClipBounds = null);

/// <summary>
/// The one correspondence between NetSym's activations and ONNX ops, read by both the reader and
/// the writer so that whatever is written reads back as the same activation.
/// </summary>
/// <remarks>
/// ONNX stores <c>alpha</c> (LeakyRelu, Elu) and Clip bounds as float32: a parameter is rounded to
/// float32 on export and widened exactly on import, so leaky_relu(0.1) comes back as
/// leaky_relu((double)0.1f).
/// </remarks>
internal static class OnnxActivations
{
    /// <summary>Op types that are activations.</summary>
    public static IReadOnlySet<string> OpTypes { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "Relu", "LeakyRelu", "Tanh", "Sigmoid", "Softplus", "Abs", "Elu", "Clip" };

    /// <summary>The ONNX form of <paramref name="activation"/>; null for identity (no node).</summary>
    /// <exception cref="NotSupportedException">The activation has no single op in opset 13.</exception>
    public static OnnxActivation? ToOnnx(Activation activation) => activation switch
    {
        IdentityActivation => null,
        ReluActivation => new("Relu"),
        LeakyReluActivation l => new("LeakyRelu", Alpha: (float)l.Alpha),
        TanhActivation => new("Tanh"),
        SigmoidActivation => new("Sigmoid"),
        SoftplusActivation => new("Softplus"),
        AbsActivation => new("Abs"),
        EluActivation e => new("Elu", Alpha: (float)e.Alpha),
        HardtanhActivation => new("Clip", ClipBounds: (-1, 1)),
        Relu6Activation => new("Clip", ClipBounds: (0, 6)),
        _ => throw new NotSupportedException(
            $"activation '{activation.Spec}' has no operator in ONNX opset 13 (Gelu arrived in opset 20): save the network as NetSym JSON instead"),
    };

    /// <summary>
    /// The activation an ONNX node computes. Absent alpha takes the ONNX default (LeakyRelu 0.01,
    /// Elu 1); float32 values are widened exactly.
    /// </summary>
    /// <returns>Null with <paramref name="error"/> set when the node is not one NetSym knows.</returns>
    public static Activation? FromOnnx(OnnxActivation op, out string? error)
    {
        error = null;
        switch (op.OpType)
        {
            case "Relu": return new ReluActivation();
            case "LeakyRelu": return new LeakyReluActivation(op.Alpha ?? 0.01f);
            case "Tanh": return new TanhActivation();
            case "Sigmoid": return new SigmoidActivation();
            case "Softplus": return new SoftplusActivation();
            case "Abs": return new AbsActivation();
            case "Elu": return new EluActivation(op.Alpha ?? 1f);
            case "Clip" when op.ClipBounds == (-1f, 1f): return new HardtanhActivation();
            case "Clip" when op.ClipBounds == (0f, 6f): return new Relu6Activation();
            case "Clip":
                error = op.ClipBounds is { } b
                    ? $"Clip({b.Min}, {b.Max}) is not a NetSym activation (only Clip(-1, 1) = hardtanh and Clip(0, 6) = relu6 are)"
                    : "Clip needs both bounds as constant initializers";
                return null;
            default:
                error = $"'{op.OpType}' is not an activation";
                return null;
        }
    }
}

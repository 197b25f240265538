namespace NetSym.Networks;

/// <summary>
/// An activation as one ONNX (opset 13) node: the op type, its float <c>alpha</c> attribute if it
/// has one, and the constant bounds of a <c>Clip</c>. ONNX stores these as float32.
/// </summary>
/// <param name="OpType">The ONNX op type, e.g. "LeakyRelu".</param>
/// <param name="Alpha">The <c>alpha</c> attribute (LeakyRelu, Elu), if the op has one.</param>
/// <param name="ClipBounds">The constant bounds of a <c>Clip</c>.</param>
public sealed record OnnxActivation(string OpType, float? Alpha = null, (float Min, float Max)? ClipBounds = null);

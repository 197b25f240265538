using NetSym.Networks;
using Onnx;

namespace NetSym.IO;

/// <summary>
/// A data tensor of an ONNX graph as the layer builder sees it once its layer is closed: the value of
/// network node <see cref="Node"/> (0 the input, k the output of layer k − 1) read with
/// <see cref="Shape"/>, which is the node's own shape or, after Flatten, Reshape (N, −1) or a
/// ReduceMean without kept axes, the same entries as a flat vector.
/// </summary>
/// <param name="Node">The network node whose entries the tensor holds.</param>
/// <param name="Shape">How the tensor's readers see the node; null for an MLP's input, whose size the first layer reading it decides.</param>
/// <param name="Pad">Zero padding a Pad op added, not yet taken by a window: begin per spatial axis, then end per spatial axis.</param>
/// <param name="PadBy">The Pad op that added <paramref name="Pad"/>.</param>
internal sealed record OnnxValue(int Node, NodeShape? Shape, int[]? Pad = null, NodeProto? PadBy = null);

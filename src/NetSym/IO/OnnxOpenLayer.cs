using NetSym.Networks;
using Onnx;

namespace NetSym.IO;

/// <summary>
/// A layer the builder has read but not yet closed: a Gemm or MatMul (dense), a Conv or a residual Add,
/// waiting for what may still merge into it — a MatMul's bias Add, a BatchNormalization, one activation.
/// </summary>
/// <param name="Node">The op that opened it (named in messages).</param>
/// <param name="Kind">Dense, Convolution or Add.</param>
/// <param name="InputShape">The shape of what it reads: flat for a dense layer, the common shape of an addition's sources.</param>
/// <param name="Sources">The network nodes it reads (one, or an addition's operands in increasing order).</param>
/// <param name="Units">Neurons of a dense layer, output channels of a convolution or an addition.</param>
/// <param name="Weights">Row-major, <paramref name="Units"/> rows (empty for an addition).</param>
/// <param name="Bias">One per unit (empty for an addition).</param>
/// <param name="AwaitsBias">A MatMul, whose bias may come from the next Add.</param>
/// <param name="Window">A convolution's window.</param>
/// <param name="Groups">A convolution's channel groups.</param>
internal sealed record OnnxOpenLayer(NodeProto Node, LayerKind Kind, NodeShape InputShape, int[] Sources, int Units,
    double[] Weights, double[] Bias, bool AwaitsBias = false, WindowGeometry? Window = null, int Groups = 1)
{
    /// <summary>The layer with <paramref name="activation"/> on its outputs.</summary>
    public Layer Close(Activation activation) => Kind switch
    {
        LayerKind.Dense => new Layer(InputShape.Size, Units, Weights, Bias, activation, Sources),
        LayerKind.Convolution => Layer.Convolution(InputShape, Units, Window!, Groups, Weights, Bias, activation, Sources[0]),
        _ => Layer.Add(InputShape, Sources, activation),
    };
}

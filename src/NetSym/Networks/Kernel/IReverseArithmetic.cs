namespace NetSym.Networks;

/// <summary>
/// The number system of a reverse pass, as <see cref="LayerKernel.Reverse"/> uses it: a layer's
/// delta δ = g ⊙ ρ′(z) from the gradient g of its output, then g_s += δ·W[:, offset..offset + size]
/// for each of its source nodes s.
/// </summary>
/// <remarks>Implement it on a <c>struct</c>, for the reason given at <see cref="IForwardArithmetic{TNode}"/>.</remarks>
/// <typeparam name="TNode">The gradients of one node, one row per (input, output) pair.</typeparam>
internal interface IReverseArithmetic<TNode> where TNode : class
{
    /// <summary>The gradient of a node that no layer reads: zero, <paramref name="width"/> wide.</summary>
    TNode Zero(int width);

    /// <summary>δ = g ⊙ ρ′(z) of layer <paramref name="index"/>; g is not used again and may be overwritten and returned.</summary>
    TNode Delta(int index, Layer layer, TNode gradient);

    /// <summary>
    /// g += δ·W[:, offset..offset + size] for one source node of layer <paramref name="index"/>;
    /// a null <paramref name="gradient"/> is zero, to be allocated.
    /// </summary>
    void Accumulate(int index, Layer layer, TNode delta, int offset, int size, ref TNode? gradient);

    /// <summary>g += the gradient that convolution layer <paramref name="index"/>'s delta sends to its source; a null gradient is zero.</summary>
    /// <remarks>An arithmetic that has not learned convolutions refuses them; the analyses that use it check <see cref="Network.RequireDenseLayers"/> first.</remarks>
    void ConvolveBack(int index, Layer layer, TNode delta, ref TNode? gradient) => throw Unsupported(layer);

    /// <summary>g += the gradient that pooling layer <paramref name="index"/> sends to its source; a null gradient is zero.</summary>
    void PoolBack(int index, Layer layer, TNode delta, ref TNode? gradient) => throw Unsupported(layer);

    /// <summary>g += δ for one source of addition layer <paramref name="index"/> (δ is shared by all its sources and must not be modified); a null gradient is zero.</summary>
    void SumBack(int index, Layer layer, TNode delta, ref TNode? gradient) => throw Unsupported(layer);

    private static NotSupportedException Unsupported(Layer layer) =>
        new($"this derivative does not handle {layer.Kind} layers yet");
}

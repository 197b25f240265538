namespace NetSym.Networks;

/// <summary>
/// The number system of a forward pass, as <see cref="LayerKernel.Forward"/> uses it: a layer's
/// pre-activation starts from its bias, each source block W[:, offset..offset + size]·x_s is added
/// to it, and the activation turns it into the layer's output.
/// </summary>
/// <remarks>
/// Implement it on a <c>struct</c>: the kernel is generic over the arithmetic, so the JIT compiles
/// one specialised walk per number system and every call here is direct, none virtual. The calls
/// work on whole layers (a GEMM, a row of exact dot products), never on single elements.
/// </remarks>
/// <typeparam name="TNode">The value of one node: a batch of vectors, one vector, a vector of intervals…</typeparam>
internal interface IForwardArithmetic<TNode>
{
    /// <summary>A fresh pre-activation z = b of layer <paramref name="index"/>.</summary>
    TNode Bias(int index, Layer layer);

    /// <summary>z += W[:, offset..offset + size]·x for the source node <paramref name="source"/> of layer <paramref name="index"/>.</summary>
    void Accumulate(int index, Layer layer, TNode z, TNode source, int offset, int size);

    /// <summary>
    /// The layer's output ρ(z), once every source is in. z may be finished in place first (what the
    /// kernel keeps as the pre-activation is z after this call); when <paramref name="keepPreActivation"/>
    /// the output must not overwrite it, otherwise z may be overwritten and returned.
    /// </summary>
    TNode Activate(int index, Layer layer, TNode z, bool keepPreActivation);

    /// <summary>The pre-activation of convolution layer <paramref name="index"/>: its bias plus its kernels slid over <paramref name="source"/>.</summary>
    /// <remarks>An arithmetic that has not learned convolutions refuses them; the analyses that use it check <see cref="Network.RequireDenseLayers"/> first.</remarks>
    TNode Convolve(int index, Layer layer, TNode source) => throw Unsupported(layer);

    /// <summary>The output of pooling layer <paramref name="index"/> over <paramref name="source"/>.</summary>
    TNode Pool(int index, Layer layer, TNode source) => throw Unsupported(layer);

    /// <summary>The pre-activation of addition layer <paramref name="index"/>: the sum of its <paramref name="sources"/>, which it must not modify.</summary>
    TNode Sum(int index, Layer layer, TNode[] sources) => throw Unsupported(layer);

    private static NotSupportedException Unsupported(Layer layer) =>
        new($"this evaluation does not handle {layer.Kind} layers yet");
}

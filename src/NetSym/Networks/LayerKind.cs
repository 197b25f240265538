namespace NetSym.Networks;

/// <summary>What a layer computes before its activation.</summary>
public enum LayerKind
{
    /// <summary>z = W·x + b over the concatenation of the sources (a fully connected or masked layer).</summary>
    Dense,

    /// <summary>
    /// A 1-d or 2-d convolution of one source: every output channel is a kernel over the input
    /// channels of its group, slid over the positions (<see cref="WindowGeometry"/>), plus one bias
    /// per output channel. Its units are its output channels; positions share their parameters.
    /// </summary>
    Convolution,

    /// <summary>The largest value of each window, channel by channel; no parameters, padding ignored.</summary>
    MaxPool,

    /// <summary>
    /// The mean of each window, channel by channel, dividing by the full window size (zero padding
    /// counts, PyTorch's <c>count_include_pad=True</c>); no parameters. A window over all positions
    /// is global average pooling.
    /// </summary>
    AveragePool,

    /// <summary>The sum of its sources, which all have the layer's shape (a residual addition); no parameters.</summary>
    Add,
}

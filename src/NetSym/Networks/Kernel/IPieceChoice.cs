namespace NetSym.Networks;

/// <summary>Which piece of its activation a neuron takes in an affine pass (<see cref="AffineArithmetic{TChoice}"/>), and which tap a max pool takes.</summary>
internal interface IPieceChoice
{
    /// <summary>The piece of neuron <paramref name="neuron"/> of layer <paramref name="layer"/>, whose pre-activation is <paramref name="gradient"/>·u + <paramref name="offset"/>.</summary>
    int Choose(int layer, int neuron, double offset, double[] gradient, PiecewiseLinearPieces pieces);

    /// <summary>
    /// The tap that output <paramref name="output"/> of max-pooling layer <paramref name="layer"/> takes: an index
    /// into its window's values <paramref name="gradients"/>[t]·u + <paramref name="offsets"/>[t] (taps on the padding left out).
    /// </summary>
    int ChooseTap(int layer, int output, ReadOnlySpan<double> offsets, ReadOnlySpan<double[]> gradients);
}

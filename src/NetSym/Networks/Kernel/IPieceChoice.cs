namespace NetSym.Networks;

/// <summary>Which piece of its activation a neuron takes in an affine pass (<see cref="AffineArithmetic{TChoice}"/>).</summary>
internal interface IPieceChoice
{
    /// <summary>The piece of neuron <paramref name="neuron"/> of layer <paramref name="layer"/>, whose pre-activation is <paramref name="gradient"/>·u + <paramref name="offset"/>.</summary>
    int Choose(int layer, int neuron, double offset, double[] gradient, PiecewiseLinearPieces pieces);
}

namespace NetSym.Networks;

/// <summary>
/// Exact dyadic arithmetic for one input: a node is a vector of <see cref="Dyadic"/>s, each source
/// block adds one exact dot product per neuron, and ρ(z) = s_i·z + c_i on the piece holding z.
/// </summary>
/// <param name="weights">Each layer's W as dyadics, row-major.</param>
/// <param name="biases">Each layer's b as dyadics.</param>
/// <param name="pieces">Each layer's activation in exact form.</param>
internal readonly struct DyadicArithmetic(Dyadic[][] weights, Dyadic[][] biases, ExactPieces[] pieces) : IForwardArithmetic<Dyadic[]>
{
    public Dyadic[] Bias(int index, Layer layer) => (Dyadic[])biases[index].Clone();

    public void Accumulate(int index, Layer layer, Dyadic[] z, Dyadic[] source, int offset, int size)
    {
        var w = weights[index];
        for (int j = 0; j < z.Length; j++)
            z[j] = Dyadic.DotProduct(z[j], w.AsSpan(j * layer.InputSize + offset, size), source);
    }

    public Dyadic[] Activate(int index, Layer layer, Dyadic[] z, bool keepPreActivation)
    {
        var p = pieces[index];
        var y = keepPreActivation ? new Dyadic[z.Length] : z;
        for (int j = 0; j < z.Length; j++) y[j] = p.Apply(z[j], p.PieceOf(z[j], out int _));
        return y;
    }
}

using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Dimension;

/// <summary>
/// The affine span of each layer's input on the batch: the network's inputs for the first layer, the
/// concatenated outputs of its source nodes (after their activations) for the others.
/// </summary>
/// <remarks>
/// Neuron j of layer l enters the Jacobian through its incoming weights and bias only as
/// g_ij·(w_j·x_i + β_j), where x_i is the layer's input on input i and g_ij the rest of the chain rule.
/// Any (δw, δβ) with δw·x_i + δβ = 0 for every i is therefore in the kernel, whatever g is. Those
/// vectors are the null space of the n × (fan-in + 1) matrix [X | 1], of dimension
/// fan-in + 1 − rank[X | 1] = fan-in − r, where r = rank[X | 1] − 1 is the dimension of the affine
/// span of the x_i (not the linear span: the bias column is the constant 1, so a constant pixel costs
/// one direction but an input that is always an affine function of another costs one too). A hidden
/// neuron constant on the batch (dead), or a twin (a multiple of another neuron), costs its consumers
/// a direction as well, but that direction (its outgoing weights) is the dead neuron's or the twin's
/// cause already, so such columns are left out: constant network inputs stay in, since no other
/// cause covers them.
/// </remarks>
internal static class LayerInputSpan
{
    /// <summary>
    /// Per layer, the dimension r of the affine span of its input on the batch (a float rank of
    /// [X | 1] − 1, default tolerance, over the columns kept) and the directions missing per neuron:
    /// kept columns − r, where the columns of hidden neurons constant on the batch or in
    /// <paramref name="covered"/> are not kept.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="inputs">The batch.</param>
    /// <param name="la">The engine for the forward pass and the singular values.</param>
    /// <param name="covered">Hidden neurons whose columns another cause explains (the twins merged away).</param>
    public static (int Span, int Missing)[] Compute(Network network, Matrix inputs, LinearAlgebraBackend la, IReadOnlySet<Neuron> covered)
    {
        var trace = Forward.Trace(network, inputs, la);
        int n = inputs.Rows;
        var dimensions = new (int Span, int Missing)[network.Layers.Count];
        for (int l = 0; l < dimensions.Length; l++)
        {
            var kept = new List<(Matrix Node, int Column)>();
            foreach (var block in network.Graph.SourceBlocks(l))
            {
                var node = trace.Nodes[block.Node];
                for (int k = 0; k < block.Size; k++)
                {
                    bool constant = true;
                    for (int i = 1; i < n && constant; i++) constant = node[i, k] == node[0, k];
                    bool hidden = block.Node > 0;
                    if (!(hidden && (constant || covered.Contains(new Neuron(block.Node - 1, k))))) kept.Add((node, k));
                }
            }
            int columns = kept.Count + 1;
            var x = new Matrix(n, columns);
            for (int i = 0; i < n; i++)
            {
                for (int c = 0; c < kept.Count; c++) x[i, c] = kept[c].Node[i, kept[c].Column];
                x[i, kept.Count] = 1;
            }
            var sigma = la.SingularValues(x.Data, n, columns);
            int span = RankPolicy.FromSingularValues(sigma, n, columns).Rank - 1;
            dimensions[l] = (span, kept.Count - span);
        }
        return dimensions;
    }
}

using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Dimension;

/// <summary>
/// The accounting of a deficit: the kernel vectors that the found causes name, and how many of the
/// deficit's dimensions (ker J beyond the symmetry tangents) they span together.
/// </summary>
/// <remarks>
/// Each cause with a known mechanism yields explicit vectors v (mod p): a dead neuron's incoming
/// weights and bias, each alone, and each outgoing weight with the consumer's bias absorbing the
/// constant it adds; a zero-outgoing neuron's incoming weights and bias; a silent weight alone; an
/// always-linear neuron's bias with its consumers' biases absorbing its slope; for the first layer's
/// input subspace, each neuron's (δw, δβ) in the null space of [X | 1] (exact: the inputs are
/// dyadic). Every vector is checked: only those with J·v ≡ 0 (mod p) count. The explained dimension
/// is rank[T; V] − rank T, with T the tangents: the dimension of the causes' span modulo the
/// symmetry tangent space, counted once however many causes share a direction (ranks of unions,
/// not sums). It is at most the deficit, since every counted vector lies in ker J. Causes without
/// vectors here (rarely active, inert, twins, zero incoming, affine or narrow layers, a hidden
/// layer's input subspace, whose values are not exact in floating point) explain nothing in this count.
/// </remarks>
internal static class CauseDirections
{
    /// <summary>The dimension of span(causes' kernel vectors) beyond the span of <paramref name="tangents"/>, mod p.</summary>
    public static int Explained(Network network, Matrix inputs, ActivationPattern pattern, IReadOnlyList<DeficitCause> causes,
        PrimeField field, Matrix jacobian, Matrix tangents, int tangentRank, LinearAlgebraBackend la)
    {
        var vectors = Vectors(network, inputs, pattern, causes, field, la).Where(v => InKernel(field, jacobian, v)).ToList();
        if (vectors.Count == 0) return 0;
        var stacked = new Matrix(tangents.Rows + vectors.Count, network.ParameterCount);
        tangents.Data.CopyTo(stacked.Data, 0);
        for (int i = 0; i < vectors.Count; i++) vectors[i].CopyTo(stacked.Row(tangents.Rows + i));
        return ModularRank.Compute(field, stacked, la).Rank - tangentRank;
    }

    private static bool InKernel(PrimeField field, Matrix jacobian, double[] v)
    {
        var support = Enumerable.Range(0, v.Length).Where(p => v[p] != 0).ToArray();
        for (int r = 0; r < jacobian.Rows; r++)
        {
            long sum = 0;
            foreach (int p in support) sum = field.Reduce(sum + field.Multiply((long)jacobian[r, p], (long)v[p]));
            if (sum != 0) return false;
        }
        return true;
    }

    private static IEnumerable<double[]> Vectors(Network network, Matrix inputs, ActivationPattern pattern, IReadOnlyList<DeficitCause> causes, PrimeField field, LinearAlgebraBackend la)
    {
        var layout = network.Layout;
        int count = network.ParameterCount;
        var trace = Forward.Trace(network, inputs, la);
        double[] Unit(params (int Parameter, long Value)[] entries)
        {
            var v = new double[count];
            foreach (var (p, value) in entries) v[p] = field.Reduce(value);
            return v;
        }
        IEnumerable<double[]> Incoming(int l, int j)
        {
            var layer = network.Layers[l];
            for (int k = 0; k < layer.InputSize; k++)
                if (layer.HasEdge(j, k)) yield return Unit((layout.Weight(l, j, k), 1));
            yield return Unit((layout.Bias(l, j), 1));
        }
        // Moving neuron (l, j)'s output by δ on every input: each consumer's weight u reads it, so its bias moves by −u·δ.
        IEnumerable<(int Consumer, int Row, int Weight, long U)> Consumers(int l, int j)
        {
            foreach (var (c, offset) in network.Graph.Readers(l + 1))
            {
                var cl = network.Layers[c];
                for (int r = 0; r < cl.OutputSize; r++)
                    if (cl.HasEdge(r, offset + j)) yield return (c, r, layout.Weight(c, r, offset + j), field.FromDouble(cl.Weight(r, offset + j)));
            }
        }

        foreach (var cause in causes)
        {
            if (cause.Layer is not int l) continue;
            bool hidden = l < network.Layers.Count - 1;
            switch (cause.Kind)
            {
                case DeficitCauseKind.SilentWeight:
                    foreach (int p in cause.Parameters) yield return Unit((p, 1));
                    break;
                case DeficitCauseKind.ZeroOutgoing:
                    foreach (int j in cause.Neurons) foreach (var v in Incoming(l, j)) yield return v;
                    break;
                case DeficitCauseKind.DeadOnBatch:
                    foreach (int j in cause.Neurons)
                    {
                        foreach (var v in Incoming(l, j)) yield return v;
                        if (!hidden) continue;
                        long value = field.FromDouble(trace.Nodes[l + 1][0, j]);
                        foreach (var (c, r, w, _) in Consumers(l, j)) yield return Unit((w, 1), (layout.Bias(c, r), -value));
                    }
                    break;
                case DeficitCauseKind.LinearOnBatch when hidden:
                    var slopes = network.Layers[l].Activation.Pieces!.Slopes;
                    foreach (int j in cause.Neurons)
                    {
                        long slope = field.FromDouble(slopes[pattern.LayerPieces(l)[j]]);
                        var entries = new List<(int, long)> { (layout.Bias(l, j), 1) };
                        foreach (var (c, r, _, u) in Consumers(l, j)) entries.Add((layout.Bias(c, r), -field.Multiply(u, slope)));
                        yield return Unit([.. entries]);
                    }
                    break;
                case DeficitCauseKind.InputSubspace when l == 0:
                    foreach (var v in FirstLayerSubspace(network, inputs, field, cause, la)) yield return v;
                    break;
            }
        }
    }

    /// <summary>For each first-layer neuron, the null space of [X | 1] placed on its incoming weights and bias.</summary>
    private static IEnumerable<double[]> FirstLayerSubspace(Network network, Matrix inputs, PrimeField field, DeficitCause cause, LinearAlgebraBackend la)
    {
        var layout = network.Layout;
        var layer = network.Layers[0];
        int n = inputs.Rows, d = layer.InputSize;
        var x = new Matrix(n, d + 1);
        for (int i = 0; i < n; i++)
        {
            inputs.Row(i).CopyTo(x.Row(i));
            x[i, d] = 1;
        }
        var basis = ModularKernel.ComputeDyadic(field, x, la).Basis;
        foreach (int j in cause.Neurons)
            for (int q = 0; q < basis.Rows; q++)
            {
                var v = new double[network.ParameterCount];
                for (int k = 0; k < d; k++)
                    if (layer.HasEdge(j, k)) v[layout.Weight(0, j, k)] = basis[q, k];
                v[layout.Bias(0, j)] = basis[q, d];
                yield return v;
            }
    }
}

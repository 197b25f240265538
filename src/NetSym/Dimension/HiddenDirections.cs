using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Dimension;

/// <summary>
/// Splits the kernel of J mod p into the symmetry group's tangent space and the rest, and describes
/// the rest: which parameters each direction moves, its exact entries where they are small fractions,
/// and which of the found causes it belongs to.
/// </summary>
/// <remarks>
/// Every kernel vector v is Σ_q v[F_q]·K_q over the reduced basis K (1 at free column F_q, 0 at the
/// others), so restricting to the free columns is injective on the kernel. The tangent vectors,
/// restricted there, have pivots Π (rightmost first); the vectors K_q with F_q ∉ Π are independent of
/// the tangents and, together with them, span the kernel: they are the hidden directions, and there
/// are dim ker − rank(tangents) of them.
/// </remarks>
internal static class HiddenDirections
{
    /// <param name="network">The network.</param>
    /// <param name="reduced">The kernel's reduced basis mod p, one vector per row.</param>
    /// <param name="free">Its free columns, increasing.</param>
    /// <param name="field">The prime of the kernel.</param>
    /// <param name="check">The independent prime to check lifted vectors against.</param>
    /// <param name="jacobian">The batch's Jacobian modulo a given prime.</param>
    /// <param name="causes">The causes found, to link each direction to.</param>
    /// <param name="backend">The engine for the modular products.</param>
    public static KernelDirections Find(Network network, Matrix reduced, int[] free, PrimeField field, PrimeField check,
        Func<PrimeField, Matrix> jacobian, IReadOnlyList<DeficitCause> causes, LinearAlgebraBackend backend)
    {
        var tangents = SymmetryTangents.Compute(network, field);
        // Pivots taken from the right: a neuron's tangent then claims a free column among its
        // outgoing weights (where its scaling relation ends) rather than some other neuron's
        // incoming weight, and what is left are the sparse vectors of the degeneracy itself.
        int k = free.Length;
        var restricted = new Matrix(tangents.Rows, k);
        for (int t = 0; t < tangents.Rows; t++)
            for (int q = 0; q < k; q++) restricted[t, k - 1 - q] = tangents[t, free[q]];
        var claimed = ModularRank.Compute(field, restricted, backend).PivotColumns.Select(c => k - 1 - c).ToHashSet();
        var hidden = Enumerable.Range(0, free.Length).Where(q => !claimed.Contains(q)).ToArray();

        var layout = network.Layout;
        var supports = hidden.Select(q => Support(reduced.Row(q))).ToArray();
        var lifts = hidden.Select((q, h) => Lift(reduced.Row(q), supports[h], field)).ToArray();
        Check(network, lifts, supports, check, jacobian, backend);
        var attached = causes.Select(c => Attached(network, layout, c)).ToArray();

        var directions = hidden.Select((q, h) =>
        {
            var support = supports[h];
            var explainedBy = Enumerable.Range(0, causes.Count).Where(c => support.Any(attached[c].Contains)).ToArray();
            return new HiddenDirection(free[q], support, [.. support.Select(c => (long)reduced[q, c])], lifts[h],
                Neurons(network, layout, support), explainedBy);
        }).ToArray();
        return new KernelDirections(KernelStatus.Computed, field.P, check.P, free.Length, claimed.Count, directions) { TangentVectors = tangents.Rows };
    }

    private static int[] Support(ReadOnlySpan<double> vector)
    {
        var support = new List<int>();
        for (int c = 0; c < vector.Length; c++) if (vector[c] != 0) support.Add(c);
        return [.. support];
    }

    private static SmallRational[]? Lift(ReadOnlySpan<double> vector, int[] support, PrimeField field)
    {
        var lift = new SmallRational[support.Length];
        for (int e = 0; e < support.Length; e++)
        {
            if (SmallRational.Reconstruct((long)vector[support[e]], field) is not { } r) return null;
            lift[e] = r;
        }
        return lift;
    }

    /// <summary>Drops each lift that is not in the kernel modulo the independent prime too (a chance reconstruction).</summary>
    private static void Check(Network network, SmallRational[]?[] lifts, int[][] supports, PrimeField check,
        Func<PrimeField, Matrix> jacobian, LinearAlgebraBackend backend)
    {
        var lifted = Enumerable.Range(0, lifts.Length).Where(h => lifts[h] is not null).ToArray();
        if (lifted.Length == 0) return;
        int n = network.ParameterCount, count = lifted.Length;
        var vectors = new Matrix(n, count);
        for (int i = 0; i < count; i++)
        {
            int h = lifted[i];
            for (int e = 0; e < supports[h].Length; e++) vectors[supports[h][e], i] = lifts[h]![e].Residue(check);
        }
        var j = jacobian(check);
        var product = new Matrix(j.Rows, count);
        ModularGemm.Multiply(check, j.Rows, count, n, j.Data, n, vectors.Data, count, product.Data, count, backend);
        for (int i = 0; i < count; i++)
            for (int r = 0; r < j.Rows; r++)
                if (product[r, i] != 0)
                {
                    lifts[lifted[i]] = null;
                    break;
                }
    }

    /// <summary>The hidden neurons whose incoming weights, bias or outgoing weights are among <paramref name="support"/>.</summary>
    private static Neuron[] Neurons(Network network, ParameterLayout layout, int[] support)
    {
        int output = network.Layers.Count - 1;
        var neurons = new SortedSet<Neuron>();
        foreach (int parameter in support)
        {
            var at = layout[parameter];
            if (at.Layer < output) neurons.Add(at.Neuron);
            if (at.Column is int column && network.Graph.Source(at.Layer, column) is { } source) neurons.Add(source);
        }
        return [.. neurons];
    }

    /// <summary>
    /// The parameters a cause concerns: its own parameters when it names them; otherwise its neurons'
    /// incoming weights and biases, their outgoing weights unless the mechanism leaves those fixed
    /// (a rarely active neuron, a neuron without outgoing weights, a layer whose input spans too little), and their consumers' biases where
    /// those absorb a constant or affine neuron's changes.
    /// </summary>
    private static HashSet<int> Attached(Network network, ParameterLayout layout, DeficitCause cause)
    {
        var owned = new HashSet<int>(cause.Parameters);
        if (cause.Parameters.Count > 0 || cause.Layer is not { } l) return owned;
        bool outgoing = cause.Kind is not (DeficitCauseKind.RarelyActive or DeficitCauseKind.ZeroOutgoing or DeficitCauseKind.InputSubspace);
        bool consumerBiases = cause.Kind is DeficitCauseKind.DeadOnBatch or DeficitCauseKind.LinearOnBatch
            or DeficitCauseKind.ZeroIncoming or DeficitCauseKind.AffineLayer;
        var layer = network.Layers[l];
        foreach (int j in cause.Neurons)
        {
            for (int k = 0; k < layer.InputSize; k++)
                if (layer.HasEdge(j, k)) owned.Add(layout.Weight(l, j, k));
            owned.Add(layout.Bias(l, j));
            if (l == network.Layers.Count - 1 || !outgoing) continue;
            foreach (var (consumer, offset) in network.Graph.Readers(l + 1))
            {
                var cl = network.Layers[consumer];
                for (int r = 0; r < cl.OutputSize; r++)
                {
                    if (!cl.HasEdge(r, offset + j)) continue;
                    owned.Add(layout.Weight(consumer, r, offset + j));
                    if (consumerBiases) owned.Add(layout.Bias(consumer, r));
                }
            }
        }
        return owned;
    }
}

using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Reduction;

namespace NetSym.Dimension;

/// <summary>
/// Finds the mechanisms that can put the rank below the bound: the batch's size, the reduction rules
/// that hold everywhere (<see cref="Reducer"/>: zero outgoing, zero incoming, twins), what the
/// activation pattern shows on the batch (neurons constant, rarely active, inert or linear, weights
/// between neurons never on together), affine
/// hidden layers, hidden layers narrower than the input, and layers whose input spans less than
/// their fan-in on the batch (<see cref="LayerInputSpan"/>).
/// </summary>
internal static class DeficitCauses
{
    /// <param name="network">The network.</param>
    /// <param name="inputs">The batch (inputs on kinks removed).</param>
    /// <param name="pattern">The certified activation pattern on the batch (inputs on kinks removed), or null when the network is not piecewise linear.</param>
    /// <param name="rows">Rows of the Jacobian.</param>
    /// <param name="bound">The bound.</param>
    /// <param name="rank">The rank found.</param>
    /// <param name="la">The engine for the span's singular values.</param>
    public static IReadOnlyList<DeficitCause> Find(Network network, Matrix inputs, ActivationPattern? pattern, int rows, int bound, int rank, LinearAlgebraBackend la)
    {
        var causes = new List<DeficitCause>();
        if (rows < bound)
            causes.Add(new(DeficitCauseKind.BatchTooSmall, null, []));
        // The reduction rules, the pattern's neurons and the layer spans below are stated for dense layers; in a
        // network with convolutions, pooling or sums only the dense layers at its end have neurons that are units of
        // their own, read by dense layers alone.
        if (!network.HasDenseLayersOnly)
        {
            if (pattern is not null && pattern.SampleCount > 0)
                foreach (int l in DenseTail(network))
                    causes.AddRange(Neurons(network, pattern, l, null));
            return causes;
        }

        foreach (var step in Reducer.Reduce(network).Steps)
        {
            var kind = step.Rule switch
            {
                ReductionRule.ZeroOutgoing => DeficitCauseKind.ZeroOutgoing,
                ReductionRule.ZeroIncoming => DeficitCauseKind.ZeroIncoming,
                ReductionRule.Twin => DeficitCauseKind.Twin,
                _ => throw new InvalidOperationException($"the reducer used the domain rule {step.Rule} without a domain"),
            };
            int[] neurons = step.MergedInto is { } kept ? [kept, step.Neuron] : [step.Neuron];
            causes.Add(new(kind, step.Layer, neurons) { Reduction = step });
        }

        if (pattern is not null && pattern.SampleCount > 0) causes.AddRange(OnBatch(network, pattern));

        for (int l = 0; l < network.Layers.Count - 1; l++)
        {
            var layer = network.Layers[l];
            if (layer.Activation.IsIdentity && layer.OutputSize >= 2)
                causes.Add(new(DeficitCauseKind.AffineLayer, l, [.. Enumerable.Range(0, layer.OutputSize)]));
        }

        if (rank < bound)
            for (int l = 0; l < network.Layers.Count - 1; l++)
                if (network.Layers[l].OutputSize < network.InputSize)
                    causes.Add(new(DeficitCauseKind.NarrowLayer, l, []));

        // Only below the bound: on a full-rank batch the span is wide enough by definition.
        if (rank < bound && inputs.Rows > 0)
        {
            var twins = causes.Where(c => c.Kind == DeficitCauseKind.Twin).Select(c => new Neuron(c.Layer!.Value, c.Neurons[1])).ToHashSet();
            var spans = LayerInputSpan.Compute(network, inputs, la, twins);
            for (int l = 0; l < spans.Length; l++)
            {
                var (span, missing) = spans[l];
                if (missing > 0)
                    causes.Add(new(DeficitCauseKind.InputSubspace, l, [.. Enumerable.Range(0, network.Layers[l].OutputSize)])
                    {
                        SpanDimension = span,
                        MissingDirections = missing,
                    });
            }
        }
        return causes;
    }

    /// <summary>Per layer, the neurons constant, rarely active, inert or linear on the batch; then the silent weights.</summary>
    private static IEnumerable<DeficitCause> OnBatch(Network network, ActivationPattern pattern)
    {
        var live = Live(network, pattern);
        var zero = Zero(network, pattern);
        var quiet = new HashSet<Neuron>(); // dead or inert: their edges are theirs to explain
        for (int l = 0; l < network.Layers.Count; l++)
            foreach (var cause in Neurons(network, pattern, l, live))
            {
                if (cause.Kind is DeficitCauseKind.DeadOnBatch or DeficitCauseKind.InertOnBatch)
                    quiet.UnionWith(cause.Neurons.Select(j => new Neuron(l, j)));
                yield return cause;
            }
        foreach (var cause in SilentWeights(network, pattern, live, zero, quiet)) yield return cause;
    }

    /// <summary>
    /// The hidden dense layers of a network with convolutions, pooling or sums whose every reader is dense: there a
    /// neuron is a unit of its own (no kernel shared over positions), and a bias it adds on an affine piece is
    /// absorbed by its readers' biases, as in a dense network.
    /// </summary>
    private static IEnumerable<int> DenseTail(Network network) =>
        Enumerable.Range(0, network.Layers.Count - 1).Where(l => network.Layers[l].Kind == LayerKind.Dense
            && network.Graph.Readers(l + 1).All(reader => network.Layers[reader.Layer].Kind == LayerKind.Dense));

    /// <summary>
    /// Layer <paramref name="l"/>'s neurons constant, rarely active, inert or linear on the batch; inert only when
    /// <paramref name="live"/> (<see cref="Live"/>) is given.
    /// </summary>
    private static IEnumerable<DeficitCause> Neurons(Network network, ActivationPattern pattern, int l, bool[][]? live)
    {
        int n = pattern.SampleCount, layers = network.Layers.Count;
        var layer = network.Layers[l];
        var slopes = layer.Activation.Pieces!.Slopes;
        bool affine = slopes.Distinct().Count() == 1;
        var pieces = pattern.LayerPieces(l).ToArray();
        int width = layer.OutputSize;
        var dead = new List<int>();
        var rare = new List<(int Neuron, int Active)>();
        var inert = new List<int>();
        var linear = new List<int>();
        for (int j = 0; j < width; j++)
        {
            int active = 0;
            bool onePiece = true, reaches = live is null;
            for (int i = 0; i < n; i++)
            {
                int piece = pieces[i * width + j];
                if (slopes[piece] != 0) active++;
                onePiece &= piece == pieces[j];
                reaches |= live is not null && live[l][i * width + j];
            }
            if (active == 0) dead.Add(j);
            else if (active < layer.InputSize + 1 && !affine) rare.Add((j, active));
            else if (!reaches && l < layers - 1 && HasOutgoingWeight(network, l, j)) inert.Add(j);
            else if (onePiece && !affine && l < layers - 1) linear.Add(j);
        }
        if (dead.Count > 0) yield return new(DeficitCauseKind.DeadOnBatch, l, dead);
        foreach (var (j, active) in rare) yield return new(DeficitCauseKind.RarelyActive, l, [j]) { ActiveInputs = active };
        if (inert.Count > 0) yield return new(DeficitCauseKind.InertOnBatch, l, inert);
        if (linear.Count > 0) yield return new(DeficitCauseKind.LinearOnBatch, l, linear);
    }

    /// <summary>Weights whose source outputs 0 wherever their target reaches the output (both neither dead nor inert).</summary>
    private static IEnumerable<DeficitCause> SilentWeights(Network network, ActivationPattern pattern, bool[][] live, bool[][] zero, HashSet<Neuron> quiet)
    {
        int n = pattern.SampleCount;
        var layout = network.Layout;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            int width = layer.OutputSize;
            for (int r = 0; r < width; r++)
            {
                if (quiet.Contains(new Neuron(l, r))) continue;
                for (int c = 0; c < layer.InputSize; c++)
                {
                    if (!layer.HasEdge(r, c) || network.Graph.Source(l, c) is not { } source || quiet.Contains(source)) continue;
                    var (s, j) = source;
                    int sourceWidth = network.Layers[s].OutputSize;
                    bool silent = true;
                    for (int i = 0; i < n && silent; i++)
                        silent = zero[s][i * sourceWidth + j] || !live[l][i * width + r];
                    if (silent)
                        yield return new(DeficitCauseKind.SilentWeight, l, [r], [layout.Weight(l, r, c)]) { Column = c, Source = new Neuron(s, j) };
                }
            }
        }
    }

    /// <summary>zero[l][i·width + j]: whether neuron j of layer l outputs exactly 0 on input i (a constant piece of value 0).</summary>
    private static bool[][] Zero(Network network, ActivationPattern pattern)
    {
        var zero = new bool[network.Layers.Count][];
        for (int l = 0; l < zero.Length; l++)
        {
            var activation = network.Layers[l].Activation;
            var pieces = activation.Pieces!;
            // A constant piece's value is ρ at one of its breakpoints.
            var zeroPiece = pieces.Slopes.Select((slope, p) =>
                slope == 0 && pieces.Breakpoints.Count > 0 && activation.Value(pieces.Breakpoints[Math.Max(0, p - 1)]) == 0).ToArray();
            var layerPieces = pattern.LayerPieces(l);
            zero[l] = new bool[layerPieces.Length];
            for (int k = 0; k < layerPieces.Length; k++) zero[l][k] = zeroPiece[layerPieces[k]];
        }
        return zero;
    }

    /// <summary>
    /// live[l][i·width + j]: whether neuron j of layer l can influence the output on input i — its
    /// piece has a non-zero slope and, for a hidden neuron, some consumer reads it with a non-zero
    /// weight and is live itself. Computed from the output layer backwards.
    /// </summary>
    private static bool[][] Live(Network network, ActivationPattern pattern)
    {
        int n = pattern.SampleCount, layers = network.Layers.Count;
        var live = new bool[layers][];
        for (int l = layers - 1; l >= 0; l--)
        {
            var layer = network.Layers[l];
            int width = layer.OutputSize;
            var slopes = layer.Activation.Pieces!.Slopes;
            var pieces = pattern.LayerPieces(l).ToArray();
            var consumers = l == layers - 1 ? [] : network.Graph.Readers(l + 1).ToArray();
            var current = live[l] = new bool[n * width];
            Parallel.For(0, n, i =>
            {
                for (int j = 0; j < width; j++)
                {
                    if (slopes[pieces[i * width + j]] == 0) continue;
                    bool reaches = l == layers - 1;
                    foreach (var (c, offset) in consumers)
                    {
                        var cl = network.Layers[c];
                        for (int r = 0; r < cl.OutputSize && !reaches; r++)
                            reaches = cl.HasEdge(r, offset + j) && cl.Weight(r, offset + j) != 0 && live[c][i * cl.OutputSize + r];
                        if (reaches) break;
                    }
                    current[i * width + j] = reaches;
                }
            });
        }
        return live;
    }

    private static bool HasOutgoingWeight(Network network, int l, int j) =>
        network.Graph.Readers(l + 1).Any(c =>
        {
            var cl = network.Layers[c.Layer];
            return Enumerable.Range(0, cl.OutputSize).Any(r => cl.Weight(r, c.Offset + j) != 0);
        });
}

using System.Numerics.Tensors;
using NetSym.Networks;
using NetSym.Networks.Discovery;
using NetSym.Symmetries;

namespace NetSym.Canonical;

/// <summary>
/// The canonical form of a network with convolution, pooling or addition layers under the channel symmetries of its
/// <see cref="PermutationSpec"/>: one representative per orbit of the spec's group, class by class.
/// </summary>
/// <remarks>
/// <para>
/// Classes are taken in the spec's order (by first producer layer). A class's first producer reads only channels of
/// earlier classes (or the network input), whose transforms are already chosen, so its rows — kernel slices and bias
/// per output channel, read through those transforms (<see cref="PermutationSpec.ApplyToLayer"/>) — are the same for
/// every member of the orbit up to this class's own permutation and factors. Its <i>key producers</i> are the
/// producers that read earlier classes only: the first always, later ones (a projection shortcut) when their inputs
/// are decided too; a producer that reads a later class (the second convolution of a residual block) has no fixed
/// frame yet and is not used.
/// </para>
/// <para>
/// Normalisation, per channel, from the first key producer whose row for the channel is non-zero, by the conventions
/// of <see cref="AffineSymmetryGroup.Normalizer"/>: with sign flips (tanh) λ = −1 when the row's largest |weight| (the
/// first, on ties) is negative, or when all weights are zero and the bias is negative; with positive scalings (ReLU,
/// leaky ReLU) (w, β) is scaled to unit norm, a scale within rounding of 1 taken as 1 so that a canonical network is
/// left bit for bit as it is; the identity's nonzero scalings do both. λ is shared by every producer and addition of
/// the class, and every reader divides by it (<see cref="PermutationSpec.Apply"/>).
/// </para>
/// <para>
/// Order: within each of the class's blocks (all channels, or the groups of a grouped convolution) the channels are
/// sorted by <see cref="NeuronOrder"/> on their normalised key vectors, the key producers' rows and biases one after
/// the other (fixed pseudo-random projections, runs within 10⁻⁹ re-sorted by further projections, then
/// lexicographically). A class tied to an earlier one by a depthwise convolution takes that class's permutation and
/// chooses only its factors. The network's output (and anything tied to its input) stays fixed.
/// </para>
/// <para>
/// As for dense networks, the form is meant for networks without duplicate or dead channels: two channels whose key
/// vectors are equal keep their current order. Reduction does not handle convolutional networks yet, so callers take
/// the form of the network as it is.
/// </para>
/// </remarks>
internal static class ChannelCanonicalizer
{
    /// <summary>The canonical network, its spec, and the transform taking <paramref name="network"/> to it.</summary>
    public static CanonicalForm Canonicalize(Network network, IProgress<ProgressReport>? progress)
    {
        var spec = PermutationSpec.Derive(network);
        var classes = spec.Classes;
        var perms = classes.Select(c => Enumerable.Range(0, c.Channels).ToArray()).ToArray();
        var factors = classes.Select(c => Enumerable.Repeat(1.0, c.Channels).ToArray()).ToArray();
        var stages = new ProgressStages(progress, classes.Count + 1);
        foreach (var c in classes)
        {
            stages.Begin($"channel class {c.Index + 1} of {classes.Count}: {c.Channels} channels");
            if (c.Fixed) continue;
            if (!c.OwnsPermutation) perms[c.Index] = (int[])perms[c.PermutationOwner].Clone();
            if (c.Factors == ChannelFactors.None && !c.OwnsPermutation) continue;

            // The key producers in the frame chosen so far: this class still unscaled, in its owner's order when tied.
            var frame = new ChannelTransform(perms, factors);
            var keys = c.Producers.Where(p => network.Layers[p].Sources.All(s => spec.ClassOf(s) < c.Index))
                .Select(p => spec.ApplyToLayer(network, p, frame)).ToList();
            int[] position = perms[c.Index];
            for (int k = 0; k < c.Channels; k++)
                factors[c.Index][position[k]] = Factor(c.Factors, keys, k);
            if (!c.OwnsPermutation) continue;

            perms[c.Index] = NeuronOrder.Sort(c.Blocks, KeyRows(keys, factors[c.Index], c.Channels), c.Channels);
        }
        stages.Begin("applying the transform");
        var transform = new ChannelTransform(perms, factors);
        var canonical = spec.Apply(network, transform);
        stages.Complete();
        return new CanonicalForm(canonical, null, spec, transform);
    }

    /// <summary>λ for channel k from the first key producer whose row k is not zero (1 when all are); the aligner normalises by it too.</summary>
    internal static double Factor(ChannelFactors admitted, IReadOnlyList<Layer> keys, int k)
    {
        foreach (var layer in keys)
        {
            var w = layer.Weights.Slice(k * layer.WeightColumns, layer.WeightColumns);
            double bias = layer.Bias[k];
            double norm2 = TensorPrimitives.SumOfSquares(w) + bias * bias;
            if (norm2 == 0) continue;
            double f = 1;
            if (admitted.HasFlag(ChannelFactors.SignFlip) && Negative(w, bias)) f = -1;
            if (admitted.HasFlag(ChannelFactors.PositiveScaling)) f *= SymmetryFamily.SnapToOne(1 / Math.Sqrt(norm2), w.Length + 1);
            return f;
        }
        return 1;
    }

    /// <summary>Whether the row's largest |weight| (the first of equal ones) is negative, or with all weights zero the bias.</summary>
    private static bool Negative(ReadOnlySpan<double> w, double bias)
    {
        int top = 0;
        for (int j = 1; j < w.Length; j++) if (Math.Abs(w[j]) > Math.Abs(w[top])) top = j;
        return w.Length == 0 || w[top] == 0 ? bias < 0 : w[top] < 0;
    }

    /// <summary>Per channel position, the key producers' rows and biases one after the other, times the channel's λ.</summary>
    private static double[] KeyRows(IReadOnlyList<Layer> keys, double[] lambda, int channels)
    {
        int length = keys.Sum(l => l.WeightColumns + 1);
        var rows = new double[channels * length];
        int offset = 0;
        foreach (var layer in keys)
        {
            int columns = layer.WeightColumns;
            var w = layer.Weights;
            for (int k = 0; k < channels; k++)
            {
                var row = rows.AsSpan(k * length + offset, columns + 1);
                TensorPrimitives.Multiply(w.Slice(k * columns, columns), lambda[k], row[..columns]);
                row[columns] = lambda[k] * layer.Bias[k];
            }
            offset += columns + 1;
        }
        return rows;
    }
}

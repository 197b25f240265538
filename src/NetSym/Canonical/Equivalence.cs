using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Reduction;

namespace NetSym.Canonical;

/// <summary>
/// Decides whether two networks compute the same function: by symmetry (equal canonical forms, with
/// the explicit map), or by a witness input where they differ, or — for small piecewise-linear networks —
/// by comparing their affine pieces on every linear region; otherwise says only that they agree on every
/// input tried — except for tanh-type networks that are non-degenerate once reduced, where the uniqueness
/// theorem (<see cref="Fiber"/>) makes different canonical forms different functions, so the decision is complete.
/// </summary>
/// <remarks>
/// <para>
/// Both networks are reduced first (<see cref="Reducer"/>; networks of dense layers on the box when one is given), since a
/// dead or twin neuron changes the architecture without changing the function; the map then relates
/// the reduced networks. Networks of different reduced shapes can still be equal as functions; they
/// go straight to the witness search, which runs on the original networks.
/// </para>
/// <para>
/// Networks with convolution, pooling or addition layers are reduced channel by channel (<see cref="Reducer"/>
/// sends them to the channel reducer: unused, dead, constant and twin channels) and always without the box: those
/// rules hold on every input, so the reduced network equals the original on the box as well, and interval bounds
/// do not go through convolutions yet, so a box could add nothing exact. Their canonical forms under the
/// permutation spec (<see cref="Canonicalizer"/>) are compared, the map is a <see cref="Symmetries.ChannelTransform"/>
/// between the reduced networks, and the uniqueness theorem is not applied (it is proved for dense layers:
/// <see cref="Fiber.ChannelNetworkGap"/>), so without a witness the verdict is at most
/// <see cref="EquivalenceVerdict.AgreeOnTestedInputs"/>.
/// </para>
/// </remarks>
public static class Equivalence
{
    /// <summary>
    /// The memory <see cref="Compare"/> takes: both networks reduced and canonicalised
    /// (<see cref="Reducer.EstimateMemory"/>, <see cref="Canonicalizer.EstimateMemory"/>), then the
    /// witness search's batches, every layer's values for a batch of inputs through each network.
    /// </summary>
    public static MemoryEstimate EstimateMemory(Network a, Network b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Canonicalizer.EstimateMemory(a).Plus(Canonicalizer.EstimateMemory(b))
            .Plus(Reducer.EstimateMemory(a)).Plus(Reducer.EstimateMemory(b))
            // Pre-activations and activations of every layer are kept for the input gradients.
            .Plus(MemoryEstimate.Of("witness search batch", MemoryEstimate.Doubles(2 * WitnessSearch.BatchRows(a, b), WitnessSearch.ValuesPerInput(a, b))));
    }

    /// <summary>
    /// Compares A and B; the witness search evaluates on <paramref name="backend"/>. Progress: reduction and
    /// canonical forms, the witness search, then the region comparison where it runs.
    /// </summary>
    /// <exception cref="ArgumentException">Input or output sizes differ, the tolerance is negative or NaN, the budget is not positive, or the box does not fit.</exception>
    public static EquivalenceResult Compare(Network a, Network b, LinearAlgebraBackend backend, EquivalenceOptions? options = null,
        IProgress<ProgressReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        options ??= new EquivalenceOptions();
        CheckComparable(a, b);
        options.Validate(a.InputSize);

        var stages = new ProgressStages(progress, 3);
        stages.Begin("reducing and canonicalising");
        var reductionA = Reducer.Reduce(a, ReductionDomain(a, options.Box));
        var reductionB = Reducer.Reduce(b, ReductionDomain(b, options.Box));
        Network ra = reductionA.Network, rb = reductionB.Network;
        IReadOnlyList<string> gaps = [.. Fiber.Gaps(reductionA, "A").Concat(Fiber.Gaps(reductionB, "B"))];
        double? deviation = null;
        bool sameShape = SameShape(ra, rb, out string shapeDifference);
        string? difference = sameShape ? null : shapeDifference;
        if (sameShape)
        {
            var ca = Canonicalizer.Canonicalize(ra);
            var cb = Canonicalizer.Canonicalize(rb);
            deviation = RelativeDeviation(ca.Network, cb.Network);
            if (deviation <= options.Tolerance)
            {
                stages.Complete();
                if (ca.Element is { } elementA)
                {
                    var map = elementA.Invert().Compose(cb.Element!);
                    double mapDeviation = MaxAbsDifference(map.Apply(rb).GetParameters(), ra.GetParameters());
                    return new EquivalenceResult(EquivalenceVerdict.Equivalent, true, null, deviation, options.Tolerance,
                        map, mapDeviation, null, reductionA, reductionB, options.Box, null, gaps);
                }
                // Same shapes, so A's spec acts on B: canon_A⁻¹ ∘ canon_B takes B to A.
                var channelMap = ca.Transform!.Invert().Compose(cb.Transform!);
                double channelMapDeviation = MaxAbsDifference(ca.Spec!.Apply(rb, channelMap), ra);
                return new EquivalenceResult(EquivalenceVerdict.Equivalent, true, null, deviation, options.Tolerance,
                    null, channelMapDeviation, null, reductionA, reductionB, options.Box, null, gaps, channelMap);
            }
        }

        stages.Begin("witness search");
        var search = WitnessSearch.Run(a, b, backend, options);
        RegionComparisonResult? regions = null;
        if (!search.Found && RegionComparison.Applies(a, b))
        {
            stages.Begin("comparing linear regions");
            regions = RegionComparison.Run(a, b, options.Tolerance, options.Box, backend);
        }
        stages.Complete();
        // Under the theorem, canonical forms that differ are different functions, witness or not.
        var verdict = search.Found || regions?.Witness is not null || gaps.Count == 0 ? EquivalenceVerdict.Different
            : regions?.SameFunction == true ? EquivalenceVerdict.SameFunction
            : EquivalenceVerdict.AgreeOnTestedInputs;
        return new EquivalenceResult(verdict, sameShape, difference, deviation, options.Tolerance, null, null, search, reductionA, reductionB, options.Box, regions, gaps);
    }

    /// <summary>
    /// The box a network is reduced on: <paramref name="box"/> for a network of dense layers; none for one with convolution,
    /// pooling or addition layers, whose channel rules hold on every input (so on the box too) and take no domain.
    /// </summary>
    private static Box? ReductionDomain(Network network, Box? box) => network.HasDenseLayersOnly ? box : null;

    /// <summary>Throws unless A and B take inputs of the same size and give outputs of the same size.</summary>
    /// <exception cref="ArgumentException">The sizes differ.</exception>
    public static void CheckComparable(Network a, Network b)
    {
        if (a.InputSize != b.InputSize)
            throw new ArgumentException($"the networks take inputs of different sizes ({a.InputSize} and {b.InputSize}): they cannot compute the same function");
        if (a.OutputSize != b.OutputSize)
            throw new ArgumentException($"the networks give outputs of different sizes ({a.OutputSize} and {b.OutputSize}): they cannot compute the same function");
    }

    /// <summary>Same widths, activations, sources and masks (and kinds, shapes, windows and groups): the same symmetry group, canonical forms comparable entry by entry.</summary>
    private static bool SameShape(Network a, Network b, out string difference)
    {
        difference = "";
        if (a.Layers.Count != b.Layers.Count)
        {
            difference = $"{a.Architecture} vs {b.Architecture}";
            return false;
        }
        for (int l = 0; l < a.Layers.Count; l++)
        {
            Layer la = a.Layers[l], lb = b.Layers[l];
            if (la.OutputSize != lb.OutputSize || la.InputSize != lb.InputSize || !la.Sources.SequenceEqual(lb.Sources)
                || la.Kind != lb.Kind || !la.InputShape.Equals(lb.InputShape) || !la.OutputShape.Equals(lb.OutputShape)
                || la.Groups != lb.Groups || la.Window?.ToString() != lb.Window?.ToString() || !a.InputShape.Equals(b.InputShape))
                difference = $"{a.Architecture} vs {b.Architecture}";
            else if (!la.Activation.Equals(lb.Activation))
                difference = $"layer {l}: activation {la.Activation} vs {lb.Activation}";
            else if (la.IsDense != lb.IsDense || !la.Mask.SequenceEqual(lb.Mask))
                difference = $"layer {l}: different connectivity masks";
            if (difference.Length > 0) return false;
        }
        return true;
    }

    /// <summary>max over layers of max|Δθ| / max|θ| (the max over both networks; 0 when the layer is zero in both).</summary>
    private static double RelativeDeviation(Network a, Network b)
    {
        double worst = 0;
        for (int l = 0; l < a.Layers.Count; l++)
        {
            Layer la = a.Layers[l], lb = b.Layers[l];
            double diff = Math.Max(MaxAbsDifference(la.Weights, lb.Weights), MaxAbsDifference(la.Bias, lb.Bias));
            double scale = Math.Max(Math.Max(MaxAbs(la.Weights), MaxAbs(lb.Weights)), Math.Max(MaxAbs(la.Bias), MaxAbs(lb.Bias)));
            if (diff > 0) worst = Math.Max(worst, diff / scale);
        }
        return worst;
    }

    /// <summary>max |Δθ| over every weight and bias of two networks of one architecture, layer by layer (no parameter vector is copied out).</summary>
    private static double MaxAbsDifference(Network a, Network b)
    {
        double m = 0;
        for (int l = 0; l < a.Layers.Count; l++)
            m = Math.Max(m, Math.Max(MaxAbsDifference(a.Layers[l].Weights, b.Layers[l].Weights), MaxAbsDifference(a.Layers[l].Bias, b.Layers[l].Bias)));
        return m;
    }

    private static double MaxAbsDifference(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double m = 0;
        for (int i = 0; i < x.Length; i++) m = Math.Max(m, Math.Abs(x[i] - y[i]));
        return m;
    }

    private static double MaxAbs(ReadOnlySpan<double> x)
    {
        double m = 0;
        foreach (double v in x) m = Math.Max(m, Math.Abs(v));
        return m;
    }
}

using System.Numerics.Tensors;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Symmetries;

namespace NetSym.Canonical;

/// <summary>
/// Aligns network B to network A: finds the element g of B's symmetry group (permutations within interchangeable
/// classes, per-neuron scalings and signs) that brings θ_{g·B} closest to θ_A. Networks that are not dense-only
/// (convolution, pooling, addition layers) are aligned over the channel classes of their permutation spec
/// (<see cref="ChannelAligner"/>); the rest of these remarks are about dense networks.
/// </summary>
/// <remarks>
/// <para>Both networks are normalised neuron by neuron (<see cref="NeuronNormalizer"/>), which removes the continuous
/// part and the sign: g_A·A = N_A and g_B·B = N_B. The hidden layers of N_B are then matched to those of N_A one after
/// another from the input, each by linear assignment on the distances between incoming (w, β), the incoming columns
/// already reordered by the layers before (<see cref="AlignmentLayerMatcher"/>). Unless that already makes the two
/// equal, weight matching refines it: sweeps over the layers, each re-solving one layer's assignment on incoming and
/// outgoing weights together with the others fixed, until a sweep changes nothing. With E the product of these
/// steps, g = g_A⁻¹ ∘ E ∘ g_B, so g·B ≈ A in A's own scaling.</para>
/// <para>Planted case: if B = h·A for a group element h and A's normalised neurons are pairwise distinct (true for
/// generic weights), then, with the earlier layers matched, the cost matrix of each layer has an exact zero-cost
/// perfect matching and every other matching costs at least the smallest squared distance between two distinct
/// normalised neurons, so the assignment is h's permutation and g·B = A up to rounding.</para>
/// </remarks>
public static class Aligner
{
    /// <summary>
    /// The memory <see cref="Align"/> takes for networks shaped like <paramref name="a"/>: about eight
    /// copies of the network (both, both normalised, the one being matched, the candidates) and, for
    /// the widest hidden layer of n neurons, the n × n matrices of one assignment (inner products of
    /// incoming and of outgoing weights, the costs, the solver's copy and a class's block: five of
    /// doubles, and one of ints for the chosen symmetries).
    /// </summary>
    public static MemoryEstimate EstimateMemory(Network a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (!a.HasDenseLayersOnly) return ChannelAligner.EstimateMemory(a);
        long n = a.Layers.Take(a.Layers.Count - 1).Select(l => (long)l.OutputSize).DefaultIfEmpty(0).Max();
        long squares = MemoryEstimate.Doubles(n, n);
        return new MemoryEstimate(
        [
            new("8 copies of the network", MemoryEstimate.Doubles(8, a.ParameterCount)),
            new($"assignment matrices {n} × {n}", squares > long.MaxValue / 6 ? long.MaxValue : 5 * squares + squares / 2),
        ]);
    }

    /// <summary>Aligns <paramref name="b"/> to <paramref name="a"/>, matching layers on <paramref name="backend"/>; see <see cref="AlignmentResult"/> for what is returned.</summary>
    /// <exception cref="ArgumentException">The networks differ in architecture (input or output size, depth, widths, sources,
    /// activations or masks), or the options are out of range.</exception>
    /// <param name="a">The reference network.</param>
    /// <param name="b">The network to align onto <paramref name="a"/>.</param>
    /// <param name="backend">The linear-algebra engine of the assignment costs.</param>
    /// <param name="options">Tolerance and refinement; <see cref="AlignmentOptions.Default"/> when null.</param>
    /// <param name="progress">
    /// Told of the two normalisations, each hidden layer's matching and each refinement sweep (counted
    /// up to <see cref="AlignmentOptions.MaxSweeps"/>; those not needed are skipped), a sweep's
    /// layers as the fraction within it.
    /// </param>
    public static AlignmentResult Align(Network a, Network b, LinearAlgebraBackend backend, AlignmentOptions? options = null,
        IProgress<ProgressReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        options ??= AlignmentOptions.Default;
        options.Validate();
        RequireSameArchitecture(a, b);
        if (!a.HasDenseLayersOnly) return ChannelAligner.Align(a, b, options, progress);

        var thetaA = a.GetParameters();
        double reference = TensorPrimitives.Norm(thetaA);
        if (reference == 0) reference = 1;
        var group = SymmetryGroup.Of(a);
        var identity = GroupElement.Identity(group.HiddenWidths);

        int hidden = group.Layers.Count;
        var stages = new ProgressStages(progress, 2 + hidden + (options.Refine ? options.MaxSweeps : 0));
        stages.Begin("normalising the neurons of A");
        var (normalA, toNormalA) = NeuronNormalizer.Normalize(a);
        stages.Begin("normalising the neurons of B");
        var (normalB, toNormalB) = NeuronNormalizer.Normalize(b);
        var fromNormalA = toNormalA.Invert();
        var matcher = new AlignmentLayerMatcher(normalA, group, backend);

        Candidate Evaluate(GroupElement g, AlignmentStage stage)
        {
            var aligned = g.Apply(b);
            return new Candidate(g, aligned, TensorPrimitives.Distance(thetaA, aligned.GetParameters()), stage);
        }

        var best = new Candidate(identity, b, TensorPrimitives.Distance(thetaA, b.GetParameters()), AlignmentStage.Unchanged);
        double before = best.Distance;

        var matching = identity;
        var current = normalB;
        for (int l = 0; l < hidden; l++)
        {
            stages.Begin($"matching hidden layer {l + 1} of {hidden}");
            Step(matcher.Match(current, l, withOutgoing: false), ref matching, ref current);
        }
        var layerMatched = Evaluate(fromNormalA.Compose(matching.Compose(toNormalB)), AlignmentStage.LayerMatching);
        if (layerMatched.Distance < best.Distance) best = layerMatched;

        int sweeps = 0;
        if (options.Refine && best.Distance / reference > options.Tolerance)
        {
            bool changed = true;
            while (changed && sweeps < options.MaxSweeps)
            {
                sweeps++;
                stages.Begin($"weight matching, sweep {sweeps} (at most {options.MaxSweeps})");
                changed = false;
                for (int l = 0; l < hidden; l++)
                {
                    stages.Within?.Invoke((double)l / hidden);
                    changed |= Step(matcher.Match(current, l, withOutgoing: true), ref matching, ref current);
                }
            }
            var refined = Evaluate(fromNormalA.Compose(matching.Compose(toNormalB)), AlignmentStage.WeightMatching);
            if (refined.Distance < best.Distance) best = refined;
        }

        stages.Complete();
        var after = best.Aligned.GetParameters();
        double maxDeviation = 0;
        for (int k = 0; k < after.Length; k++) maxDeviation = Math.Max(maxDeviation, Math.Abs(thetaA[k] - after[k]));
        return new AlignmentResult(best.Element, best.Aligned, before, best.Distance, before / reference, best.Distance / reference,
            maxDeviation, best.Distance / reference <= options.Tolerance, best.Stage, sweeps);
    }

    /// <summary>Applies one matching step, if there is one, to the working copy and the accumulated element.</summary>
    private static bool Step(GroupElement? step, ref GroupElement accumulated, ref Network current)
    {
        if (step is null) return false;
        current = step.Apply(current);
        accumulated = step.Compose(accumulated);
        return true;
    }

    /// <exception cref="ArgumentException">The first difference found, in words.</exception>
    private static void RequireSameArchitecture(Network a, Network b)
    {
        static void Fail(string what) => throw new ArgumentException($"cannot align networks of different architectures: {what}");
        if (a.InputSize != b.InputSize) Fail($"input sizes differ (A has {a.InputSize}, B has {b.InputSize})");
        if (a.OutputSize != b.OutputSize) Fail($"output sizes differ (A has {a.OutputSize}, B has {b.OutputSize})");
        if (a.Layers.Count != b.Layers.Count) Fail($"A has {a.Layers.Count} layers, B has {b.Layers.Count}");
        for (int l = 0; l < a.Layers.Count; l++)
        {
            Layer la = a.Layers[l], lb = b.Layers[l];
            if (la.OutputSize != lb.OutputSize) Fail($"layer {l} has {la.OutputSize} neurons in A, {lb.OutputSize} in B");
            if (!la.Sources.SequenceEqual(lb.Sources))
                Fail($"layer {l} reads nodes [{string.Join(", ", la.Sources)}] in A, [{string.Join(", ", lb.Sources)}] in B");
            if (!la.Activation.Equals(lb.Activation)) Fail($"layer {l} applies {la.Activation.Spec} in A, {lb.Activation.Spec} in B");
            if (la.IsDense != lb.IsDense || !la.Mask.SequenceEqual(lb.Mask)) Fail($"layer {l} has different connectivity masks");
            if (la.Kind != lb.Kind) Fail($"layer {l} is a {la.Kind} layer in A, a {lb.Kind} layer in B");
            if (!la.InputShape.Equals(lb.InputShape) || !la.OutputShape.Equals(lb.OutputShape) || la.Groups != lb.Groups || la.WeightColumns != lb.WeightColumns)
                Fail($"layer {l} maps {la.InputShape} to {la.OutputShape} in A, {lb.InputShape} to {lb.OutputShape} in B (or in other groups or windows)");
        }
    }

    private sealed record Candidate(GroupElement Element, Network Aligned, double Distance, AlignmentStage Stage);
}

using System.Numerics.Tensors;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Symmetries;
using NodeKind = NetSym.Networks.LayerKind;

namespace NetSym.Canonical;

/// <summary>
/// Alignment of convolutional and residual networks over the channel symmetries of their
/// <see cref="PermutationSpec"/>: the transform g of B's spec that brings θ_{g·B} closest to θ_A
/// (<see cref="Aligner.Align"/> comes here for networks that are not dense-only).
/// </summary>
/// <remarks>
/// <para>Both networks are first normalised class by class in class order (so a class's first producer reads channels
/// already normalised): every channel of a class with positive scalings is divided by the norm of its first producer's
/// row (kernel and bias), and every channel of a class with sign flips takes the sign that makes that row's weight of
/// largest magnitude positive (the bias's sign when the kernel row is 0) — the canonical form's factor
/// (<see cref="ChannelCanonicalizer.Factor"/>). A planted B = h·A then normalises to a pure channel permutation of
/// normalised A.</para>
/// <para>Matching (Ainsworth et al.'s weight matching, "Git Re-Basin", over the spec): each class with its own
/// permutation (together with the classes tied to it) is solved by a linear assignment within each block on
/// cost[i, j] = −⟨A's parameters touching channel i, B's parameters touching channel j⟩, B's other classes permuted
/// as found so far. A first pass in class order uses the producers' rows alone (incoming weights, exact for a planted
/// permutation of a generic A by induction from the input); unless that makes the two equal, coordinate descent over
/// the classes in a random order per sweep (producers' rows and consumers' kernel slices and column blocks together)
/// refines it until a sweep changes nothing or <see cref="AlignmentOptions.MaxSweeps"/> is reached. With μ_A, μ_B the
/// normalising factors and π the permutation found, g has permutation π and factor μ_B[π(k)] / μ_A[k] on B's channel
/// π(k), so g·B ≈ A in A's own scaling and g is an element of the spec; where B's own scale is closer to A (independent
/// networks), only the factors' signs are kept. The closest of these and B as given is returned.</para>
/// </remarks>
internal static class ChannelAligner
{
    /// <summary>
    /// The memory <see cref="Align"/> takes: about eight copies of the network (both, both normalised, the candidates,
    /// the working copy), the channels' parameter index lists (a parameter is in at most one producer row and one
    /// consumer slice: two ints each), one class's gathered slices of both networks (at most two doubles per parameter
    /// each) and, for the widest class of n channels, the n × n cost matrix and the solver's copy.
    /// </summary>
    public static MemoryEstimate EstimateMemory(Network a)
    {
        long n = PermutationSpec.Derive(a).Classes.Select(c => (long)c.Channels).DefaultIfEmpty(0).Max();
        return new MemoryEstimate(
        [
            new("8 copies of the network", MemoryEstimate.Doubles(8, a.ParameterCount)),
            new("channel index lists and gathered slices", MemoryEstimate.Doubles(5, a.ParameterCount)),
            new($"assignment matrices {n} × {n}", MemoryEstimate.Doubles(2 * n, n)),
        ]);
    }

    /// <summary>Aligns <paramref name="b"/> to <paramref name="a"/> (same architecture, checked by the caller); see the remarks.</summary>
    public static AlignmentResult Align(Network a, Network b, AlignmentOptions options, IProgress<ProgressReport>? progress)
    {
        var spec = PermutationSpec.Derive(a);
        var units = Units(a, spec);
        var stages = new ProgressStages(progress, 3 + (options.Refine ? options.MaxSweeps : 0));

        var thetaA = a.GetParameters();
        double reference = TensorPrimitives.Norm(thetaA);
        if (reference == 0) reference = 1;
        var best = new Candidate(ChannelTransform.Identity(spec), b, TensorPrimitives.Distance(thetaA, b.GetParameters()), AlignmentStage.Unchanged);
        double before = best.Distance;

        stages.Begin("normalising the channels of A");
        var (normalA, muA) = Normalize(spec, a);
        stages.Begin("normalising the channels of B");
        var (normalB, muB) = Normalize(spec, b);
        var thetaNormalA = normalA.GetParameters();

        // perms[o]: the permutation of owner class o (new position k holds B's channel perms[o][k]).
        var perms = spec.Classes.Select(c => Enumerable.Range(0, c.Channels).ToArray()).ToArray();

        // Two candidates per permutation: B's channels in A's scaling, or only their signs matched (B's own scale).
        Candidate Evaluate(AlignmentStage stage)
        {
            Candidate? closest = null;
            foreach (bool rescale in (bool[])[true, false])
            {
                var transform = Transform(spec, perms, muA, muB, rescale);
                var aligned = spec.Apply(b, transform);
                var candidate = new Candidate(transform, aligned, TensorPrimitives.Distance(thetaA, aligned.GetParameters()), stage);
                if (closest is null || candidate.Distance < closest.Distance) closest = candidate;
            }
            return closest!;
        }

        bool Solve(MatchingUnit unit, bool incomingOnly)
        {
            var others = Permutations(spec, perms, except: unit.Owner);
            var current = spec.Apply(normalB, new ChannelTransform(others, Ones(spec))).GetParameters();
            int length = incomingOnly ? unit.IncomingLength : unit.Indices[0].Length;
            var perm = perms[unit.Owner];
            var previous = (int[])perm.Clone();
            foreach (var block in spec.Classes[unit.Owner].Blocks)
            {
                if (block.Length == 1) continue;
                int m = block.Length;
                var ga = Gather(thetaNormalA, unit, block, length);
                var gb = Gather(current, unit, block, length);
                var cost = new double[m * m];
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < m; j++)
                        cost[i * m + j] = -TensorPrimitives.Dot(ga.AsSpan(i * length, length), gb.AsSpan(j * length, length));
                var solution = LinearAssignment.Solve(cost, m, m);
                for (int i = 0; i < m; i++) perm[block[i]] = block[solution.RowToColumn[i]];
            }
            return !perm.AsSpan().SequenceEqual(previous);
        }

        stages.Begin("matching the classes in order on incoming weights");
        foreach (var unit in units) Solve(unit, incomingOnly: true);
        var matched = Evaluate(AlignmentStage.LayerMatching);
        if (matched.Distance < best.Distance) best = matched;

        int sweeps = 0;
        if (options.Refine && best.Distance / reference > options.Tolerance)
        {
            var order = RandomKey.FromSeed(options.Seed).Split(RandomPurpose.Alignment).Stream();
            var shuffled = units.ToArray();
            bool changed = true;
            while (changed && sweeps < options.MaxSweeps)
            {
                sweeps++;
                stages.Begin($"weight matching, sweep {sweeps} (at most {options.MaxSweeps})");
                order.Shuffle(shuffled.AsSpan());
                changed = false;
                for (int u = 0; u < shuffled.Length; u++)
                {
                    stages.Within?.Invoke((double)u / shuffled.Length);
                    changed |= Solve(shuffled[u], incomingOnly: false);
                }
            }
            var refined = Evaluate(AlignmentStage.WeightMatching);
            if (refined.Distance < best.Distance) best = refined;
        }

        stages.Complete();
        var after = best.Aligned.GetParameters();
        double maxDeviation = 0;
        for (int k = 0; k < after.Length; k++) maxDeviation = Math.Max(maxDeviation, Math.Abs(thetaA[k] - after[k]));
        return new AlignmentResult(null, best.Aligned, before, best.Distance, before / reference, best.Distance / reference,
            maxDeviation, best.Distance / reference <= options.Tolerance, best.Stage, sweeps)
        {
            Transform = best.Transform,
        };
    }

    /// <summary>
    /// Normalises the channels class by class (see the remarks on <see cref="ChannelAligner"/>): the normalised network
    /// and per class the factor μ applied to each channel (1 where the class admits no scaling).
    /// </summary>
    private static (Network Normal, double[][] Mu) Normalize(PermutationSpec spec, Network network)
    {
        var mu = Ones(spec);
        var identity = Permutations(spec, [.. spec.Classes.Select(c => Enumerable.Range(0, c.Channels).ToArray())], except: -1);
        var current = network;
        foreach (var c in spec.Classes)
        {
            if (c.Fixed || c.Factors == ChannelFactors.None) continue;
            Layer[] key = [current.Layers[c.Producers[0]]];
            var step = Ones(spec);
            for (int k = 0; k < c.Channels; k++) step[c.Index][k] = ChannelCanonicalizer.Factor(c.Factors, key, k);
            mu[c.Index] = step[c.Index];
            current = spec.Apply(current, new ChannelTransform(identity, step));
        }
        return (current, mu);
    }

    /// <summary>
    /// g relative to B as given: permutation π per class (its owner's), factor μ_B[π(k)] / μ_A[k] on channel π(k) — or,
    /// unless <paramref name="rescale"/>, only its sign (an element too: a class whose μ are not all 1 admits that sign).
    /// </summary>
    private static ChannelTransform Transform(PermutationSpec spec, int[][] perms, double[][] muA, double[][] muB, bool rescale)
    {
        var permutations = Permutations(spec, perms, except: -1);
        var factors = new double[spec.Classes.Count][];
        foreach (var c in spec.Classes)
        {
            var p = permutations[c.Index];
            var f = factors[c.Index] = new double[c.Channels];
            for (int k = 0; k < c.Channels; k++)
            {
                double ratio = muB[c.Index][p[k]] / muA[c.Index][k];
                f[p[k]] = rescale ? ratio : Math.Sign(ratio);
            }
        }
        return new ChannelTransform(permutations, factors);
    }

    /// <summary>Every class's permutation (its owner's), the identity for the classes owned by <paramref name="except"/>.</summary>
    private static int[][] Permutations(PermutationSpec spec, int[][] perms, int except) =>
        [.. spec.Classes.Select(c => c.PermutationOwner == except ? Enumerable.Range(0, c.Channels).ToArray() : (int[])perms[c.PermutationOwner].Clone())];

    private static double[][] Ones(PermutationSpec spec) => [.. spec.Classes.Select(c => Enumerable.Repeat(1.0, c.Channels).ToArray())];

    /// <summary>Rows i of the block's channels: θ at the first <paramref name="length"/> of each channel's indices.</summary>
    private static double[] Gather(double[] theta, MatchingUnit unit, int[] block, int length)
    {
        var g = new double[block.Length * length];
        for (int i = 0; i < block.Length; i++)
        {
            var indices = unit.Indices[block[i]];
            for (int m = 0; m < length; m++) g[i * length + m] = theta[indices[m]];
        }
        return g;
    }

    /// <summary>
    /// One matching unit per class with its own permutation that can move something: per channel the indices in
    /// <see cref="Network.GetParameters"/> of the parameters touching it — first the rows (kernel or weights, then bias)
    /// of the producers of the class and of the classes tied to it, then the consumers' input-channel kernel slices
    /// (over their group's output channels) and column blocks (over all positions). Channels of one block get
    /// index lists of the same length and layout, so that their entries correspond.
    /// </summary>
    private static List<MatchingUnit> Units(Network network, PermutationSpec spec)
    {
        var units = new List<MatchingUnit>();
        foreach (var owner in spec.Classes)
        {
            if (!owner.OwnsPermutation || owner.PermutableBlockSizes.Count == 0) continue;
            var tied = spec.Classes.Where(c => c.PermutationOwner == owner.Index).Select(c => c.Index).ToHashSet();
            var indices = Enumerable.Range(0, owner.Channels).Select(_ => new List<int>()).ToArray();
            var layers = network.Layers;
            foreach (int l in tied.SelectMany(c => spec.Classes[c].Producers).Order())
            {
                var layer = layers[l];
                int offset = network.ParameterOffset(l), columns = layer.WeightColumns, biases = offset + layer.Units * columns;
                for (int k = 0; k < owner.Channels; k++)
                {
                    for (int j = 0; j < columns; j++) indices[k].Add(offset + k * columns + j);
                    indices[k].Add(biases + k);
                }
            }
            int incoming = indices[0].Count;
            for (int l = 0; l < layers.Count; l++)
            {
                var layer = layers[l];
                int offset = network.ParameterOffset(l), columns = layer.WeightColumns;
                if (layer.Kind == NodeKind.Convolution)
                {
                    // A convolution from the unit's channels to themselves (a depthwise one between tied classes) is in its rows already.
                    if (!tied.Contains(spec.ClassOf(layer.Sources[0])) || tied.Contains(spec.ClassOf(l + 1))) continue;
                    int inBlock = layer.InputShape.Channels / layer.Groups, outBlock = layer.Units / layer.Groups, taps = layer.Window!.WindowSize;
                    for (int i = 0; i < owner.Channels; i++)
                    {
                        int group = i / inBlock;
                        for (int k = group * outBlock; k < (group + 1) * outBlock; k++)
                            for (int t = 0; t < taps; t++) indices[i].Add(offset + k * columns + (i - group * inBlock) * taps + t);
                    }
                }
                else if (layer.Kind == NodeKind.Dense)
                {
                    foreach (var source in network.Graph.SourceBlocks(l))
                    {
                        if (!tied.Contains(spec.ClassOf(source.Node))) continue;
                        int positions = network.ShapeOf(source.Node).Positions;
                        for (int i = 0; i < owner.Channels; i++)
                            for (int k = 0; k < layer.Units; k++)
                                for (int p = 0; p < positions; p++) indices[i].Add(offset + k * columns + source.Offset + i * positions + p);
                    }
                }
            }
            units.Add(new MatchingUnit(owner.Index, owner.Channels, [.. indices.Select(x => x.ToArray())], incoming));
        }
        return units;
    }

    /// <summary>The classes sharing the permutation of class <paramref name="Owner"/>, with their channels' parameter indices.</summary>
    private sealed record MatchingUnit(int Owner, int Channels, int[][] Indices, int IncomingLength);

    private sealed record Candidate(ChannelTransform Transform, Network Aligned, double Distance, AlignmentStage Stage);
}

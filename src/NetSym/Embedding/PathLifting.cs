using NetSym.Networks;

namespace NetSym.Embedding;

/// <summary>
/// The path-lifting Φ(θ) of Stock &amp; Gribonval (2022), for networks whose activations are
/// positively homogeneous (ρ(λz) = λρ(z) for λ &gt; 0: relu, leaky_relu(α), abs, identity):
/// one entry per path of the DAG from an input coordinate or a bias to an output neuron, the
/// product of the weights along it (and of the starting bias). See <see cref="NetworkPath"/>.
/// </summary>
/// <remarks>
/// <para>Path order: the block of output 0, then output 1, …; within a block, the input paths by
/// input coordinate, then the bias paths by their bias's neuron (layer, then index; the output's
/// own bias, the one-neuron path, comes last); paths with the same start by their neuron sequence,
/// lexicographically.</para>
/// <para>Rescaling a hidden neuron's incoming weights and bias by λ &gt; 0 and its outgoing weights by
/// 1/λ leaves every entry unchanged; permuting a layer's neurons permutes the entries (the paths
/// are renamed). Φ also ignores λ &lt; 0, which changes a ReLU network's function: Φ identifies a
/// function only together with the signs of the pattern.</para>
/// <para>Φ has Σ_o #paths(o) entries, exponential in depth: it is materialised only up to a limit.
/// <see cref="PathNorms"/> and <see cref="ImplicitPathLifting"/> never materialise it.</para>
/// </remarks>
public static class PathLifting
{
    /// <summary>The default limit on the entries of Φ that may be materialised (80 MB of doubles).</summary>
    public const long DefaultMaxPaths = 10_000_000;

    /// <summary>
    /// Whether ρ is positively homogeneous: piecewise linear with its only breakpoint at 0 and ρ(0) = 0,
    /// so ρ(z) = s₊·z for z &gt; 0 and s₋·z for z &lt; 0.
    /// </summary>
    public static bool Supports(Activation activation) => activation.IsPositivelyHomogeneous;

    /// <summary>Throws unless every layer's activation is positively homogeneous.</summary>
    /// <exception cref="ArgumentException">A layer's activation is not; the message names it and the supported ones.</exception>
    public static void EnsureSupported(Network network)
    {
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var activation = network.Layers[l].Activation;
            if (!Supports(activation))
                throw new ArgumentException(
                    $"layer {l} uses activation '{activation.Spec}', which is not positively homogeneous; " +
                    "the path-lifting needs relu, leaky_relu(α), abs or identity");
        }
    }

    /// <summary>
    /// The memory <see cref="Compute"/> takes: Φ, one double per path; with <paramref name="withPaths"/>,
    /// also <see cref="Paths"/> beside it, an object and a neuron array per path (about 72 bytes plus
    /// 8 per neuron, counted at the network's depth).
    /// </summary>
    public static MemoryEstimate EstimateMemory(Network network, bool withPaths)
    {
        ArgumentNullException.ThrowIfNull(network);
        var total = PathCount.Of(network).Total;
        long entries = total > long.MaxValue / 8 ? long.MaxValue / 8 : (long)total;
        long perPath = 72 + 8L * network.Layers.Count;
        var phi = MemoryEstimate.Of($"Φ, {entries} entries", MemoryEstimate.Doubles(entries, 1));
        return withPaths ? phi.Plus(MemoryEstimate.Of($"{entries} paths", entries > long.MaxValue / perPath ? long.MaxValue : entries * perPath)) : phi;
    }

    /// <summary>Φ(θ) in path order.</summary>
    /// <exception cref="ArgumentException">An activation that is not positively homogeneous.</exception>
    /// <exception cref="PathLimitExceededException">Φ has more than <paramref name="maxPaths"/> entries.</exception>
    /// <exception cref="NotSupportedException">A convolution, pooling or addition layer: such paths are counted (<see cref="PathCount"/>) and normed (<see cref="PathNorms"/>), not listed.</exception>
    /// <param name="network">The network.</param>
    /// <param name="maxPaths">The most entries Φ may have.</param>
    /// <param name="progress">Told of each batch of paths, a hundredth of them (at least one path).</param>
    public static double[] Compute(Network network, long maxPaths = DefaultMaxPaths, IProgress<ProgressReport>? progress = null)
    {
        EnsureSupported(network);
        var (enumerator, entries) = Enumerate(network, maxPaths);
        var theta = network.GetParameters();
        var phi = new double[entries];
        int next = 0;
        Walk(enumerator, entries, "entries of Φ", progress, (_, _, parameters) =>
        {
            double product = 1;
            foreach (int k in parameters) product *= theta[k];
            phi[next++] = product;
        });
        return phi;
    }

    /// <summary>The paths in path order: entry k of Φ belongs to path k.</summary>
    /// <exception cref="PathLimitExceededException">There are more than <paramref name="maxPaths"/> paths.</exception>
    /// <exception cref="NotSupportedException">A convolution, pooling or addition layer.</exception>
    /// <param name="network">The network.</param>
    /// <param name="maxPaths">The most paths that may be listed.</param>
    /// <param name="progress">Told of each batch of paths, a hundredth of them (at least one path).</param>
    public static IReadOnlyList<NetworkPath> Paths(Network network, long maxPaths = DefaultMaxPaths, IProgress<ProgressReport>? progress = null)
    {
        var (enumerator, entries) = Enumerate(network, maxPaths);
        var paths = new List<NetworkPath>(entries);
        Walk(enumerator, entries, "paths", progress, (input, neurons, _) =>
        {
            var sequence = new Neuron[neurons.Length];
            for (int k = 0; k < neurons.Length; k++) sequence[k] = enumerator.NeuronAt(neurons[k]);
            paths.Add(new NetworkPath(input < 0 ? null : input, sequence));
        });
        return paths;
    }

    /// <summary>The batches a walk reports: its cost is the same for every path, so equal batches take equal time.</summary>
    private const int ProgressBatches = 100;

    /// <summary>
    /// Walks the <paramref name="entries"/> paths, beginning a stage at the first path of each of
    /// <see cref="ProgressBatches"/> equal batches (fewer when there are fewer paths).
    /// </summary>
    private static void Walk(PathEnumerator enumerator, int entries, string what, IProgress<ProgressReport>? progress, PathVisitor visit)
    {
        if (progress is null)
        {
            enumerator.Walk(visit);
            return;
        }
        int batches = Math.Min(entries, ProgressBatches);
        var stages = new ProgressStages(progress, batches);
        long next = 0, boundary = 0;
        int batch = 0;
        enumerator.Walk((input, neurons, parameters) =>
        {
            if (next == boundary)
            {
                batch++;
                boundary = (long)batch * entries / batches;
                stages.Begin($"{what} {next + 1}–{boundary} of {entries}");
            }
            visit(input, neurons, parameters);
            next++;
        });
        stages.Complete();
    }

    /// <summary>The walker over a network's paths and their number, after checking the limit.</summary>
    internal static (PathEnumerator Enumerator, int Entries) Enumerate(Network network, long maxPaths)
    {
        if (maxPaths < 0) throw new ArgumentOutOfRangeException(nameof(maxPaths), maxPaths, "the path limit must be non-negative");
        // The walker follows dense edges; a convolutional network's paths are counted and normed, not listed.
        network.RequireDenseLayers("the path-lifting Φ");
        var total = PathCount.Of(network).Total;
        long limit = Math.Min(maxPaths, Array.MaxLength);
        if (total > limit) throw new PathLimitExceededException(total, limit);
        return (new PathEnumerator(network), (int)total);
    }
}

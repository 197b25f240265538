using System.Globalization;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Dimension;

/// <summary>
/// Seeded random inputs for a batch. Row i is drawn from the stream of
/// <c>RandomKey.FromSeed(seed).Split("inputs").Split(i)</c> (<see cref="RandomNetworks.Inputs"/>), so the
/// first n rows of <c>Draw(N, seed)</c> are <c>Draw(n, seed)</c> for every n ≤ N: a larger batch
/// extends a smaller one, which is what a growth curve needs.
/// </summary>
public sealed record InputSampler
{
    private InputSampler(InputDistribution distribution, int dimension, Box? domain, Network? network = null)
    {
        Network = network;
        Distribution = distribution;
        Dimension = dimension;
        Domain = domain;
    }

    /// <summary>The distribution.</summary>
    public InputDistribution Distribution { get; }

    /// <summary>d, the size of each input.</summary>
    public int Dimension { get; }

    /// <summary>The network whose kinks <see cref="InputDistribution.Kinks"/> samples; null otherwise.</summary>
    public Network? Network { get; }

    /// <summary>The box for <see cref="InputDistribution.Box"/>; null otherwise.</summary>
    public Box? Domain { get; }

    /// <summary>N(0, I_d), drawn exactly as <see cref="RandomNetworks.GaussianInputs"/> (the same inputs for the same key).</summary>
    public static InputSampler Gaussian(int dimension) => new(InputDistribution.Gaussian, RequirePositive(dimension), null);

    /// <summary>Uniform on [−1, 1]^d.</summary>
    public static InputSampler Uniform(int dimension) => new(InputDistribution.Uniform, RequirePositive(dimension), null);

    /// <summary>Uniform on <paramref name="domain"/> (each coordinate lo + (hi − lo)·U[0, 1)).</summary>
    public static InputSampler InBox(Box domain) =>
        new(InputDistribution.Box, (domain ?? throw new ArgumentNullException(nameof(domain))).Dimension, domain);

    /// <summary>
    /// Points beside the kinks of a piecewise-linear <paramref name="network"/>: row i is a
    /// <see cref="KinkPoint"/> at scale s = 10^(i mod 4): for a network of dense layers a random line walked over
    /// t ∈ [−4s, 4s] and a point a quarter gap off one of its crossings (<see cref="KinkPoint.Draw"/>); for a
    /// network with convolutions, pooling or sums a point beside the breakpoints of a neuron and a partner of the
    /// layer before, drawn by how rarely a pilot batch wakes them or turns them off (<see cref="KinkPoint.Aim"/>, <see cref="KinkTargets"/>;
    /// the pilot depends on the seed only). Row i depends only on its own key and the seed, so the prefix property holds.
    /// </summary>
    public static InputSampler Kinks(Network network) =>
        new(InputDistribution.Kinks, (network ?? throw new ArgumentNullException(nameof(network))).InputSize, null, network);

    /// <summary>The sampler for a distribution; <paramref name="domain"/> is required for a box and refused otherwise.</summary>
    /// <exception cref="ArgumentException">Kinks (it needs the network), a box without a domain, a domain with another distribution, or a domain of the wrong dimension.</exception>
    public static InputSampler For(InputDistribution distribution, int dimension, Box? domain)
    {
        if (distribution == InputDistribution.Box)
        {
            if (domain is null) throw new ArgumentException("the box distribution needs a domain");
            if (domain.Dimension != dimension)
                throw new ArgumentException($"the domain has {domain.Dimension} coordinates, the network has {dimension} inputs");
            return InBox(domain);
        }
        if (distribution == InputDistribution.Kinks)
            throw new ArgumentException("the kinks distribution needs the network (InputSampler.Kinks)");
        if (domain is not null)
            throw new ArgumentException($"a domain is only used by the box distribution, not by {distribution.ToString().ToLowerInvariant()}");
        return distribution == InputDistribution.Gaussian ? Gaussian(dimension) : Uniform(dimension);
    }

    /// <summary>The first <paramref name="count"/> inputs of the stream seeded by <paramref name="seed"/>, one per row.</summary>
    public Matrix Draw(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var key = RandomKey.FromSeed(seed).Split(RandomPurpose.Inputs);
        if (Distribution == InputDistribution.Gaussian) return RandomNetworks.GaussianInputs(count, Dimension, key);
        if (Distribution == InputDistribution.Kinks) return DrawKinks(count, key);
        return RandomNetworks.Inputs(count, Dimension, key, (random, k) =>
        {
            double u = random.NextDouble();
            return Domain is { } box ? box.Lower[k] + (box.Upper[k] - box.Lower[k]) * u : 2 * u - 1;
        });
    }

    /// <summary>How the inputs are drawn, for reports.</summary>
    public string Describe(int seed)
    {
        string source = string.Create(CultureInfo.InvariantCulture, $"the key FromSeed({seed})/inputs, row i from its child i (docs/randomness.md)");
        return Distribution switch
        {
            InputDistribution.Gaussian => $"x ~ N(0, I) by the polar method on {source}",
            InputDistribution.Uniform => $"x uniform on [-1, 1]^{Dimension} on {source}",
            InputDistribution.Kinks when Network!.HasDenseLayersOnly => $"x beside a breakpoint crossing on a random line at scale 10^(i mod 4) on {source}",
            InputDistribution.Kinks => $"x beside the breakpoints of a drawn neuron and a partner of the layer before, reached by Newton's method from N(0, s²I), s = 10^(i mod 4), targets weighted by how rarely a pilot batch wakes them or turns them off, on {source}",
            _ => $"x uniform on the box {Domain} on {source}",
        };
    }

    /// <summary>
    /// Which neurons' kinks the first <paramref name="count"/> rows of <see cref="Draw"/> reach
    /// (<see cref="InputDistribution.Kinks"/> only): the same lines are walked again, so the answer is that of
    /// exactly the batch drawn with this seed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The sampler does not draw kink inputs.</exception>
    public KinkCoverage Coverage(int count, int seed) => CoverageCurve([count], seed)[0];

    /// <summary>
    /// <see cref="Coverage"/> for each of several batch sizes of one stream (a growth curve's), walking each
    /// row's line once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The sampler does not draw kink inputs.</exception>
    public IReadOnlyList<KinkCoverage> CoverageCurve(IReadOnlyList<int> counts, int seed)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (Distribution != InputDistribution.Kinks)
            throw new InvalidOperationException("kink coverage exists only for the kinks distribution");
        foreach (int count in counts) ArgumentOutOfRangeException.ThrowIfNegative(count);
        var key = RandomKey.FromSeed(seed).Split(RandomPurpose.Inputs);
        var bending = Network!.Layers.SelectMany((layer, l) => layer.Activation.Pieces!.Breakpoints.Count == 0
            ? [] : Enumerable.Range(0, layer.OutputSize).Select(j => new Neuron(l, j))).ToList();
        var reached = new HashSet<Neuron>();
        var crossed = new HashSet<Neuron>();
        var snapshots = new Dictionary<int, KinkCoverage>();
        var targets = Targets(key);
        int last = counts.DefaultIfEmpty(0).Max();
        for (int i = 0; ; i++)
        {
            if (counts.Contains(i))
                snapshots[i] = new KinkCoverage(bending.Count,
                    [.. bending.Where(reached.Contains)],
                    [.. bending.Where(n => crossed.Contains(n) && !reached.Contains(n))],
                    [.. bending.Where(n => !crossed.Contains(n))]);
            if (i == last) break;
            var row = KinkRow(Network, targets, i, key);
            reached.UnionWith(row.Beside);
            crossed.UnionWith(row.Crossed);
        }
        return [.. counts.Select(c => snapshots[c])];
    }

    private Matrix DrawKinks(int count, RandomKey key)
    {
        var rows = new Matrix(count, Dimension);
        var targets = Targets(key);
        for (int i = 0; i < count; i++)
        {
            var point = KinkRow(Network!, targets, i, key).Point;
            for (int j = 0; j < Dimension; j++) rows[i, j] = point[j];
        }
        return rows;
    }

    /// <summary>
    /// Row i of the kink stream: at scale 10^(i mod 4), from row i's own key; beside a crossing of a walked line for
    /// a network of dense layers, beside the breakpoint of a drawn neuron (<see cref="KinkPoint.Aim"/>) for one with
    /// convolutions, pooling or sums, whose lines cross thousands of neurons (channels × positions) and take one
    /// affine pass each to walk. The aimed passes run on NetSym's own kernels (one input at a time, where BLAS
    /// gains nothing), so that a seed gives the same inputs on every machine whatever BLAS is loaded.
    /// </summary>
    private static KinkPoint KinkRow(Network network, KinkTargets? targets, int i, RandomKey key) => targets is null
        ? KinkPoint.Draw(network, key.Split(i).Stream(), Math.Pow(10, i % 4))
        : KinkPoint.Aim(targets, key.Split(i).Stream(), Math.Pow(10, i % 4), OwnKernels);

    /// <summary>For a network that is not dense only, the targets of its aimed rows, from the pilot batch of <c>key.Split("kink pilot")</c>.</summary>
    private KinkTargets? Targets(RandomKey key) =>
        Network!.HasDenseLayersOnly ? null : KinkTargets.Measure(Network, key.Split(RandomPurpose.KinkPilot), OwnKernels);

    private static readonly ManagedBackend OwnKernels = new();

    private static int RequirePositive(int dimension) =>
        dimension > 0 ? dimension : throw new ArgumentException($"input dimension must be positive, got {dimension}");
}

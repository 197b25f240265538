using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Symmetries;

namespace NetSym.Dimension;

/// <summary>
/// Rank of the parameter Jacobian on a batch (batch functional dimension), exactly over F_p for
/// piecewise-linear networks or from float64 singular values for any network, with the causes of a
/// shortfall and the kernel directions beyond the symmetry group's; and its growth with the batch.
/// </summary>
public static class FunctionalDimension
{
    /// <summary>The largest Jacobian NetSym builds: one array of at most 2^31 − 1 doubles (16 GiB).</summary>
    public const long MaxJacobianEntries = int.MaxValue;

    /// <summary>
    /// The upper bound P − dim(continuous symmetry group): each continuous symmetry direction is in the
    /// Jacobian's kernel. For a network with convolution, pooling or addition layers the group is the one
    /// <see cref="PermutationSpec"/> derives from the graph: one positive scaling per channel of each class
    /// that admits them (every position of a channel shares it, and an addition ties the channels it joins).
    /// </summary>
    public static int Bound(Network network) => network.ParameterCount - (network.HasDenseLayersOnly
        ? SymmetryGroup.Of(network).ContinuousDimension
        : PermutationSpec.Derive(network).ContinuousDimension);

    /// <summary>Whether the exact method applies: every activation piecewise linear (finite doubles are rational, so its slopes are too).</summary>
    public static bool SupportsExact(Network network) => network.Layers.All(l => l.Activation.IsPiecewiseLinear);

    /// <summary>
    /// A batch size that can reach the bound: 2·⌈bound/m⌉ points (twice the rows needed, since a point's m
    /// rows are rarely all independent of the others'), at least one, and at most as many as keep J within
    /// <paramref name="maxEntries"/> entries — a capped batch may then be too small, which its result says.
    /// </summary>
    public static int SuggestBatchSize(Network network, long maxEntries)
    {
        int m = network.OutputSize;
        long wanted = 2L * ((Bound(network) + m - 1) / m);
        return (int)Math.Max(1, Math.Min(wanted, Affordable(network, maxEntries)));
    }

    /// <summary>
    /// How <see cref="Grow"/> should enlarge a batch that starts at <paramref name="firstPoints"/>: up to the
    /// largest batch whose J keeps within <paramref name="maxEntries"/> entries (never below the start).
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="firstPoints">The first batch, e.g. <see cref="SuggestBatchSize"/>.</param>
    /// <param name="maxEntries">The cap on the largest batch's Jacobian.</param>
    /// <param name="patience">
    /// Doublings without a rise before stopping: <see cref="PatientGrowth"/> by default, since ranks stall
    /// while rare linear regions hold no point yet (a kink batch on relu_4_8_6_2 stalls at 92 for one
    /// doubling, then reaches the bound 94).
    /// </param>
    public static GrowthOptions SuggestGrowth(Network network, int firstPoints, long maxEntries, int patience = PatientGrowth) =>
        new(firstPoints, (int)Math.Clamp(Affordable(network, maxEntries), firstPoints, int.MaxValue), patience);

    /// <summary>Doublings without a rise that a thorough growth waits through before it stops.</summary>
    public const int PatientGrowth = 5;

    /// <summary>How many points keep J = (points·m) × P within <paramref name="maxEntries"/>.</summary>
    private static long Affordable(Network network, long maxEntries) => maxEntries / ((long)network.OutputSize * network.ParameterCount);

    /// <summary>
    /// The peak memory of <see cref="Compute"/> on <paramref name="points"/> inputs: the Jacobian
    /// (points·m) × P in doubles — exact: eliminated in place; float: held twice, since the SVD works on
    /// a copy — beside the network and the inputs.
    /// </summary>
    public static MemoryEstimate EstimateMemory(Network network, int points, FunctionalDimensionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        var method = (options ?? FunctionalDimensionOptions.Default).Method ?? (SupportsExact(network) ? RankMethod.Exact : RankMethod.Float);
        return EstimateMemory(network.ParameterCount, network.InputSize, network.OutputSize, points, method);
    }

    /// <summary><see cref="EstimateMemory(Network, int, FunctionalDimensionOptions?)"/> from the network's shape alone, for networks not yet drawn (a sweep's).</summary>
    internal static MemoryEstimate EstimateMemory(long parameters, int inputSize, int outputSize, int points, RankMethod method)
    {
        long rows = (long)points * outputSize;
        var jacobian = new MemoryTerm($"Jacobian {rows} × {parameters}", MemoryEstimate.Doubles(rows, parameters));
        MemoryTerm[] terms =
        [
            new("network", MemoryEstimate.Doubles(1, parameters)),
            new($"{points} inputs", MemoryEstimate.Doubles(points, inputSize)),
            jacobian,
            .. method == RankMethod.Float ? [jacobian with { Name = "its copy for the SVD" }] : Array.Empty<MemoryTerm>(),
        ];
        return new MemoryEstimate(terms);
    }

    /// <summary>
    /// The peak memory of <see cref="Grow"/>: that of <see cref="Compute"/> on its largest batch (an
    /// exact growth holds less, since later blocks are ranked against the kept kernel, but its final
    /// kernel directions may need the whole batch).
    /// </summary>
    public static MemoryEstimate EstimateGrowthMemory(Network network, GrowthOptions growth, FunctionalDimensionOptions? options = null) =>
        EstimateMemory(network, (growth ?? throw new ArgumentNullException(nameof(growth))).MaxPoints, options);

    /// <summary>The rank of J = ∂(f_θ(x_1), …, f_θ(x_N))/∂θ on the rows of <paramref name="inputs"/>.</summary>
    /// <param name="network">The network.</param>
    /// <param name="inputs">The points, one per row.</param>
    /// <param name="backend">The linear-algebra engine.</param>
    /// <param name="options">Rank method, tolerance, primes; the defaults when null.</param>
    /// <param name="progress">Told of each stage (exact: one per prime, then the kernel directions; float: Jacobian, singular values, directions).</param>
    /// <exception cref="ExactRankUnavailableException">Exact asked for a network that is not piecewise linear.</exception>
    /// <exception cref="ArgumentException">Bad options, inputs of the wrong width, or a Jacobian too large to build.</exception>
    public static FunctionalDimensionResult Compute(Network network, Matrix inputs, LinearAlgebraBackend backend, FunctionalDimensionOptions? options = null,
        IProgress<ProgressReport>? progress = null)
    {
        options ??= FunctionalDimensionOptions.Default;
        var method = Prepare(network, options, inputs.Rows);
        if (inputs.Columns != network.InputSize)
            throw new ArgumentException($"inputs have {inputs.Columns} columns, the network has {network.InputSize} inputs");
        var la = backend ?? throw new ArgumentNullException(nameof(backend));
        if (method == RankMethod.Float)
        {
            var floatStages = new ProgressStages(progress, FloatDimension.Stages);
            var floatResult = FloatDimension.Compute(network, inputs, options, la, floatStages);
            floatStages.Complete();
            return floatResult;
        }
        var stages = new ProgressStages(progress, ExactSession.FinishStages(options));
        var session = new ExactSession(network, options, la);
        stages.Begin($"rank mod p on {inputs.Rows} points");
        session.Add(inputs, track: false, stages.Within);
        var result = session.Finish(stages);
        stages.Complete();
        return result;
    }

    /// <summary>
    /// The rank on batches of N, 2N, 4N, … of the inputs <paramref name="firstInputs"/>(n) (the first n
    /// of one stream, so that each batch extends the one before; fewer rows means the stream ran out),
    /// until the rank reaches the bound, does not rise over <see cref="GrowthOptions.Patience"/> doublings, or the batch reaches
    /// <see cref="GrowthOptions.MaxPoints"/>. Exact: a batch with as many rows as the bound keeps the kernel
    /// of the Jacobian, and each later batch costs one product with it (<see cref="GrowingKernel"/>).
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="firstInputs">The first n points of one stream, for any n.</param>
    /// <param name="growth">First batch, largest batch, patience.</param>
    /// <param name="backend">The linear-algebra engine.</param>
    /// <param name="options">Rank method, tolerance, primes; the defaults when null.</param>
    /// <param name="progress">Told of each batch (as many stages as doublings from the first batch to the largest; a plateau skips the rest) and of the final stages.</param>
    /// <exception cref="ArgumentException">As for <see cref="Compute"/>, or bad growth options.</exception>
    public static GrowthResult Grow(Network network, Func<int, Matrix> firstInputs, GrowthOptions growth,
        LinearAlgebraBackend backend, FunctionalDimensionOptions? options = null, IProgress<ProgressReport>? progress = null)
    {
        options ??= FunctionalDimensionOptions.Default;
        growth.Validate();
        var method = Prepare(network, options, growth.MaxPoints);
        var la = backend ?? throw new ArgumentNullException(nameof(backend));
        int bound = Bound(network), m = network.OutputSize;
        var session = method == RankMethod.Exact ? new ExactSession(network, options, la) : null;
        var steps = new List<GrowthStep>();
        var quick = options with { KernelDirections = false };
        FunctionalDimensionResult? last = null;
        Matrix batch;
        int n = growth.InitialPoints, drawn = 0;
        var stages = new ProgressStages(progress, Doublings(growth) + (session is not null ? ExactSession.FinishStages(options) - 1 : 1));
        GrowthStop stop;
        while (true)
        {
            stages.Begin($"rank on {n} points");
            batch = firstInputs(n);
            if (batch.Columns != network.InputSize)
                throw new ArgumentException($"inputs have {batch.Columns} columns, the network has {network.InputSize} inputs");
            if (session is not null)
            {
                var fresh = Rows(batch, drawn);
                session.Add(fresh, track: (long)(session.Points + fresh.Rows) * m >= bound, stages.Within);
                steps.Add(new GrowthStep(session.Points, session.Rows, session.Rank));
            }
            else
            {
                last = FloatDimension.Compute(network, batch, quick, la, null);
                steps.Add(new GrowthStep(last.Points, last.Rows, last.Rank));
            }
            drawn = batch.Rows;
            if (steps[^1].Rank >= bound) { stop = GrowthStop.ReachedBound; break; }
            if (steps.Count > growth.Patience && steps[^1].Rank == steps[^(growth.Patience + 1)].Rank) { stop = GrowthStop.Plateau; break; }
            if (n >= growth.MaxPoints || batch.Rows < n) { stop = GrowthStop.MaxPoints; break; }
            n = (int)Math.Min(2L * n, growth.MaxPoints);
        }
        for (int skipped = steps.Count; skipped < Doublings(growth); skipped++) stages.Begin($"rank on {n} points");
        if (session is null) stages.Begin("kernel directions");
        var final = session is not null ? session.Finish(stages)
            : last!.Deficit > 0 && options.KernelDirections ? FloatDimension.Compute(network, batch, options, la, null) : last!;
        stages.Complete();
        return new GrowthResult(steps, stop, final);
    }

    /// <summary>Batches from the first to the largest: InitialPoints·2^k until MaxPoints.</summary>
    private static int Doublings(GrowthOptions growth)
    {
        int count = 1;
        for (long n = growth.InitialPoints; n < growth.MaxPoints; n *= 2) count++;
        return count;
    }

    private static RankMethod Prepare(Network network, FunctionalDimensionOptions options, int points)
    {
        options.Validate();
        var method = options.Method ?? (SupportsExact(network) ? RankMethod.Exact : RankMethod.Float);
        if (method == RankMethod.Exact && !SupportsExact(network))
        {
            var bad = network.Layers.First(l => !l.Activation.IsPiecewiseLinear).Activation;
            throw ExactRankUnavailableException.For(bad.Spec, "the network");
        }
        CheckBatchSize(network, points);
        return method;
    }

    /// <summary>Checks that <paramref name="points"/> inputs give a Jacobian that one array holds, before any work on them.</summary>
    /// <exception cref="ArgumentException">The Jacobian would have more than <see cref="MaxJacobianEntries"/> entries.</exception>
    public static void CheckBatchSize(Network network, int points)
    {
        long entries = (long)points * network.OutputSize * network.ParameterCount;
        if (entries > MaxJacobianEntries)
            throw new ArgumentException($"{points} points make a Jacobian of {(long)points * network.OutputSize} × {network.ParameterCount} = {entries} entries " +
                $"({entries * 8.0 / (1L << 30):F1} GiB), more than the {MaxJacobianEntries} one array holds; use fewer points");
    }

    private static Matrix Rows(Matrix inputs, int start)
    {
        var rows = new Matrix(inputs.Rows - start, inputs.Columns);
        inputs.Data.AsSpan(start * inputs.Columns).CopyTo(rows.Data);
        return rows;
    }
}

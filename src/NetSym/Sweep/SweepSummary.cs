namespace NetSym.Sweep;

/// <summary>
/// The fraction of networks with full functional dimension (rank = bound), per configuration and
/// per value of each factor (pooling the other two), each with its Wilson 95% interval.
/// </summary>
public sealed class SweepSummary
{
    private readonly Dictionary<SweepFactor, IReadOnlyList<SweepGroup>> _byFactor = new();

    /// <summary>The plan summarised.</summary>
    public SweepPlan Plan { get; }

    /// <summary>Results counted.</summary>
    public int Trials { get; }

    /// <summary>One group per configuration (n0, w, d) with at least one result, in the plan's order.</summary>
    public IReadOnlyList<SweepGroup> Configurations { get; }

    /// <summary>One group per value of <paramref name="factor"/> with at least one result, in the plan's order; the other factors are null.</summary>
    public IReadOnlyList<SweepGroup> By(SweepFactor factor) => _byFactor[factor];

    /// <summary>Summarises <paramref name="results"/>, which must all belong to <paramref name="plan"/>'s grid.</summary>
    /// <exception cref="ArgumentException">A result outside the grid, or a trial counted twice.</exception>
    public static SweepSummary Of(SweepPlan plan, IEnumerable<SweepResult> results) => new(plan, [.. results]);

    private SweepSummary(SweepPlan plan, List<SweepResult> results)
    {
        var trials = new HashSet<SweepTrial>();
        foreach (var r in results)
        {
            if (!plan.Contains(r.Trial)) throw new ArgumentException($"trial ({r.Trial}) is not in the plan's grid");
            if (!trials.Add(r.Trial)) throw new ArgumentException($"trial ({r.Trial}) is counted twice");
        }
        Plan = plan;
        Trials = results.Count;
        var configurations = new List<SweepGroup>();
        var byConfiguration = results.ToLookup(r => r.Trial.Configuration);
        foreach (int n0 in plan.InputDimensions)
            foreach (int w in plan.Widths)
                foreach (int d in plan.Depths)
                    if (Group(byConfiguration[(n0, w, d)], n0, w, d) is { } g) configurations.Add(g);
        Configurations = configurations;
        foreach (var factor in Enum.GetValues<SweepFactor>())
        {
            var lookup = results.ToLookup(r => r.Trial[factor]);
            _byFactor[factor] = [.. plan.ValuesOf(factor)
                .Select(v => Group(lookup[v],
                    factor == SweepFactor.InputDimension ? v : null,
                    factor == SweepFactor.Width ? v : null,
                    factor == SweepFactor.Depth ? v : null))
                .OfType<SweepGroup>()];
        }
    }

    private static SweepGroup? Group(IEnumerable<SweepResult> results, int? n0, int? w, int? d)
    {
        int trials = 0, full = 0;
        long deficit = 0;
        double relative = 0, relativeSquares = 0;
        foreach (var r in results)
        {
            trials++;
            if (r.Full) full++;
            deficit += r.Deficit;
            double x = (double)r.Deficit / r.Bound;
            relative += x;
            relativeSquares += x * x;
        }
        if (trials == 0) return null;
        double mean = relative / trials;
        // The normal-approximation 95% interval of a mean: the relative deficit is bounded in [0, 1], so
        // its mean is close to normal at the trial counts a sweep uses; 0 when there is one trial.
        double variance = trials > 1 ? Math.Max(0, (relativeSquares - trials * mean * mean) / (trials - 1)) : 0;
        return new SweepGroup(n0, w, d, trials, full, (double)deficit / trials, mean, WilsonInterval.Z95 * Math.Sqrt(variance / trials));
    }
}

/// <summary>
/// Trials sharing a configuration, or one factor's value (the other factors null): how many, how
/// many had full functional dimension, the mean deficit bound − rank, and the mean relative deficit
/// (bound − rank)/bound with the half-width of its 95% interval (mean ± 1.96·s/√n): the relative
/// deficit shows a trend where the fraction full is 0 everywhere.
/// </summary>
public sealed record SweepGroup(int? InputDimension, int? Width, int? Depth, int Trials, int Full, double MeanDeficit,
    double MeanRelativeDeficit, double RelativeDeficitHalfWidth)
{
    /// <summary>Full / trials.</summary>
    public double Fraction => (double)Full / Trials;

    /// <summary>The Wilson 95% interval for the fraction.</summary>
    public WilsonInterval Interval => WilsonInterval.Of(Full, Trials);
}

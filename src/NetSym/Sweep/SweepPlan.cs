using System.Globalization;
using NetSym.Dimension;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Sweep;

/// <summary>
/// What a sweep computes: for every configuration (n0, w, d) of the grid, <see cref="TrialsPerConfiguration"/>
/// random networks n0 – w × d – 1, each with its batch functional dimension on random inputs.
/// Every trial's randomness derives from <see cref="Seed"/> and the trial's own coordinates alone
/// (<see cref="SeedsOf"/>), so a trial's result does not depend on the order in which trials run,
/// on sharding, on resuming, or on the rest of the grid.
/// </summary>
/// <remarks>Two plans are equal when their canonical texts (<see cref="ToString"/>) are.</remarks>
public sealed class SweepPlan : IEquatable<SweepPlan>
{
    /// <summary>Creates and checks a plan.</summary>
    /// <param name="inputDimensions">n0 values, distinct and positive.</param>
    /// <param name="widths">Hidden widths w, distinct and positive.</param>
    /// <param name="depths">Numbers d of hidden layers, distinct and positive.</param>
    /// <param name="trialsPerConfiguration">Networks per configuration (≥ 1).</param>
    /// <param name="activation">Hidden-layer activation (the output layer is identity).</param>
    /// <param name="initialization">How weights and biases are drawn.</param>
    /// <param name="points">Inputs per network: a number, or a multiple of the bound.</param>
    /// <param name="distribution">Where the inputs are drawn.</param>
    /// <param name="method">Exact or float; null chooses exact when the activation is piecewise linear.</param>
    /// <param name="seed">The master seed.</param>
    /// <exception cref="ArgumentException">An empty or repeated list, a non-positive value, or exact asked for a smooth activation.</exception>
    public SweepPlan(IReadOnlyList<int> inputDimensions, IReadOnlyList<int> widths, IReadOnlyList<int> depths,
        int trialsPerConfiguration, Activation activation, Initialization initialization, SweepBatchSize points,
        SweepInputDistribution distribution, RankMethod? method, int seed)
    {
        InputDimensions = CheckList(inputDimensions, "input dimensions");
        Widths = CheckList(widths, "widths");
        Depths = CheckList(depths, "depths");
        if (trialsPerConfiguration < 1) throw new ArgumentException($"trials must be at least 1, got {trialsPerConfiguration}");
        if (points.Value < 1) throw new ArgumentException($"points must be at least 1, got {points}");
        if (!Enum.IsDefined(initialization)) throw new ArgumentException($"unknown initialisation {initialization}");
        if (!Enum.IsDefined(distribution)) throw new ArgumentException($"unknown input distribution {distribution}");
        bool piecewiseLinear = activation.IsPiecewiseLinear;
        if (method == RankMethod.Exact && !piecewiseLinear)
            throw ExactRankUnavailableException.For(activation.Spec, "the sweep");
        if (distribution == SweepInputDistribution.Kinks && !piecewiseLinear)
            throw new ArgumentException($"kink inputs need a piecewise-linear activation, not {activation.Spec}");
        TrialsPerConfiguration = trialsPerConfiguration;
        Activation = activation;
        Initialization = initialization;
        Points = points;
        Distribution = distribution;
        Method = method ?? (piecewiseLinear ? RankMethod.Exact : RankMethod.Float);
        Seed = seed;
        _text = Describe();
    }

    private readonly string _text;

    /// <summary>n0 values, in the order given.</summary>
    public IReadOnlyList<int> InputDimensions { get; }

    /// <summary>Hidden widths, in the order given.</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>Numbers of hidden layers, in the order given.</summary>
    public IReadOnlyList<int> Depths { get; }

    /// <summary>Networks per configuration.</summary>
    public int TrialsPerConfiguration { get; }

    /// <summary>Hidden-layer activation.</summary>
    public Activation Activation { get; }

    /// <summary>How parameters are drawn.</summary>
    public Initialization Initialization { get; }

    /// <summary>Inputs per network.</summary>
    public SweepBatchSize Points { get; }

    /// <summary>Where inputs are drawn.</summary>
    public SweepInputDistribution Distribution { get; }

    /// <summary>How ranks are decided (resolved: never null).</summary>
    public RankMethod Method { get; }

    /// <summary>The master seed.</summary>
    public int Seed { get; }

    /// <summary>Number of configurations, |n0 values| · |widths| · |depths|.</summary>
    public int ConfigurationCount => InputDimensions.Count * Widths.Count * Depths.Count;

    /// <summary>All trials of the plan.</summary>
    public long TrialCount => (long)ConfigurationCount * TrialsPerConfiguration;

    /// <summary>The values of one factor, in the order given.</summary>
    public IReadOnlyList<int> ValuesOf(SweepFactor factor) => factor switch
    {
        SweepFactor.InputDimension => InputDimensions,
        SweepFactor.Width => Widths,
        SweepFactor.Depth => Depths,
        _ => throw new ArgumentOutOfRangeException(nameof(factor)),
    };

    /// <summary>The factors that take more than one value.</summary>
    public IReadOnlyList<SweepFactor> VariedFactors => [.. Enum.GetValues<SweepFactor>().Where(f => ValuesOf(f).Count > 1)];

    /// <summary>
    /// The trials of <paramref name="shard"/> in canonical order: n0 outermost, then width, then
    /// depth, then trial index (the order of the lists as given).
    /// </summary>
    public IEnumerable<SweepTrial> Trials(SweepShard shard)
    {
        long ordinal = 0;
        foreach (int n0 in InputDimensions)
            foreach (int w in Widths)
                foreach (int d in Depths)
                    for (int t = 0; t < TrialsPerConfiguration; t++, ordinal++)
                        if (shard.Contains(ordinal)) yield return new SweepTrial(n0, w, d, t);
    }

    /// <summary>All trials, in canonical order.</summary>
    public IEnumerable<SweepTrial> Trials() => Trials(SweepShard.All);

    /// <summary>Whether the trial is in the grid.</summary>
    public bool Contains(SweepTrial trial) =>
        InputDimensions.Contains(trial.InputDimension) && Widths.Contains(trial.Width) && Depths.Contains(trial.Depth)
        && trial.Index >= 0 && trial.Index < TrialsPerConfiguration;

    /// <summary>The trial's position in the canonical order.</summary>
    /// <exception cref="ArgumentException">The trial is not in the grid.</exception>
    public long Ordinal(SweepTrial trial)
    {
        if (!Contains(trial)) throw new ArgumentException($"trial ({trial}) is not in the plan's grid");
        long configuration = ((long)IndexIn(InputDimensions, trial.InputDimension) * Widths.Count + IndexIn(Widths, trial.Width)) * Depths.Count
            + IndexIn(Depths, trial.Depth);
        return configuration * TrialsPerConfiguration + trial.Index;
    }

    /// <summary>
    /// The trial's seeds: SplitMix64 folded over (seed, n0, w, d, index), its low 31 bits for the
    /// network and its high 31 bits for the inputs, one more round for the primes. They depend on
    /// nothing else, so a trial's network is <c>netsym random n0-w-…-1 --seed NETWORK_SEED</c>.
    /// </summary>
    public SweepSeeds SeedsOf(SweepTrial trial)
    {
        ulong h = SplitMix((uint)Seed);
        h = SplitMix(h ^ (uint)trial.InputDimension);
        h = SplitMix(h ^ (uint)trial.Width);
        h = SplitMix(h ^ (uint)trial.Depth);
        h = SplitMix(h ^ (uint)trial.Index);
        return new SweepSeeds((int)(h & int.MaxValue), (int)((h >> 32) & int.MaxValue), (int)(SplitMix(h) & int.MaxValue));
    }

    /// <summary>
    /// The canonical text, e.g. <c>input_dims=1,2;widths=4;depths=1,2,3;trials=10;activation=relu;init=pytorch;points=4x;dist=gaussian;method=exact;seed=0</c>.
    /// </summary>
    public override string ToString() => _text;

    /// <summary>Reads the canonical text back.</summary>
    /// <exception cref="ArgumentException">A missing, unknown or repeated key, or a bad value.</exception>
    public static SweepPlan Parse(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in text.Split(';'))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"plan field '{part}' is not key=value");
            string key = part[..eq].Trim();
            if (!fields.TryAdd(key, part[(eq + 1)..].Trim())) throw new ArgumentException($"plan field '{key}' appears twice");
        }
        string[] keys = ["input_dims", "widths", "depths", "trials", "activation", "init", "points", "dist", "method", "seed"];
        foreach (string key in fields.Keys)
            if (!keys.Contains(key)) throw new ArgumentException($"unknown plan field '{key}'");
        string Field(string key) => fields.TryGetValue(key, out string? v) ? v : throw new ArgumentException($"plan field '{key}' is missing");
        return new SweepPlan(
            ParseIntegerList(Field("input_dims"), "input_dims"),
            ParseIntegerList(Field("widths"), "widths"),
            ParseIntegerList(Field("depths"), "depths"),
            ParseInteger(Field("trials"), "trials"),
            ActivationCatalog.Parse(Field("activation")),
            ParseEnum<Initialization>(Field("init"), "init"),
            SweepBatchSize.Parse(Field("points")),
            ParseEnum<SweepInputDistribution>(Field("dist"), "dist"),
            ParseEnum<RankMethod>(Field("method"), "method"),
            ParseInteger(Field("seed"), "seed", allowNegative: true));
    }

    /// <summary>
    /// Parses a list of positive integers: comma-separated values and inclusive ranges "a..b",
    /// e.g. "1,2,4" or "1..8" or "1..4,8".
    /// </summary>
    /// <exception cref="ArgumentException">An empty list, a value that is not a positive integer, or a range that runs backwards.</exception>
    public static IReadOnlyList<int> ParseIntegerList(string text, string what)
    {
        var values = new List<int>();
        foreach (string item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            int dots = item.IndexOf("..", StringComparison.Ordinal);
            if (dots < 0)
            {
                values.Add(ParsePositive(item, what, text));
                continue;
            }
            int from = ParsePositive(item[..dots].Trim(), what, text), to = ParsePositive(item[(dots + 2)..].Trim(), what, text);
            if (to < from) throw new ArgumentException($"{what} '{text}': range {item} runs backwards");
            if ((long)to - from >= 100_000) throw new ArgumentException($"{what} '{text}': range {item} is too long");
            for (int v = from; v <= to; v++) values.Add(v);
        }
        return values;
    }

    /// <summary>The fields whose values differ from <paramref name="other"/>'s: (field, this plan's value, the other's).</summary>
    public IReadOnlyList<(string Field, string This, string Other)> DifferencesFrom(SweepPlan other) =>
    [
        .. _text.Split(';').Zip(other._text.Split(';'))
            .Where(p => p.First != p.Second)
            .Select(p => (p.First[..p.First.IndexOf('=')], p.First[(p.First.IndexOf('=') + 1)..], p.Second[(p.Second.IndexOf('=') + 1)..])),
    ];

    /// <inheritdoc />
    public bool Equals(SweepPlan? other) => other is not null && other._text == _text;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SweepPlan);

    /// <inheritdoc />
    public override int GetHashCode() => _text.GetHashCode(StringComparison.Ordinal);

    private string Describe() => string.Join(';',
        $"input_dims={string.Join(',', InputDimensions)}",
        $"widths={string.Join(',', Widths)}",
        $"depths={string.Join(',', Depths)}",
        $"trials={TrialsPerConfiguration}",
        $"activation={Activation.Spec}",
        $"init={Name(Initialization)}",
        $"points={Points}",
        $"dist={Name(Distribution)}",
        $"method={Name(Method)}",
        $"seed={Seed.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>An enum value's name as written in plans and on the command line: lower case.</summary>
    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static IReadOnlyList<int> CheckList(IReadOnlyList<int> values, string what)
    {
        if (values.Count == 0) throw new ArgumentException($"the sweep needs at least one of its {what}");
        foreach (int v in values)
            if (v < 1) throw new ArgumentException($"{what} must be positive, got {v}");
        if (values.Distinct().Count() != values.Count)
            throw new ArgumentException($"{what} {string.Join(',', values)} repeat a value");
        return [.. values];
    }

    private static int ParsePositive(string item, string what, string text) =>
        int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0
            ? v
            : throw new ArgumentException($"{what} '{text}': '{item}' is not a positive integer (write e.g. 1,2,4 or 1..8)");

    private static int ParseInteger(string text, string what, bool allowNegative = false) =>
        int.TryParse(text, allowNegative ? NumberStyles.AllowLeadingSign : NumberStyles.None, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw new ArgumentException($"plan field {what}: '{text}' is not an integer");

    private static T ParseEnum<T>(string text, string what) where T : struct, Enum =>
        Enum.GetValues<T>().FirstOrDefault(v => Name(v) == text) is var value && Name(value) == text
            ? value
            : throw new ArgumentException($"plan field {what}: unknown value '{text}' (known: {string.Join(", ", Enum.GetValues<T>().Select(Name))})");

    private static int IndexIn(IReadOnlyList<int> values, int value)
    {
        for (int i = 0; i < values.Count; i++)
            if (values[i] == value) return i;
        return -1;
    }

    /// <summary>One SplitMix64 step: the first word of the stream started at <paramref name="z"/>.</summary>
    private static ulong SplitMix(ulong z) => SplitMix64.Word(z, 0);
}


using System.Globalization;
using NetSym.Cli.Plots;
using NetSym.Cli.Rendering;
using NetSym.Dimension;
using NetSym.Networks;

namespace NetSym.Cli.Analysis;

/// <summary>
/// The functional dimension of the network (Grigsby, Lindsey &amp; Rolnick 2023): the rank of the
/// parameter Jacobian against the bound P − dim(continuous symmetries), the verdict, the causes of a
/// deficit and the kernel directions beyond the symmetry group's. How the rank was obtained is the note
/// of the "method" fact (whose JSON value is "exact" or "float"), not a separate method line. In <c>analyze</c> the batch is
/// drawn beside the network's kinks (Gaussian for smooth activations) and grows from
/// <see cref="FunctionalDimension.SuggestBatchSize"/> (exact where the network is piecewise linear), and small
/// networks get the all-inputs figure (<see cref="DimensionScope"/>); <c>fdim</c> describes its own result with the same facts.
/// </summary>
internal sealed class FunctionalDimensionSection : IAnalysisSection
{
    /// <summary>analyze's cap on the first batch's Jacobian: 2^24 entries (128 MiB).</summary>
    public const long FirstBatchEntries = 1L << 24;

    /// <summary>analyze's cap on the largest batch's Jacobian: 2^26 entries (512 MiB).</summary>
    public const long LargestBatchEntries = 1L << 26;

    /// <summary>Kernel directions listed in a report; the count says how many there are.</summary>
    public const int DirectionsShown = 50;

    /// <summary>Entries listed per kernel direction.</summary>
    public const int EntriesShown = 40;

    /// <inheritdoc />
    public string Title => "Functional dimension";

    /// <inheritdoc />
    public ReportSection Describe(AnalysisSubject subject)
    {
        var network = subject.Model.Network;
        var sampler = DefaultSampler(network);
        var options = new FunctionalDimensionOptions { Seed = subject.Seed };
        var growth = FunctionalDimension.Grow(network, n => sampler.Draw(n, subject.Seed), GrowthFor(network), subject.Backend, options);
        var scope = DimensionScope.Of(network, sampler, growth.Curve[^1].Points, subject.Seed, subject.Backend, options);
        var section = Describe("functional_dimension", Title, network, growth.Final, growth, sampler.Describe(subject.Seed), subject.Seed, scope);
        if (subject.PlotDirectory is not { } directory) return section;
        var data = GrowthPlotData.Of(growth, sampler.Describe(subject.Seed), subject.Seed).WithKinks(sampler, subject.Seed);
        var plots = FunctionalDimensionPlots.WriteInto(directory, data, growth.Final);
        return section with { Facts = [.. section.Facts, FunctionalDimensionPlots.Fact(plots)] };
    }

    /// <summary>
    /// The inputs analyze and a grown fdim draw when none are chosen: kinks for a piecewise-linear network
    /// (they reach the regions a Gaussian batch misses), N(0, I) otherwise.
    /// </summary>
    public static InputSampler DefaultSampler(Network network) =>
        // Also for a CNN, although walking a line through one (a breakpoint at every channel and position)
        // takes minutes even on small networks: a Gaussian batch leaves such networks short of their bound
        // (the grouped fixture: 282 of 285 after 72,865 points, where 190 kink points certify 285).
        FunctionalDimension.SupportsExact(network) ? InputSampler.Kinks(network) : InputSampler.Gaussian(network.InputSize);

    /// <summary>The peak memory of <see cref="Describe(AnalysisSubject)"/>: that of growing to analyze's largest batch.</summary>
    public static MemoryEstimate EstimateMemory(Network network) => FunctionalDimension.EstimateGrowthMemory(network, GrowthFor(network));

    /// <summary>analyze's growth: from a first batch within <see cref="FirstBatchEntries"/> to one within <see cref="LargestBatchEntries"/>.</summary>
    private static GrowthOptions GrowthFor(Network network) =>
        FunctionalDimension.SuggestGrowth(network, FunctionalDimension.SuggestBatchSize(network, FirstBatchEntries), LargestBatchEntries);

    /// <summary>The section for a result (and its growth curve, when the batch was grown).</summary>
    public static ReportSection Describe(string? key, string title, Network network, FunctionalDimensionResult result,
        GrowthResult? growth, string inputs, int seed, DimensionScope? scope = null) => new(key, title)
    {
        Facts =
        [
            new("rank", "Rank", result.Rank, RankNote(result)),
            .. scope is null ? Array.Empty<Fact>() : [scope.Figure()],
            new("bound", "Bound", result.Bound, F($"P − dim of the continuous symmetry group = {result.Parameters} − {result.Parameters - result.Bound}")),
            new("deficit", "Deficit", result.Deficit, "bound − rank"),
            new("verdict", "Verdict", Verdict(result)),
            new("certified", "Certified", result.Certified, result.Certified ? "exact rank mod p meets the proven upper bound" : "only an exact rank that meets the bound is a proof"),
            new("partial", "Partial", result.BatchTooSmall, result.BatchTooSmall ? "fewer Jacobian rows than the bound: the batch cannot reach it" : "enough rows to reach the bound"),
            .. scope?.Reach() ?? [],
            new("method", "Method", result.Method == RankMethod.Exact ? "exact" : "float", Method(result)),
            new("params", "Parameters", result.Parameters),
            new("points", "Points", result.Points, "inputs in the batch"),
            new("points_on_breakpoint", "On a breakpoint", result.PointsOnBreakpoint, OnBreakpointNote(network)),
            new("rows", "Jacobian rows", result.Rows, F($"points × {network.OutputSize} outputs")),
            new("inputs", "Inputs", inputs),
            new("seed", "Seed", seed, "--seed: random inputs and primes"),
            .. MethodFacts(result),
            new("backend", "Backend", result.Backend),
            .. GrowthFacts(growth),
            new("kernel_status", "Kernel directions", KernelStatusText(result.Kernel)),
            .. result.Kernel.Computed
                ? (IEnumerable<Fact>)
                [
                    new("kernel_dimension", "Kernel dimension", result.Kernel.KernelDimension, "P − rank, mod p"),
                    new("tangent_rank", "Symmetry tangents", result.Kernel.TangentRank, "rank of the continuous group's tangent vectors at θ"),
                    new("hidden_directions", "Hidden directions", result.Kernel.Directions.Count,
                        result.Kernel.Directions.Count > DirectionsShown ? F($"the first {DirectionsShown} are listed") : "kernel dimension − tangents"),
                    new("explained", "Explained", result.Kernel.Explained,
                        "dimension of the span of the causes' kernel vectors beyond the tangents, mod p (each checked J·v ≡ 0; shared directions counted once)"),
                    new("unexplained", "Unexplained", result.Kernel.Unexplained, "hidden directions − explained"),
                ]
                : [],
        ],
        Tables =
        [
            Causes(network, result),
            .. result.Kernel.Computed ? [Directions(network, result), Entries(network, result)] : Array.Empty<ReportTable>(),
            .. growth is null ? Array.Empty<ReportTable>() : [Curve(growth)],
        ],
    };

    /// <summary>
    /// The verdict in words: "no hidden symmetries on this batch" (certified, or numerically for float),
    /// or "deficit k", saying when the batch is too small to tell.
    /// </summary>
    public static string Verdict(FunctionalDimensionResult result)
    {
        if (result.Deficit == 0)
            return result.Method == RankMethod.Exact
                ? "no hidden symmetries on this batch (certified: the exact rank mod p meets the bound)"
                : "no hidden symmetries on this batch (numerically: the float rank meets the bound)";
        string deficit = F($"deficit {result.Deficit}");
        if (result.BatchTooSmall) return deficit + " (partial: the batch has fewer Jacobian rows than the bound; add points)";
        return result.Method == RankMethod.Exact
            ? deficit + " (hidden symmetries on this batch; the rank mod p is a lower bound, so the deficit over Q is at most this)"
            : deficit + " (hidden symmetries on this batch, numerically)";
    }

    /// <summary>How the kernel directions were obtained, or why they were not.</summary>
    private static string KernelStatusText(KernelDirections kernel)
    {
        string text = kernel.Status switch
        {
            KernelStatus.Computed => $"reduced basis of ker J mod p = {kernel.Prime}, less the span of the {kernel.TangentVectors} symmetry tangent vectors; " +
                $"entries lifted to fractions a/b with |a|, b ≤ √((p−1)/2) by rational reconstruction and kept only where J·v ≡ 0 also mod {kernel.CheckPrime}",
            KernelStatus.RankMeetsBound => "none: the rank meets the bound, so the kernel is the symmetry group's tangent space",
            KernelStatus.NotRequested => "not requested",
            KernelStatus.BatchTooSmall => "not computed: the batch has fewer Jacobian rows than the bound, so most of the kernel only reflects missing points",
            KernelStatus.NeedsDenseLayers => "not computed: the symmetry tangents and the causes that explain kernel vectors are derived for dense layers only, not yet for convolution, pooling or addition layers",
            _ => "not computed: kernel vectors come from the exact kernel over F_p, which needs piecewise-linear activations; the float engine computes singular values only",
        };
        return kernel.UnderFloatRank ? $"exact, although the rank above is float: {text}" : text;
    }

    /// <summary>Which inputs the count covers and the slope they are differentiated with, in exact and float mode alike.</summary>
    private static string OnBreakpointNote(Network network) =>
        FunctionalDimension.SupportsExact(network)
            ? "inputs with a pre-activation exactly on a breakpoint (decided exactly), kept in exact and float mode alike with ρ′ there as PyTorch's autograd takes it: relu′(0) = 0"
            : network.Layers.Any(l => l.Activation.Pieces is { Breakpoints.Count: > 0 })
                ? "not counted: deciding that a pre-activation is exactly on a breakpoint needs every activation piecewise linear"
                : "none possible: no activation has a breakpoint";

    private static string RankNote(FunctionalDimensionResult result) => result.Method != RankMethod.Exact
        ? F($"float64: singular values of J above the tolerance {result.Tolerance:G6}")
        : result.Primes.Count == 1
            ? F($"exact: rank of J mod p = {result.Primes[0]}, a certified lower bound on the rank over Q")
            : F($"exact: the largest rank of J mod {string.Join(", ", result.Primes)}, a certified lower bound on the rank over Q");

    private static IEnumerable<Fact> MethodFacts(FunctionalDimensionResult result)
    {
        if (result.Method == RankMethod.Exact)
        {
            yield return new("primes", "Primes", new IntegerListValue([.. result.Primes.Select(p => (int)p)]), "drawn from [2^22, 2^23) with the seed");
            yield return new("exactly_recomputed", "Exactly recomputed", result.ExactlyRecomputed, "inputs whose activation pattern floating point could not certify, re-evaluated in exact dyadic arithmetic");
            yield break;
        }
        var (last, next) = result.Gap!.Value;
        yield return new("tolerance", "Tolerance", result.Tolerance!.Value, "singular values at or below it count as zero");
        yield return new("sigma_max", "σ_max", result.SingularValues is { Length: > 0 } s ? s[0] : double.NaN);
        yield return new("singular_value_gap", "Singular-value gap", new GroupValue(
        [
            new("sigma_r", "σ_r", last),
            new("sigma_r1", "σ_r+1", next),
        ]), "the singular values on either side of the threshold (NaN where there is none)");
    }

    private static IEnumerable<Fact> GrowthFacts(GrowthResult? growth)
    {
        if (growth is null) yield break;
        yield return new("full_functional_dimension", "Full functional dimension", growth.FullFunctionalDimension,
            "estimate: the last batch's rank; every batch's rank is a lower bound");
        yield return new("growth_stop", "Growth stopped", growth.Stop switch
        {
            GrowthStop.ReachedBound => "reached_bound",
            GrowthStop.Plateau => "plateau",
            _ => "max_points",
        }, growth.Stop switch
        {
            GrowthStop.ReachedBound => "the rank reached the bound",
            GrowthStop.Plateau => "the rank did not rise over the last doubling(s)",
            _ => "the largest batch allowed (or the inputs ran out) while the rank was still rising",
        });
    }

    private static ReportTable Causes(Network network, FunctionalDimensionResult result) => new(
        "causes",
        "Causes",
        [new("index", "#"), new("kind", "kind"), new("layer", "layer"), new("neurons", "neurons"), new("parameters", "parameters"), new("description", "what was found")],
        [
            .. result.Causes.Select((c, i) => (IReadOnlyList<ReportValue>)
            [
                i, KindName(c.Kind), c.Layer ?? -1, new IntegerListValue(c.Neurons), new IntegerListValue(c.Parameters), DeficitCauseText.Describe(network, result, c),
            ]),
        ])
    {
        Caption = result.Causes.Count == 0
            ? (result.Deficit == 0 ? "none: no deficit" : "none found: a hidden symmetry without a known mechanism — see the kernel directions")
            : "layer −1: the batch as a whole; kinds: batch_too_small, dead_on_batch, rarely_active, inert_on_batch, silent_weight, linear_on_batch, affine_layer, zero_outgoing, zero_incoming, twin, narrow_layer, input_subspace",
    };

    private static ReportTable Directions(Network network, FunctionalDimensionResult result) => new(
        "kernel_directions",
        "Kernel directions beyond the symmetry group (infinitesimal hidden symmetries)",
        [
            new("index", "#"), new("free_parameter", "free parameter"), new("parameters", "moves parameters"),
            new("neurons", "hidden neurons"), new("explained_by", "causes"), new("exact", "exact"),
        ],
        [
            .. result.Kernel.Directions.Take(DirectionsShown).Select((d, i) => (IReadOnlyList<ReportValue>)
            [
                i, network.DescribeParameter(d.FreeParameter), new IntegerListValue(d.Parameters),
                string.Join(" ", d.Neurons.Select(n => F($"({n.Layer},{n.Index})"))), new IntegerListValue(d.ExplainedBy), d.Lift is not null,
            ]),
        ])
    {
        Caption = "J·v = 0 for each v; parameters are indices in the network's parameter order; exact: every entry lifted to a small fraction, checked mod a second prime",
    };

    private static ReportTable Entries(Network network, FunctionalDimensionResult result) => new(
        "kernel_direction_entries",
        "Entries of the kernel directions",
        [new("direction", "#"), new("parameter", "parameter"), new("name", "name"), new("value", "value")],
        [
            .. result.Kernel.Directions.Take(DirectionsShown).SelectMany((d, i) => d.Parameters.Take(EntriesShown).Select((p, e) => (IReadOnlyList<ReportValue>)
            [
                i, p, network.DescribeParameter(p),
                d.Lift is { } lift ? lift[e].ToString() : F($"{d.Residues[e]} mod {result.Kernel.Prime}"),
            ])),
        ])
    {
        Caption = F($"values exact where lifted (fractions), otherwise residues mod p; at most {EntriesShown} entries per direction"),
    };

    private static ReportTable Curve(GrowthResult growth) => new(
        "growth",
        "Growth curve",
        [new("points", "points"), new("rows", "rows"), new("rank", "rank")],
        [.. growth.Curve.Select(s => (IReadOnlyList<ReportValue>)[s.Points, s.Rows, s.Rank])])
    {
        Caption = "each batch extends the one before (the same seeded stream); exact ranks are mod the first prime",
    };

    private static string Method(FunctionalDimensionResult result) => result.Method == RankMethod.Exact
        ? "activation pattern certified by floating-point error bounds, uncertain inputs re-evaluated in exact dyadic arithmetic, " +
          "ρ′ on a breakpoint as in PyTorch; J mod p by the modular reverse pass; rank by blocked elimination over F_p on dgemm; " +
          "rank mod p ≤ rank over Q ≤ bound"
        : "J in float64 by a batched reverse pass; singular values by the backend's SVD; rank = how many exceed the tolerance, " +
          "NumPy's σ_max·max(m, n)·ε unless set with --tol";

    /// <summary>The cause's stable snake_case name.</summary>
    public static string KindName(DeficitCauseKind kind) => kind switch
    {
        DeficitCauseKind.BatchTooSmall => "batch_too_small",
        DeficitCauseKind.DeadOnBatch => "dead_on_batch",
        DeficitCauseKind.RarelyActive => "rarely_active",
        DeficitCauseKind.InertOnBatch => "inert_on_batch",
        DeficitCauseKind.SilentWeight => "silent_weight",
        DeficitCauseKind.LinearOnBatch => "linear_on_batch",
        DeficitCauseKind.AffineLayer => "affine_layer",
        DeficitCauseKind.ZeroOutgoing => "zero_outgoing",
        DeficitCauseKind.ZeroIncoming => "zero_incoming",
        DeficitCauseKind.Twin => "twin",
        DeficitCauseKind.InputSubspace => "input_subspace",
        _ => "narrow_layer",
    };

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

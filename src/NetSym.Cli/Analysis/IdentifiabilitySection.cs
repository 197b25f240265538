using System.Globalization;
using NetSym.Cli.Rendering;
using NetSym.Dimension;
using NetSym.Embedding;
using NetSym.Identifiability;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Cli.Analysis;

/// <summary>
/// Local identifiability from a seeded Gaussian sample (C_S, C_N and the other named checks), and
/// for one-hidden-layer ReLU networks the shallow conditions on the whole input space. The report
/// pieces are shared with <c>netsym identifiable</c>.
/// </summary>
internal sealed class IdentifiabilitySection : IAnalysisSection
{
    /// <summary>The largest Jacobian (rows × parameters) that analyze builds; beyond it the section says to run the command.</summary>
    public const long MaxJacobianEntries = 40_000_000;

    /// <inheritdoc />
    public string Title => "Identifiability";

    /// <summary>The peak memory of <see cref="Describe"/>: the check on its suggested samples, or nothing where it is not run.</summary>
    public static MemoryEstimate EstimateMemory(Network network)
    {
        if (NotApplicable(network) is not null) return new MemoryEstimate([]);
        int points = LocalIdentifiability.SuggestSampleSize(network);
        return Affordable(network, points) ? LocalIdentifiability.EstimateMemory(network, points) : new MemoryEstimate([]);
    }

    /// <summary>Whether the Jacobian on <paramref name="points"/> samples is within <see cref="MaxJacobianEntries"/>.</summary>
    private static bool Affordable(Network network, int points) => (long)points * network.OutputSize * network.ParameterCount <= MaxJacobianEntries;

    /// <inheritdoc />
    public ReportSection Describe(AnalysisSubject subject)
    {
        var network = subject.Model.Network;
        if (NotApplicable(network) is { } reason) return NotApplicableSection(reason);
        int points = LocalIdentifiability.SuggestSampleSize(network);
        if (!Affordable(network, points))
            return NotApplicableSection($"not computed: {points} samples would need a {points * (long)network.OutputSize:N0} × {network.ParameterCount:N0} Jacobian, more than analyze builds ({MaxJacobianEntries:N0} entries); run 'netsym identifiable MODEL --points N'");
        var sampler = InputSampler.Gaussian(network.InputSize);
        var inputs = sampler.Draw(points, subject.Seed);
        var result = LocalIdentifiability.Check(network, inputs, subject.Backend, new IdentifiabilityOptions { Seed = subject.Seed });
        var section = Describe(result, network, $"{points} points {sampler.Describe(subject.Seed)}", "identifiability", Title);
        var shallow = ShallowIdentifiability.Check(network, subject.Backend, subject.Seed);
        return shallow.Applicable
            ? section with { Facts = [.. section.Facts, new("shallow", "Shallow, on R^n", new GroupValue(ShallowSummary(shallow)))] }
            : section;
    }

    /// <summary>
    /// Why the checks do not apply to <paramref name="network"/> (an activation that is not positively homogeneous,
    /// or layers other than dense ones), or null.
    /// </summary>
    public static string? NotApplicable(Network network)
    {
        try
        {
            network.RequireDenseLayers("local identifiability");
            PathLifting.EnsureSupported(network);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return "not applicable: " + e.Message;
        }
    }

    private static ReportSection NotApplicableSection(string reason) => new("identifiability", "Identifiability")
    {
        Facts = [new("applicable", "Applicable", false), new("reason", "Why", reason)],
    };

    /// <summary>The result as a report section: verdict, deciding condition and witness, ranks, every condition.</summary>
    public static ReportSection Describe(IdentifiabilityResult result, Network network, ReportValue samples, string? key, string title)
    {
        var facts = new List<Fact>
        {
            new("verdict", "Verdict", VerdictName(result.Verdict), result.Certified ? "certified" : result.Verdict == IdentifiabilityVerdict.Undetermined ? null : "not certified: rests on ranks mod p or in float64"),
            new("decided_by", "Decided by", ConditionNames.Of(result.DecidedBy)),
            new("witness", "Witness", OversizeText.Append(result.Witness, result.Condition(result.DecidedBy).TooLarge)),
            new("certified", "Certified", result.Certified),
            new("scope", "Scope", result.Scope.InTheoremSetting ? "theorem" : "extended", result.Scope.InTheoremSetting
                ? "the papers' setting: fully-connected ReLU hidden layers, identity output"
                : "outside the papers' setting; the arguments of C_S, C_N and the other checks need only positively homogeneous activations " +
                  "and rescaling symmetries, and carry over (docs/identifiability.md, \"Beyond the papers' setting\")"),
            new("scope_departures", "Departures", result.Scope.InTheoremSetting ? "none" : string.Join("; ", result.Scope.Departures)),
        };
        if (result.RGamma is int rg) facts.Add(new("r_gamma", "R_Γ", rg, "rank of Γ(X, θ): the Jacobian without each hidden neuron's largest outgoing weight"));
        if (result.RA is int ra) facts.Add(new("r_a", "R_A", ra, "rank of A(X, θ) = Σ over outputs of rank α"));
        if (result.AlphaRanks is { } alpha) facts.Add(new("alpha_ranks", "rank α per output", new IntegerListValue(alpha)));
        if (result.RAUpperBound is int up) facts.Add(new("r_a_upper_bound", "R_A upper bound", up, "proven: paths, and distinct activation patterns × (N_0 + 1)"));
        facts.Add(new("bound", "Bound", result.Bound, "N_0N_1 + … + N_{L−1}N_L + N_L = P − #hidden"));
        var paths = result.PathsPerOutput.Select(p => p.ToString(CultureInfo.InvariantCulture)).Distinct().ToList();
        facts.Add(new("paths_per_output", "Paths per output", string.Join(",", paths.Count == 1 ? paths : result.PathsPerOutput.Select(p => p.ToString(CultureInfo.InvariantCulture)))));
        facts.Add(new("samples", "Samples", samples));
        facts.Add(new("points", "Points", result.Points));
        facts.Add(new("boundary_samples", "Boundary samples", new IntegerListValue(result.BoundarySamples), "inputs with a pre-activation exactly on a breakpoint; ranks use the others"));
        facts.Add(new("rank_method", "Ranks", result.Method == RankMethod.Exact ? "exact" : "float"));
        if (result.Method == RankMethod.Exact) facts.Add(new("primes", "Primes", new IntegerListValue([.. result.Primes.Select(p => (int)p)]), "R_Γ: the first; α: all"));
        if (result.Tolerance is double tol) facts.Add(new("tolerance", "Tolerance", tol, "singular values of Γ above it count"));
        facts.Add(new("fixed_weights", "Fixed weights", result.FixedWeights.Edges.Count, "one outgoing edge per hidden neuron, removed from Γ"));
        facts.Add(new("dependent_parameters", "Dependent columns", result.DependentParameters.Count == 0 ? "none" :
            string.Join("; ", result.DependentParameters.Take(10).Select(network.DescribeParameter))
            + (result.DependentParameters.Count > 10 ? $"; {result.DependentParameters.Count - 10} more" : "")));
        facts.Add(new("alpha_method", "rank α by", OversizeText.Append(result.AlphaMethod, result.AlphaTooLarge)));
        facts.Add(new("backend", "Backend", result.Backend));

        var evaluated = result.Conditions.Where(c => c.Holds is not null).ToList();
        var skipped = result.Conditions.Where(c => c.Holds is null).ToList();
        var tables = new List<ReportTable> { Conditions("conditions", "Conditions", evaluated) };
        if (skipped.Count > 0)
            tables.Add(new ReportTable("skipped", "Not evaluated", [new("name", "condition"), new("reason", "why")],
                [.. skipped.Select(c => (IReadOnlyList<ReportValue>)[ConditionNames.Of(c.Kind), OversizeText.Append(c.Detail, c.TooLarge)])]));
        return new ReportSection(key, title)
        {
            Facts = facts,
            Tables = tables,
            Method = (result.Method == RankMethod.Exact
                    ? "exact: R_Γ = rank mod p of the certified modular Jacobian without the fixed columns; rank α mod p"
                    : "float64: R_Γ from singular values of Γ (NumPy's tolerance unless given); rank α likewise")
                + "; C_S and C_N after Bona-Pellissier, Bachoc & Malgouyres (NeurIPS 2022), sg_* after Stock & Gribonval (Constr. Approx. 2022); backend " + result.Backend,
        };
    }

    /// <summary>The shallow-network check as a report section.</summary>
    public static ReportSection DescribeShallow(ShallowIdentifiabilityResult shallow)
    {
        if (!shallow.Applicable)
            return new ReportSection("shallow", "Shallow network")
            {
                Facts = [new("applicable", "Applicable", false), new("reason", "Why", shallow.Reason!)],
            };
        return new ReportSection("shallow", "Shallow network (identifiable from the domain)")
        {
            Facts = [new("applicable", "Applicable", true), .. ShallowSummary(shallow)],
            Tables =
            [
                Conditions("conditions", "Conditions", shallow.Conditions.Where(c => c.Holds is not null).ToList()),
                new ReportTable("hyperplanes", "Hidden neurons as hyperplanes w·x + b = 0",
                    [new("neuron", "neuron"), new("meets_domain", "meets domain"), new("low", "min w·x+b"), new("high", "max w·x+b"), new("side", "on the domain"), new("shared_with", "same hyperplane as"), new("outgoing_nonzero", "v ≠ 0")],
                    [.. shallow.Hyperplanes.Select(h => (IReadOnlyList<ReportValue>)
                    [
                        h.Neuron, h.MeetsDomain, h.Low, h.High, h.Side,
                        h.SharedWith is int j ? $"{j} ({(h.SameOrientation == true ? "same" : "opposite")} orientation)" : "",
                        h.OutgoingNonzero,
                    ])])
                {
                    Caption = "identifiable from the domain: its function there fixes θ up to permutation and positive rescaling of the hidden neurons",
                },
            ],
            Method = "exact: ranges of w·x + b over the box in dyadic arithmetic, shared hyperplanes by exact cross-multiplication, cancelling subsets from the kernel mod p of [vec(v_i·w_iᵀ)] with every 0/1 candidate checked over Q",
        };
    }

    private static IReadOnlyList<Fact> ShallowSummary(ShallowIdentifiabilityResult shallow) =>
    [
        new("verdict", "Verdict", VerdictName(shallow.Verdict)),
        new("decided_by", "Decided by", ConditionNames.Of(shallow.DecidedBy!.Value)),
        new("witness", "Witness", shallow.Witness),
        new("domain", "Domain", shallow.Domain?.ToString() ?? "R^n (no --domain)"),
    ];

    private static ReportTable Conditions(string key, string title, IReadOnlyList<IdentifiabilityCondition> conditions) =>
        new(key, title, [new("name", "condition"), new("holds", "holds"), new("detail", "detail")],
            [.. conditions.Select(c => (IReadOnlyList<ReportValue>)[ConditionNames.Of(c.Kind), c.Holds!.Value, OversizeText.Append(c.Detail, c.TooLarge)])]);

    /// <summary>The verdict's stable JSON name.</summary>
    public static string VerdictName(IdentifiabilityVerdict verdict) => verdict switch
    {
        IdentifiabilityVerdict.Identifiable => "identifiable",
        IdentifiabilityVerdict.NotIdentifiable => "not_identifiable",
        _ => "undetermined",
    };
}

using NetSym.Cli.Rendering;
using NetSym.Identifiability;

namespace NetSym.Cli.Analysis;

/// <summary>
/// Whether a nonlinearity is of Vlačić &amp; Bölcskei's tanh type: the verdict, its reason, and every
/// condition with how it was checked and what it gave.
/// </summary>
internal static class TanhTypeSection
{
    /// <summary>The section for <paramref name="result"/>.</summary>
    public static ReportSection Describe(TanhTypeResult result) => new("tanh_type", "Tanh type")
    {
        Facts =
        [
            new("activation", "Activation", result.Activation.Spec),
            new("verdict", "Verdict", VerdictName(result.Verdict), result.Reason),
        ],
        Tables =
        [
            new ReportTable("conditions", "Conditions",
                [new("condition", "condition"), new("outcome", "outcome"), new("method", "how checked"), new("detail", "finding"), new("statement", "statement")],
                [.. result.Conditions.Select(c => (IReadOnlyList<ReportValue>)[c.Key, OutcomeName(c.Outcome), c.Method, c.Detail, c.Statement])])
            {
                Caption = "nonlinear, no_linear_pair and no_zero_network are necessary (a failure gives a non-degenerate network realising 0); tanh_form is sufficient; real_analytic is reported only",
            },
        ],
        Method = "Vlačić & Bölcskei, Adv. Math. 376 (2021) 107485: for tanh-type ρ no network without internal symmetries realises 0; conditions exact from the catalog's closed forms or on the stated grid to the stated tolerance",
    };

    /// <summary>The verdict's stable snake_case name.</summary>
    public static string VerdictName(TanhTypeVerdict verdict) => verdict switch
    {
        TanhTypeVerdict.ProvedByPapers => "tanh_type_proved",
        TanhTypeVerdict.CheckedNumerically => "tanh_type_numerically",
        TanhTypeVerdict.NotTanhType => "not_tanh_type",
        _ => "undecided",
    };

    private static string OutcomeName(ConditionOutcome outcome) => outcome switch
    {
        ConditionOutcome.Holds => "holds",
        ConditionOutcome.Fails => "fails",
        _ => "undecided",
    };
}

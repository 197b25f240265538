using System.Globalization;
using NetSym.Networks;

namespace NetSym.Identifiability;

/// <summary>
/// Whether a nonlinearity ρ is of Vlačić &amp; Bölcskei's tanh type (Adv. Math. 376, 2021, 107485), for
/// which no network without internal symmetries realises the zero function, so that ρ's affine
/// symmetries generate every network realising a given function — as far as that can be decided.
/// </summary>
/// <remarks>
/// <para>
/// NetSym's sources give the papers' abstracts, not the formal definition of the class, so the test
/// decides only what follows from facts it can state. Necessary conditions — each failure gives a
/// non-degenerate network realising 0, so ρ is outside the class whatever its exact definition:
/// ρ is not affine (else w₂·W₁ = 0 gives one); ρ has no linear pair ρ(x) ± ρ(−x) = α·x + β with α ≠ 0
/// (else <see cref="ZeroNetworkFamilies"/>' four-neuron network); and, when a zero-function search is
/// given, it found no witness. Sufficient: ρ = c·tanh(a·x + b) + d with a, c ≠ 0, since such an
/// affine reparameterisation maps networks over ρ to networks over tanh and back, neuron by neuron,
/// preserving non-degeneracy and the zero function — tanh itself is in the class by the papers'
/// abstract, and the logistic sigmoid is ½ + ½·tanh(x/2). Real-analyticity is reported but decides
/// nothing: the class is defined through ρ's continuation to the complex plane (a recollection of the
/// papers, not verified against their text), so a ρ with kinks is outside it only on that reading.
/// </para>
/// <para>Checks on grids are stated with the grid and tolerance; closed forms are the catalog's.</para>
/// </remarks>
public static class TanhTypeTest
{
    /// <summary>Relative tolerance of the grid checks (affine fit, linear pair, tanh fit).</summary>
    public const double GridTolerance = 1e-9;

    // The grid of the affine and tanh fits; it covers the saturation of every catalog activation.
    private const double Radius = 30;
    private const int Points = 4001;

    // Where an affine fit on the grid is checked again: a kink beyond the grid shows here.
    private static readonly double[] FarPoints = [-1e6, -1e4, -1e3, -100, 100, 1e3, 1e4, 1e6];

    /// <summary>Tests <paramref name="activation"/>; <paramref name="search"/>, when given, must be a zero-function search for it.</summary>
    /// <exception cref="ArgumentException">The search was run for another activation.</exception>
    public static TanhTypeResult Check(Activation activation, ZeroFunctionSearchResult? search = null)
    {
        ArgumentNullException.ThrowIfNull(activation);
        if (search is not null && !search.Activation.Equals(activation))
            throw new ArgumentException($"the search was run for {search.Activation}, not {activation}", nameof(search));
        string grid = F($"on {Points} equally spaced points of [−{Radius}, {Radius}] to relative tolerance {GridTolerance:G3}");

        var conditions = new List<TanhTypeCondition>
        {
            Nonlinear(activation, grid),
            NoLinearPair(activation),
        };
        if (search is not null) conditions.Add(NoZeroNetwork(search));
        conditions.Add(RealAnalytic(activation));
        conditions.Add(TanhReparameterisation(activation, grid));

        // A numerical witness is float64 held to a tolerance and margins; only a certain one outranks the theorem.
        var failed = conditions.FirstOrDefault(c => c.Outcome == ConditionOutcome.Fails
            && (c.Key is "nonlinear" or "no_linear_pair" || c.Key == "no_zero_network" && search!.WitnessIsCertain));
        var numericalWitness = conditions.FirstOrDefault(c => c.Key == "no_zero_network" && c.Outcome == ConditionOutcome.Fails);
        var tanhForm = conditions[^1];
        bool proved = tanhForm.Outcome == ConditionOutcome.Holds && activation.Name is "tanh" or "sigmoid";
        var (verdict, reason) =
            failed is not null ? (TanhTypeVerdict.NotTanhType, $"not tanh-type: {failed.Detail}")
            : proved ? (TanhTypeVerdict.ProvedByPapers, (activation.Name == "tanh"
                    ? "tanh-type: tanh is in the class (Vlačić & Bölcskei 2021)"
                    : "tanh-type: σ(x) = ½ + ½·tanh(x/2), an affine reparameterisation of tanh, which carries the theorem for tanh (Vlačić & Bölcskei 2021) over")
                + (numericalWitness is null ? "" : "; the search's numerical witness contradicts the theorem, so it is a near-degeneracy its margins did not catch"))
            : numericalWitness is not null ? (TanhTypeVerdict.NotTanhType, $"not tanh-type, numerically: {numericalWitness.Detail}")
            : tanhForm.Outcome == ConditionOutcome.Holds ? (TanhTypeVerdict.CheckedNumerically, $"conditions checked numerically: {tanhForm.Detail}; tanh-type if that fit is exact")
            : (TanhTypeVerdict.Undecided, $"undecided: no necessary condition fails, and {activation} is not c·tanh(a·x + b) + d; {conditions.First(c => c.Key == "real_analytic").Detail}");
        return new TanhTypeResult(activation, verdict, reason, conditions);
    }

    private static TanhTypeCondition Nonlinear(Activation rho, string grid)
    {
        const string statement = "ρ is not affine (an affine ρ gives w₂·W₁ = 0 with no zero weight: a non-degenerate network realising 0)";
        if (rho.Pieces is { } pieces)
        {
            bool affine = pieces.Slopes.Distinct().Count() == 1;
            return new("nonlinear", statement, affine ? ConditionOutcome.Fails : ConditionOutcome.Holds, "exact: from the catalog's linear pieces",
                affine ? F($"{rho} is affine (one piece, slope {pieces.Slopes[0]})") : F($"{rho} has slopes [{string.Join(", ", pieces.Slopes)}]"));
        }
        // The least-squares line through the grid: ρ is affine only if it is that line.
        var x = Grid();
        double mean = x.Average(rho.Value);
        double slope = x.Sum(t => t * rho.Value(t)) / x.Sum(t => t * t);
        double scale = Math.Max(1, x.Max(t => Math.Abs(rho.Value(t))));
        double residual = x.Max(t => Math.Abs(rho.Value(t) - slope * t - mean)) / scale;
        // Far off the grid the line must hold too: max(x − 100, 0) is 0 all over [−30, 30] and not affine.
        double far = FarPoints.Max(t =>
        {
            double v = rho.Value(t), line = slope * t + mean;
            return double.IsFinite(v) ? Math.Abs(v - line) / Math.Max(Math.Max(scale, Math.Abs(v)), Math.Abs(line)) : double.PositiveInfinity;
        });
        residual = Math.Max(residual, far);
        bool isAffine = residual <= GridTolerance;
        return new("nonlinear", statement, isAffine ? ConditionOutcome.Fails : ConditionOutcome.Holds, $"numerical: least-squares line {grid}, and at ±10², ±10³, ±10⁴, ±10⁶",
            F($"distance from the best line {residual:G3} (relative)"));
    }

    private static TanhTypeCondition NoLinearPair(Activation rho)
    {
        const string statement = "no linear pair ρ(x) ± ρ(−x) = α·x + β with α ≠ 0 (else ρ(x) ± ρ(−x) − ρ(x − 1) ∓ ρ(1 − x) − α = 0, four neurons, no twins)";
        var (pairs, fit, notFitted) = ZeroNetworkFamilies.LinearPairs(rho, GridTolerance);
        string method = $"numerical: {fit}";
        if (notFitted is not null)
            return new("no_linear_pair", statement, ConditionOutcome.Undecided, method, $"not fitted: {notFitted}");
        if (pairs.FirstOrDefault(p => p.Collapses) is { } pair)
            return new("no_linear_pair", statement, ConditionOutcome.Fails, method,
                F($"linear pair {pair.EquationOf(rho.Spec)} (relative residual {pair.Residual:G3})"));
        return new("no_linear_pair", statement, ConditionOutcome.Holds, method,
            string.Join("; ", pairs.Select(p => F($"{p.Combination}: residual {p.Residual:G3}, slope {p.Slope:G3}")))
            + " (a linear pair needs residual ≤ tolerance and slope ≠ 0)");
    }

    private static TanhTypeCondition NoZeroNetwork(ZeroFunctionSearchResult search)
    {
        const string statement = "no network without internal symmetries realises 0 (the theorem's conclusion for tanh-type ρ)";
        string searched = F($"zero-function search: {search.Constructive.Count} constructive candidates, {search.Architectures.Count} architectures × up to {search.Options.Starts} starts (key {search.Key})");
        return search.Witness is { } w
            ? new("no_zero_network", statement, ConditionOutcome.Fails, searched,
                F($"the {w.Candidate.Origin} network {w.Candidate.Network.Architecture} realises 0 ({(w.Verification.ExactlyZero == true ? "exactly" : $"float64, relative residual {w.Verification.MaxRelativeResidual:G3}")}) and is irreducible"))
            : new("no_zero_network", statement, ConditionOutcome.Holds, searched, "none found within the search space: evidence, not proof");
    }

    private static TanhTypeCondition RealAnalytic(Activation rho)
    {
        const string statement = "ρ is real-analytic (NetSym's reading of the class's definition through ρ's continuation to ℂ; not verified against the papers' text, so it decides nothing)";
        const string method = "exact: from the catalog's closed form";
        if (rho.Pieces is { } pieces)
            return pieces.Breakpoints.Count == 0
                ? new("real_analytic", statement, ConditionOutcome.Holds, method, "affine, hence analytic")
                : new("real_analytic", statement, ConditionOutcome.Fails, method, F($"kinks at [{string.Join(", ", pieces.Breakpoints)}]"));
        return rho.Name switch
        {
            "tanh" or "sigmoid" or "softplus" or "gelu" => new("real_analytic", statement, ConditionOutcome.Holds, method,
                $"{rho.Name} is built from exp, tanh and rational functions without real poles: analytic on ℝ"),
            "elu" => new("real_analytic", statement, ConditionOutcome.Fails, method, "ρ'' jumps at 0 (0 on the right, α on the left)"),
            _ => new("real_analytic", statement, ConditionOutcome.Undecided, "not decided", $"no closed form known for {rho}"),
        };
    }

    private static TanhTypeCondition TanhReparameterisation(Activation rho, string grid)
    {
        const string statement = "ρ = c·tanh(a·x + b) + d with a, c ≠ 0 (sufficient: networks over ρ and over tanh correspond neuron by neuron)";
        switch (rho.Name)
        {
            case "tanh":
                return new("tanh_form", statement, ConditionOutcome.Holds, "exact: closed form", "(a, b, c, d) = (1, 0, 1, 0)");
            case "sigmoid":
                return new("tanh_form", statement, ConditionOutcome.Holds, "exact: closed form σ(x) = ½ + ½·tanh(x/2)", "(a, b, c, d) = (0.5, 0, 0.5, 0.5)");
        }
        string method = F($"numerical: limits at ±{2 * Radius} fix c and d, artanh((ρ − d)/c) fitted by a line");
        double left = rho.Value(-2 * Radius), right = rho.Value(2 * Radius);
        bool settled = Math.Abs(rho.Value(-Radius) - left) <= GridTolerance * Math.Max(1, Math.Abs(left))
            && Math.Abs(rho.Value(Radius) - right) <= GridTolerance * Math.Max(1, Math.Abs(right));
        if (!double.IsFinite(left) || !double.IsFinite(right) || !settled || left == right)
            return new("tanh_form", statement, ConditionOutcome.Fails, method, F($"ρ does not settle to two distinct finite values by ±{Radius} (to the tolerance, between ±{Radius} and ±{2 * Radius}), as c·tanh(a·x + b) + d does when {Radius}·|a| − |b| ≥ 11; a flatter tanh form is not recognised"));
        double c = (right - left) / 2, d = (right + left) / 2;
        // Where |u| < 0.99 artanh is well conditioned; ρ = c·tanh(a·x + b) + d makes it the line a·x + b there.
        var pts = Grid().Select(t => (X: t, U: (rho.Value(t) - d) / c)).Where(p => Math.Abs(p.U) < 0.99).ToArray();
        if (pts.Length < 3)
            return new("tanh_form", statement, ConditionOutcome.Fails, method, "ρ is saturated on almost all of the grid");
        double mx = pts.Average(p => p.X), mz = pts.Average(p => Math.Atanh(p.U));
        double a = pts.Sum(p => (p.X - mx) * (Math.Atanh(p.U) - mz)) / pts.Sum(p => (p.X - mx) * (p.X - mx));
        double b = mz - a * mx;
        double residual = Grid().Max(t => Math.Abs(rho.Value(t) - c * Math.Tanh(a * t + b) - d)) / Math.Abs(c);
        var outcome = residual <= GridTolerance ? ConditionOutcome.Holds : ConditionOutcome.Fails;
        return new("tanh_form", statement, outcome, $"{method}, {grid}",
            F($"best (a, b, c, d) = ({a:G6}, {b:G6}, {c:G6}, {d:G6}), relative residual {residual:G3}"));
    }

    private static double[] Grid() => [.. Enumerable.Range(0, Points).Select(i => -Radius + 2 * Radius * i / (Points - 1))];

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.Globalization;
using NetSym.Cli.Rendering;
using NetSym.Networks;
using NetSym.Networks.Discovery;
using NetSym.Symmetries;

namespace NetSym.Cli.Commands;

/// <summary>
/// <c>netsym symmetries ACTIVATION</c>: the affine symmetry group of a nonlinearity — every
/// (a, b, c, d) with ρ(a·x + b) = c·ρ(x) + d — computed from ρ's values by <see cref="SymmetryDiscovery"/>,
/// with the catalog's hand-written group compared, the linear pairs and the closure check.
/// <c>netsym symmetries MODEL</c>: the permutation spec of a network derived from its graph (<see cref="PermutationSpec"/>).
/// </summary>
internal static class SymmetriesCommand
{
    /// <summary>
    /// What discovery runs on: the name the report gives ρ, ρ itself, and the catalog activation when ρ is one
    /// (its hand-written group is then compared; a function given otherwise, such as an expression, has none).
    /// </summary>
    /// <param name="Name">ρ's name in the report, e.g. "tanh".</param>
    /// <param name="Function">ρ.</param>
    /// <param name="Activation">The catalog activation, or null.</param>
    /// <param name="Given">The spec as typed when the catalog read it as another activation (elu(0) as relu), else null.</param>
    internal sealed record Subject(string Name, Func<double, double> Function, Activation? Activation, string? Given);

    public static Command Create(CliOptions options, CliEnvironment environment)
    {
        var activation = new Argument<Activation?>("ACTIVATION|MODEL")
        {
            Description = "An activation name, e.g. relu, tanh, sigmoid, leaky_relu(0.1), or expr(...); or a model file, whose permutation spec (channel classes, counts) is derived from its graph",
            CustomParser = result => IsModel(result.Tokens.Count > 0 ? result.Tokens[^1].Value : "") ? null : CliOptions.ParseActivation(result),
            Arity = ArgumentArity.ZeroOrOne,
        };
        var expression = new Option<string?>("--expr")
        {
            Description = "An expression in x instead of ACTIVATION, e.g. \"x/(1+abs(x))\" (the expr(...) grammar of docs/format.md)",
            HelpName = "EXPRESSION",
        };
        var digits = new Option<bool>("--digits")
        {
            Description = $"With MODEL: print every digit of the order even when it has more than {CountCommand.ExpandUpTo}",
        };
        var tolerance = CliOptions.RelativeTolerance(DiscoveryOptions.Default.Tolerance,
            "Relative tolerance every symmetry must meet at every verification point (> 0)");
        var command = new Command("symmetries", "The affine symmetry group of a nonlinearity, ρ(a·x + b) = c·ρ(x) + d, discovered from its values; or the permutation spec of a model's graph")
        {
            activation,
            expression,
            tolerance,
            options.ModelActivation,
            digits,
        };
        command.Validators.Add(result =>
        {
            bool named = result.GetResult(activation) is { Tokens.Count: > 0 }, written = result.GetResult(expression) is not null;
            if (named == written) result.AddError("give either ACTIVATION or --expr EXPRESSION, not both or neither");
        });
        command.SetAction(parse =>
        {
            var invocation = new Invocation(parse, options, environment);
            if (parse.GetResult(activation) is { Tokens.Count: > 0 } given && IsModel(given.Tokens[^1].Value))
            {
                var loaded = LoadedModel.Read(invocation, given.Tokens[^1].Value, parse.GetValue(options.ModelActivation));
                var spec = PermutationSpec.Derive(loaded.Network);
                bool allDigits = parse.GetValue(digits);
                if (allDigits) invocation.EnsureFits(spec.Order.EstimateDecimalMemory(), "leave out --digits (the factorisation, digit count and log10 are given without them)");
                invocation.Write(new Report([PermutationSpecSection.Of(loaded.Network, spec, allDigits)]));
                return ExitCodes.Success;
            }
            double tol = parse.GetValue(tolerance);
            if (!(tol > 0)) throw new ArgumentException("--tol must be a positive number: a symmetry is verified to a relative tolerance");
            var subject = parse.GetValue(expression) is { } text ? FromExpression(text) : FromActivation(parse.GetValue(activation)!, parse.GetResult(activation)!.Tokens[^1].Value.Trim());
            var result = SymmetryDiscovery.Discover(subject.Function, DiscoveryOptions.Default with { Tolerance = tol, Seed = invocation.Seed });
            invocation.Write(Describe(subject, result));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Whether the argument names a model rather than an activation: an existing file or folder, or a model file's
    /// extension (a missing model is then reported as such, not as an unknown activation).
    /// </summary>
    private static bool IsModel(string token) =>
        File.Exists(token) || Directory.Exists(token)
        || Path.GetExtension(token).ToLowerInvariant() is ".json" or ".onnx" or ".safetensors";

    // An expression has no hand-written group to compare with.
    private static Subject FromExpression(string text)
    {
        var rho = ExpressionActivation.TryCreate(text, out string? error) ?? throw new ArgumentException($"--expr: {error}");
        return new Subject(rho.Spec, rho.Value, null, null);
    }

    // elu(0) is relu and is read as relu: say so, rather than answer for a name the user did not type.
    private static Subject FromActivation(Activation rho, string given) =>
        rho is ExpressionActivation ? new Subject(rho.Spec, rho.Value, null, null)
            : new Subject(rho.Spec, rho.Value, rho, ActivationCatalog.IsSpecialCase(given) ? given : null);

    /// <summary>The report of one discovery: status, shape, catalog comparison, elements, families, linear pairs, method.</summary>
    internal static Report Describe(Subject subject, DiscoveryResult result)
    {
        var group = result.Group;
        var facts = new List<Fact>();
        if (subject.Given is { } given) facts.Add(new("given", "Given", given, $"equals {subject.Name}, so it is read as {subject.Name}"));
        facts.Add(new("activation", "Activation", subject.Name));
        facts.Add(new("status", "Status", result.Status == DiscoveryStatus.Resolved ? "resolved" : "unresolved",
            result.Reason ?? "every candidate verified within the tolerance or failed far above it; the structure accounts for every verified symmetry"));
        facts.Add(new("structure", "Structure", StructureName(group.Structure), StructureNote(group)));
        if (Components(group) is { } components)
            facts.Add(new("discrete_order", "Components", components, "connected components of the group, identity included; its order when finite"));
        facts.Add(new("continuous_dimension", "Continuous dimension", group.ContinuousDimension));
        if (subject.Activation is { } activation)
        {
            var comparison = CatalogComparison.Compare(activation.Symmetries, group);
            facts.Add(new("catalog", "Catalog", comparison.Agree ? "agree" : "differ", $"the hand-written group of {activation.Spec}: {comparison.Reason}"));
            facts.Add(new("piecewise_linear", "Piecewise linear", activation.IsPiecewiseLinear,
                activation.Pieces is { } p ? $"breakpoints [{string.Join(", ", p.Breakpoints)}], slopes [{string.Join(", ", p.Slopes)}]" : "smooth"));
        }
        facts.Add(new("closure", "Closure", new GroupValue(
        [
            new("closed", "closed", group.Closure.Closed),
            new("products", "products", group.Closure.Products),
            new("inverses", "inverses", group.Closure.Inverses),
            new("max_residual", "max residual", group.Closure.MaxResidual),
        ]), "products and inverses of the listed elements, sampled family members and generators (words up to length 3), each verified as a symmetry and found in the group"));

        var tables = new List<ReportTable>
        {
            new("elements", "Elements and generators",
                [new("kind", "kind"), new("element", "element (a, b, c, d)"), new("a", "a"), new("b", "b"), new("c", "c"), new("d", "d"), new("residual", "residual")],
                [
                    .. group.Elements.Select((e, i) => Row(i == 0 ? "identity" : "element", e)),
                    .. group.Generators.Select(g => Row("generator", g)),
                ])
            {
                Caption = "ρ(a·x + b) = c·ρ(x) + d; residual: the largest relative misfit of the element and its inverse over every verification point",
            },
            new("families", "Continuous families",
                [new("shape", "shape"), new("description", "family"), new("dimension", "dimension"), new("components", "components"), new("members_verified", "members verified"), new("residual", "residual")],
                [.. group.Families.Select(f => (IReadOnlyList<ReportValue>)[ShapeName(f), f.Description, f.Dimension, f.Components, f.VerifiedMembers, f.Residual])])
            {
                Caption = group.Families.Count == 0 ? "none" : "the family's shape and parameters fitted to the verified symmetries, then verified at members far from them (tiny and huge scalings, long shifts, seeded random ones)",
            },
            new("linear_pairs", "Linear pairs",
                [new("kind", "kind"), new("equation", "relation"), new("holds", "holds"), new("slope", "α"), new("intercept", "β"), new("residual", "residual")],
                [.. result.LinearPairs.Select(p => (IReadOnlyList<ReportValue>)[p.Kind == LinearPairKind.Difference ? "difference" : "sum", p.Holds ? p.Equation : $"{p.Combination} is not affine", p.Holds, p.Slope, p.Intercept, p.Residual])])
            {
                Caption = "ρ(x) ∓ ρ(−x) fitted by α·x + β in least squares (α, β: the best fit; residual as for elements, relative to max(S, |ρ(x)|, |ρ(−x)|)); not symmetries, but where one holds two neurons with opposite weights collapse into an affine term",
            },
        };
        if (result.NearMisses.Count > 0 || result.Unexplained.Count > 0)
            tables.Add(new("near_misses", "Not resolved",
                [new("kind", "kind"), new("element", "element (a, b, c, d)"), new("a", "a"), new("b", "b"), new("c", "c"), new("d", "d"), new("residual", "residual")],
                [.. result.NearMisses.Select(n => Row("near_miss", n)), .. result.Unexplained.Select(u => Row("unexplained", u))])
            {
                Caption = "near_miss: refined candidate within the unresolved band but not the tolerance (not listed in the group); unexplained: verified but outside the detected structure",
            });

        return new Report(
        [
            new ReportSection(null, subject.Given is null ? $"Symmetries of {subject.Name}" : $"Symmetries of {subject.Given} = {subject.Name}")
            {
                Facts = facts,
                Tables = tables,
                Method = MethodText(result.Method),
            },
        ]);
    }

    private static IReadOnlyList<ReportValue> Row(string kind, VerifiedSymmetry s) =>
        [kind, NiceNumber.Format(s.Element), s.Element.A, s.Element.B, s.Element.C, s.Element.D, s.Residual];

    /// <summary>Connected components, identity included: the order of a finite group, a family's components; null for an infinite discrete group.</summary>
    private static int? Components(DiscoveredGroup group) => group.Structure switch
    {
        GroupStructure.Finite => group.Order,
        GroupStructure.Continuous => group.Families.Sum(f => f.Components),
        _ => null,
    };

    private static string StructureName(GroupStructure structure) => structure switch
    {
        GroupStructure.Finite => "finite",
        GroupStructure.Continuous => "continuous",
        _ => "infinite_discrete",
    };

    private static string StructureNote(DiscoveredGroup group) => group.Structure switch
    {
        GroupStructure.Finite => group.Order == 1 ? "the identity only" : $"{group.Order} elements, listed",
        GroupStructure.Continuous => "a continuous family, listed with its dimension and components",
        _ => $"infinitely many isolated elements, generated by the {group.Generators.Count} listed",
    };

    private static string ShapeName(SymmetryFamily family) => family switch
    {
        PowerScalingFamily p => FormattableString.Invariant($"power scaling about {NiceNumber.Format(p.Centre)}, exponent {NiceNumber.Format(p.Exponent)}"),
        ExponentialFamily e => FormattableString.Invariant($"translations, rate {NiceNumber.Format(e.Rate)}, asymptote {NiceNumber.Format(e.Asymptote)}"),
        AffineFamily a => FormattableString.Invariant($"all affine maps (ρ = {NiceNumber.Format(a.Slope)}·x + {NiceNumber.Format(a.Intercept)})"),
        _ => family.GetType().Name,
    };

    /// <summary>The Method line: "numerical: grid …, tails to …, tolerance …, seed …".</summary>
    internal static string MethodText(DiscoveryMethod method)
    {
        var o = method.Options;
        var text = new System.Text.StringBuilder("numerical: ");
        if (method.SearchCells == 0)
            text.Append("grid search not needed: ρ is affine (least squares, within the tolerance), so every affine map is a symmetry; ");
        else
            text.Append(CultureInfo.InvariantCulture, $"grid a ∈ ±[1/{o.MaxScale:G6}, {o.MaxScale:G6}] ({2 * o.ScaleSteps + 1} values per sign) × b ∈ [−{o.SearchRadius:G6}, {o.SearchRadius:G6}] step {o.ShiftStep:G6} ({method.SearchCells} cells, c and d by least squares on {o.SamplePoints} stratified samples of [−{o.SearchRadius:G6}, {o.SearchRadius:G6}]), {method.Candidates} local minim{(method.Candidates == 1 ? "um" : "a")} refined by Levenberg–Marquardt; ");
        if (method.BestRejectedResidual is { } best) text.Append(CultureInfo.InvariantCulture, $"{method.Rejected} of them rejected, the closest at residual {best:G3}; ");
        text.Append(CultureInfo.InvariantCulture, $"verified on a grid of {o.GridPoints} points on [−{o.GridRadius:G6}, {o.GridRadius:G6}], {o.RandomPoints} random points there and {method.TailPoints} tail points, tails to ±{method.TailLimit:G3}; ");
        text.Append(CultureInfo.InvariantCulture, $"tolerance {o.Tolerance:G3} relative to max(S, |ρ(a·x+b)|, |c·ρ(x)+d|), S = {method.Scale:G6} the range of ρ on the grid; unresolved band up to {o.UnresolvedResidual:G3}; seed {o.Seed}");
        return text.ToString();
    }
}

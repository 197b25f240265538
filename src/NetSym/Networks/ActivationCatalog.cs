using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace NetSym.Networks;

/// <summary>
/// The nonlinearities NetSym knows, by name. Parameterised ones take their parameter in
/// parentheses: <c>leaky_relu(0.1)</c>, <c>elu(1)</c>; without it they take PyTorch's default.
/// A parameter that makes one of them equal to another activation is read as that activation —
/// elu(0) and leaky_relu(0) as relu, leaky_relu(1) as identity, leaky_relu(−1) as abs — by every
/// reader (specs, NetSym JSON, ONNX), so the symmetry group, the rank method and the reports are
/// those of the function the network computes (<see cref="IsSpecialCase"/> says when).
/// </summary>
public static class ActivationCatalog
{
    /// <summary>PyTorch's default negative slope of nn.LeakyReLU.</summary>
    public const double DefaultLeakySlope = 0.01;

    // One entry per activation: the names it answers to, how to make it from an optional parameter
    // (null when it takes none), and which parameters make it another activation (null when none do).
    private sealed record Entry(string[] Names, Func<double?, Activation> Create, bool TakesParameter = false, Func<double, Activation?>? SpecialCase = null)
    {
        public Activation Make(double? parameter) =>
            parameter is { } p && SpecialCase?.Invoke(p) is { } same ? same : Create(parameter);
    }

    private static readonly Entry[] Entries =
    [
        new(["identity", "linear", "none"], _ => new IdentityActivation()),
        new(["relu"], _ => new ReluActivation()),
        new(["leaky_relu", "leakyrelu"], p => new LeakyReluActivation(p ?? DefaultLeakySlope), TakesParameter: true,
            SpecialCase: p => p switch { 0 => new ReluActivation(), 1 => new IdentityActivation(), -1 => new AbsActivation(), _ => null }),
        new(["tanh"], _ => new TanhActivation()),
        new(["sigmoid", "logistic"], _ => new SigmoidActivation()),
        new(["softplus"], _ => new SoftplusActivation()),
        new(["abs"], _ => new AbsActivation()),
        // α(eˣ − 1) with α = 0 is 0: elu(0) is max(x, 0), piecewise linear, with ReLU's scalings.
        new(["elu"], p => new EluActivation(p ?? 1.0), TakesParameter: true, SpecialCase: p => p == 0 ? new ReluActivation() : null),
        new(["gelu"], _ => new GeluActivation()),
        new(["hardtanh"], _ => new HardtanhActivation()),
        new(["relu6"], _ => new Relu6Activation()),
        new(["selu"], _ => new SeluActivation()),
        new(["hardsigmoid", "hard_sigmoid"], _ => new HardsigmoidActivation()),
        new(["softsign"], _ => new SoftsignActivation()),
        new(["sin"], _ => new SinActivation()),
        new(["cos"], _ => new CosActivation()),
        new(["exp"], _ => new ExpActivation()),
        new(["silu"], _ => new SiluActivation()),
        new(["gelu_erf"], _ => new GeluErfActivation()),
    ];

    /// <summary>The catalog's names, for help texts and error messages.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. Entries.Select(e => e.TakesParameter ? $"{e.Names[0]}(α)" : e.Names[0]), $"{ExpressionPrefix}f(x))"];

    // expr(f(x)): an activation given by an expression in x (ExpressionActivation).
    private const string ExpressionPrefix = "expr(";

    /// <summary>Every activation in the catalog, parameterised ones with their default parameter.</summary>
    public static IReadOnlyList<Activation> Defaults { get; } = [.. Entries.Select(e => e.Create(null))];

    /// <summary>
    /// Parses a spec such as "relu", "leaky_relu(0.2)" or "expr(x/(1+abs(x)))"; null with a one-line
    /// reason when it is not one. A parameter that makes the activation another one gives that one:
    /// "elu(0)" parses as relu. An expression gives an <see cref="ExpressionActivation"/> whose spec holds
    /// the expression's canonical text.
    /// </summary>
    public static Activation? TryParse(string spec, out string? error)
    {
        string s = spec.Trim();
        if (s.StartsWith(ExpressionPrefix, StringComparison.OrdinalIgnoreCase))
        {
            if (s.EndsWith(')')) return ExpressionActivation.TryCreate(s[ExpressionPrefix.Length..^1].ToLowerInvariant(), out error);
            error = $"malformed activation '{spec}': expected expr(expression in x)";
            return null;
        }
        return TryRead(spec, out var entry, out double? parameter, out error) ? entry.Make(parameter) : null;
    }

    /// <summary>
    /// Whether <paramref name="spec"/> names a parameterised activation whose parameter makes it
    /// another activation (elu(0) is relu, leaky_relu(1) the identity), which the parsers return
    /// in its place; false for every other spec, valid or not.
    /// </summary>
    public static bool IsSpecialCase(string spec) =>
        TryRead(spec, out var entry, out double? parameter, out _) && parameter is { } p && entry.SpecialCase?.Invoke(p) is not null;

    private static bool TryRead(string spec, [NotNullWhen(true)] out Entry? entry, out double? parameter, out string? error)
    {
        entry = null;
        parameter = null;
        error = null;
        string s = spec.Trim().ToLowerInvariant();
        string name = s;
        int open = s.IndexOf('(');
        if (open >= 0)
        {
            if (!s.EndsWith(')'))
            {
                error = $"malformed activation '{spec}': expected name(parameter)";
                return false;
            }
            name = s[..open].Trim();
            string arg = s[(open + 1)..^1].Trim();
            if (!double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out double p) || !double.IsFinite(p))
            {
                error = $"activation '{spec}': parameter '{arg}' is not a finite number";
                return false;
            }
            parameter = p;
        }

        entry = Array.Find(Entries, e => e.Names.Contains(name));
        if (entry is null)
        {
            error = $"unknown activation '{spec}'; known: {string.Join(", ", Names)}";
            return false;
        }
        if (parameter is not null && !entry.TakesParameter)
        {
            error = $"activation '{name}' takes no parameter";
            entry = null;
            return false;
        }
        return true;
    }

    /// <summary>Parses a spec or throws <see cref="ArgumentException"/> naming the known activations.</summary>
    public static Activation Parse(string spec) =>
        TryParse(spec, out string? error) ?? throw new ArgumentException(error);

    /// <summary>
    /// The activation whose ONNX form is <paramref name="op"/> (same op type and Clip bounds, and alpha
    /// for an activation without a parameter; a
    /// parameterised one takes the op's alpha, widened exactly, or its default when the op has none,
    /// and an alpha that makes it another activation gives that one, as in <see cref="TryParse"/>);
    /// null when no activation in the catalog is computed by that op.
    /// </summary>
    public static Activation? FromOnnx(OnnxActivation op)
    {
        // Matched on the default's op, which a special case (LeakyRelu with alpha 0 is Relu) does not share.
        for (int i = 0; i < Entries.Length; i++)
            if (Defaults[i].Onnx is { } o && o.OpType == op.OpType && o.ClipBounds == op.ClipBounds
                && (Entries[i].TakesParameter || o.Alpha == op.Alpha)) // a fixed alpha (HardSigmoid's 1/6) must match
                return Entries[i].Make(Entries[i].TakesParameter ? op.Alpha : null);
        return null;
    }

    /// <summary>Formats a parameter the way <see cref="Activation.Spec"/> and the parser agree on.</summary>
    internal static string FormatParameter(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace NetSym.Networks;

/// <summary>
/// The nonlinearities NetSym knows, by name. Parameterised ones take their parameter in
/// parentheses: <c>leaky_relu(0.1)</c>, <c>elu(1)</c>; without it they take PyTorch's default.
/// </summary>
public static class ActivationCatalog
{
    /// <summary>PyTorch's default negative slope of nn.LeakyReLU.</summary>
    public const double DefaultLeakySlope = 0.01;

    // One entry per activation: the names it answers to, and how to make it from an optional parameter
    // (null when it takes none).
    private sealed record Entry(string[] Names, Func<double?, Activation> Create, bool TakesParameter = false);

    private static readonly Entry[] Entries =
    [
        new(["identity", "linear", "none"], _ => new IdentityActivation()),
        new(["relu"], _ => new ReluActivation()),
        new(["leaky_relu", "leakyrelu"], p => new LeakyReluActivation(p ?? DefaultLeakySlope), TakesParameter: true),
        new(["tanh"], _ => new TanhActivation()),
        new(["sigmoid", "logistic"], _ => new SigmoidActivation()),
        new(["softplus"], _ => new SoftplusActivation()),
        new(["abs"], _ => new AbsActivation()),
        new(["elu"], p => new EluActivation(p ?? 1.0), TakesParameter: true),
        new(["gelu"], _ => new GeluActivation()),
        new(["hardtanh"], _ => new HardtanhActivation()),
        new(["relu6"], _ => new Relu6Activation()),
    ];

    /// <summary>The catalog's names, for help texts and error messages.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. Entries.Select(e => e.TakesParameter ? $"{e.Names[0]}(α)" : e.Names[0])];

    /// <summary>Every activation in the catalog, parameterised ones with their default parameter.</summary>
    public static IReadOnlyList<Activation> Defaults { get; } = [.. Entries.Select(e => e.Create(null))];

    /// <summary>Parses a spec such as "relu" or "leaky_relu(0.2)"; null with a reason when it is not one.</summary>
    public static Activation? TryParse(string spec, out string? error)
    {
        error = null;
        string s = spec.Trim().ToLowerInvariant();
        string name = s;
        double? parameter = null;
        int open = s.IndexOf('(');
        if (open >= 0)
        {
            if (!s.EndsWith(')'))
            {
                error = $"malformed activation '{spec}': expected name(parameter)";
                return null;
            }
            name = s[..open].Trim();
            string arg = s[(open + 1)..^1].Trim();
            if (!double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out double p) || !double.IsFinite(p))
            {
                error = $"activation '{spec}': parameter '{arg}' is not a finite number";
                return null;
            }
            parameter = p;
        }

        var entry = Array.Find(Entries, e => e.Names.Contains(name));
        if (entry is null)
        {
            error = $"unknown activation '{spec}'; known: {string.Join(", ", Names)}";
            return null;
        }
        if (parameter is not null && !entry.TakesParameter)
        {
            error = $"activation '{name}' takes no parameter";
            return null;
        }
        return entry.Create(parameter);
    }

    /// <summary>Parses a spec or throws <see cref="ArgumentException"/> naming the known activations.</summary>
    public static Activation Parse(string spec) =>
        TryParse(spec, out string? error) ?? throw new ArgumentException(error);

    /// <summary>
    /// The activation whose ONNX form is <paramref name="op"/> (same op type and Clip bounds; a
    /// parameterised one takes the op's alpha, widened exactly, or its default when the op has none);
    /// null when no activation in the catalog is computed by that op.
    /// </summary>
    public static Activation? FromOnnx(OnnxActivation op) =>
        Entries
            .Select(e => e.Create(e.TakesParameter ? op.Alpha : null))
            .FirstOrDefault(a => a.Onnx is { } o && o.OpType == op.OpType && o.ClipBounds == op.ClipBounds);

    /// <summary>Formats a parameter the way <see cref="Activation.Spec"/> and the parser agree on.</summary>
    internal static string FormatParameter(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

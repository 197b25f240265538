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

    /// <summary>The catalog's names, for help texts and error messages.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["identity", "relu", "leaky_relu(α)", "tanh", "sigmoid", "softplus", "abs", "elu(α)", "gelu", "hardtanh", "relu6"];

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

        Activation? result = name switch
        {
            "identity" or "linear" or "none" => new IdentityActivation(),
            "relu" => new ReluActivation(),
            "leaky_relu" or "leakyrelu" => new LeakyReluActivation(parameter ?? DefaultLeakySlope),
            "tanh" => new TanhActivation(),
            "sigmoid" or "logistic" => new SigmoidActivation(),
            "softplus" => new SoftplusActivation(),
            "abs" => new AbsActivation(),
            "elu" => new EluActivation(parameter ?? 1.0),
            "gelu" => new GeluActivation(),
            "hardtanh" => new HardtanhActivation(),
            "relu6" => new Relu6Activation(),
            _ => null,
        };
        if (result is null)
        {
            error = $"unknown activation '{spec}'; known: {string.Join(", ", Names)}";
            return null;
        }
        if (parameter is not null && result is not (LeakyReluActivation or EluActivation))
        {
            error = $"activation '{name}' takes no parameter";
            return null;
        }
        return result;
    }

    /// <summary>Parses a spec or throws <see cref="ArgumentException"/> naming the known activations.</summary>
    public static Activation Parse(string spec) =>
        TryParse(spec, out string? error) ?? throw new ArgumentException(error);
}

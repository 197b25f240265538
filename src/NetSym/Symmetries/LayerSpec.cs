using System.Globalization;
using System.Text.RegularExpressions;

namespace NetSym.Symmetries;

/// <summary>Whether a layer is dense (units are neurons) or convolutional (units are output channels / filters).</summary>
public enum LayerKind
{
    /// <summary>A fully connected layer.</summary>
    Dense,

    /// <summary>A convolution: one filter per output channel, shared over positions.</summary>
    Convolution,
}

/// <summary>One layer of an architecture string: its kind, its input and output units, and for convolutions the kernel size.</summary>
public sealed record LayerSpec(LayerKind Kind, int Inputs, int Units, int Kernel = 1)
{
    /// <inheritdoc />
    public override string ToString() => Kind == LayerKind.Dense
        ? $"dense({Inputs},{Units})"
        : $"conv({Inputs},{Units},k{Kernel})";
}

/// <summary>
/// An architecture as <c>count</c> reads it: either dense widths "4-8-6-2", or a list of layers
/// "conv(3,32,k3)-conv(32,64,k3)-dense(1600,10)" (conv(in_channels, out_channels, kK), dense(in, out)).
/// The last layer is the output; every other layer's units (neurons or filters) can be permuted.
/// </summary>
public sealed partial record LayeredArchitecture(IReadOnlyList<LayerSpec> Layers)
{
    [GeneratedRegex(@"^(conv|dense)\((\d+),(\d+)(?:,k(\d+))?\)$", RegexOptions.IgnoreCase)]
    private static partial Regex LayerPattern();

    /// <summary>Parses either form; null with a reason when the string is neither.</summary>
    public static LayeredArchitecture? TryParse(string text, out string? error)
    {
        error = null;
        string s = Regex.Replace(text, @"\s+", "");
        if (!s.Contains('('))
        {
            var dense = Networks.Architecture.TryParse(s, out error);
            if (dense is null) return null;
            return new([.. Enumerable.Range(1, dense.Widths.Count - 1).Select(l => new LayerSpec(LayerKind.Dense, dense.Widths[l - 1], dense.Widths[l]))]);
        }
        var layers = new List<LayerSpec>();
        foreach (string token in SplitTopLevel(s))
        {
            var m = LayerPattern().Match(token);
            if (!m.Success)
            {
                error = $"architecture '{text}': cannot read '{token}' (expected conv(in,out,kK) or dense(in,out))";
                return null;
            }
            bool conv = m.Groups[1].Value.Equals("conv", StringComparison.OrdinalIgnoreCase);
            int inputs = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), units = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            int kernel = m.Groups[4].Success ? int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) : 1;
            if (inputs <= 0 || units <= 0 || kernel <= 0)
            {
                error = $"architecture '{text}': '{token}' needs positive sizes";
                return null;
            }
            if (!conv && m.Groups[4].Success)
            {
                error = $"architecture '{text}': dense layer '{token}' takes no kernel size";
                return null;
            }
            var spec = new LayerSpec(conv ? LayerKind.Convolution : LayerKind.Dense, inputs, units, kernel);
            // Channels must chain between convolutions; a dense layer after a convolution reads a
            // flattened map whose size depends on the spatial input, so only dense→dense is checked too.
            if (layers.Count > 0 && layers[^1].Kind == spec.Kind && layers[^1].Units != spec.Inputs)
            {
                error = $"architecture '{text}': '{token}' reads {spec.Inputs} but the previous layer has {layers[^1].Units} units";
                return null;
            }
            layers.Add(spec);
        }
        return new(layers);
    }

    /// <summary>Parses or throws <see cref="ArgumentException"/>.</summary>
    public static LayeredArchitecture Parse(string text) => TryParse(text, out var e) ?? throw new ArgumentException(e);

    /// <summary>The permutable units of each hidden layer (neurons or filters); the output layer has none.</summary>
    public IReadOnlyList<int> HiddenUnits => [.. Layers.Take(Layers.Count - 1).Select(l => l.Units)];

    private static IEnumerable<string> SplitTopLevel(string s)
    {
        int depth = 0, start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '(') depth++;
            else if (s[i] == ')') depth--;
            else if (s[i] == '-' && depth == 0)
            {
                yield return s[start..i];
                start = i + 1;
            }
        }
        yield return s[start..];
    }

    /// <summary>Dense chains print as widths ("4-8-6-2"), anything else layer by layer.</summary>
    public override string ToString() =>
        Layers.All(l => l.Kind == LayerKind.Dense)
            ? string.Join("-", Layers.Select(l => l.Inputs).Append(Layers[^1].Units))
            : string.Join("-", Layers);
}

using System.Globalization;
using NetSym.Networks;

namespace NetSym.IO;

/// <summary>
/// Reads a PyTorch <c>state_dict</c> of Linear layers from safetensors: tensors "P.weight" (out × in)
/// and optionally "P.bias" (out) for each module prefix P. Modules are ordered by the number that
/// ends their prefix when every prefix is the same stem plus a number ("0", "2", … or "net.0",
/// "net.2", … as nn.Sequential names them), otherwise by where their weight lies in the data.
/// </summary>
/// <remarks>
/// A Linear(bias=False) stores no bias: the layer gets a zero bias. F32, F16 and BF16 tensors are
/// widened exactly to double.
/// </remarks>
public static class SafetensorsReader
{
    /// <summary>Reads the file; hidden layers get <paramref name="hiddenActivation"/>, the output layer identity.</summary>
    /// <exception cref="ModelFileException">An unreadable or malformed file, tensors that are not Linear weights and biases, shapes that do not chain, a non-finite value.</exception>
    public static Network Read(string path, Activation hiddenActivation)
    {
        return Parse(ModelFileBytes.Read(path), path, hiddenActivation);
    }

    /// <summary>Parses safetensors bytes; <paramref name="source"/> names their origin in error messages.</summary>
    /// <exception cref="ModelFileException">As <see cref="Read"/>.</exception>
    public static Network Parse(byte[] bytes, string source, Activation hiddenActivation)
    {
        ArgumentNullException.ThrowIfNull(hiddenActivation);
        List<Module> modules = [];
        try
        {
            var file = SafetensorsFile.Parse(bytes);
            modules = Modules(file.Tensors);
            var layers = new List<Layer>();
            for (int l = 0; l < modules.Count; l++)
            {
                var (prefix, weight, bias) = modules[l];
                int outSize = (int)weight.Shape[0], inSize = (int)weight.Shape[1];
                if (l > 0 && inSize != layers[^1].OutputSize)
                    throw new FormatProblem($"'{weight.Name}' has shape {weight.ShapeText} and takes {inSize} inputs, but the previous layer '{modules[l - 1].Prefix}' has {layers[^1].OutputSize} outputs");
                var activation = l < modules.Count - 1 ? hiddenActivation : new IdentityActivation();
                layers.Add(new Layer(inSize, outSize, file.Values(weight), bias is null ? new double[outSize] : file.Values(bias), activation, [l]));
            }
            return new Network(layers[0].InputSize, layers);
        }
        catch (FormatProblem e) { throw new ModelFileException(source, e.Message, e); }
        catch (InvalidNetworkException e)
        {
            throw new ModelFileException(source, $"{e.Message} (layers in order: {string.Join(", ", modules.Select(m => $"'{m.Prefix}'"))})", e);
        }
    }

    private sealed record Module(string Prefix, SafetensorsTensor Weight, SafetensorsTensor? Bias);

    private static List<Module> Modules(IReadOnlyList<SafetensorsTensor> tensors)
    {
        var weights = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
        var biases = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
        foreach (var t in tensors)
        {
            int dot = t.Name.LastIndexOf('.');
            string prefix = dot < 0 ? "" : t.Name[..dot], kind = t.Name[(dot + 1)..];
            switch (kind)
            {
                case "weight" when dot > 0:
                    if (t.Shape.Length != 2) throw new FormatProblem($"'{t.Name}' has shape {t.ShapeText}; a Linear weight is a matrix (out × in)");
                    weights[prefix] = t;
                    break;
                case "bias" when dot > 0:
                    if (t.Shape.Length != 1) throw new FormatProblem($"'{t.Name}' has shape {t.ShapeText}; a Linear bias is a vector");
                    biases[prefix] = t;
                    break;
                default:
                    throw new FormatProblem($"tensor '{t.Name}' is not the weight or bias of a Linear layer (expected names like '0.weight', '0.bias')");
            }
        }
        if (weights.Count == 0) throw new FormatProblem("the file holds no Linear weights ('0.weight', …)");
        foreach (var (prefix, b) in biases)
        {
            if (!weights.TryGetValue(prefix, out var w)) throw new FormatProblem($"bias '{b.Name}' has no weight '{prefix}.weight'");
            if (b.Shape[0] != w.Shape[0]) throw new FormatProblem($"bias '{b.Name}' has shape {b.ShapeText}, but '{w.Name}' has {w.Shape[0]} rows");
        }

        var indexed = weights.Keys.Select(p => (Prefix: p, Stem: Stem(p, out long? index), Index: index)).ToList();
        var ordered = indexed.All(x => x.Index is not null) && indexed.Select(x => x.Stem).Distinct().Count() == 1
            ? indexed.OrderBy(x => x.Index).Select(x => x.Prefix)
            : weights.Keys.OrderBy(p => weights[p].Begin);
        return [.. ordered.Select(p => new Module(p, weights[p], biases.GetValueOrDefault(p)))];
    }

    /// <summary>The prefix without its last dot-separated part, and that part as a number if it is one.</summary>
    private static string Stem(string prefix, out long? index)
    {
        int dot = prefix.LastIndexOf('.');
        index = long.TryParse(prefix[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out long i) ? i : null;
        return dot < 0 ? "" : prefix[..dot];
    }
}

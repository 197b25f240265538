using NetSym.Networks;

namespace NetSym.Identifiability;

/// <summary>
/// Where a network stands relative to the setting in which Bona-Pellissier, Bachoc &amp; Malgouyres
/// (NeurIPS 2022) prove C_S and C_N — fully-connected layers, each reading only the layer before,
/// ReLU hidden neurons, an identity output — and, outside it, how it departs. The verdicts of
/// <see cref="LocalIdentifiability"/> hold outside that setting too: their arguments (written out in
/// docs/identifiability.md, "Beyond the papers' setting") use only that every activation is positively
/// homogeneous with its one breakpoint at 0, so that f_θ(X) = A(X, θ)·Φ(θ) with A locally constant, and
/// that positive rescalings of hidden neurons are symmetries; the scope says which setting a verdict
/// comes from, so that a reader can tell the papers' theorem from NetSym's extension of its proof.
/// </summary>
/// <param name="Departures">How the network leaves the papers' setting, one phrase each; empty inside it.</param>
public sealed record IdentifiabilityScope(IReadOnlyList<string> Departures)
{
    /// <summary>Whether the network lies in the setting the papers' theorems state.</summary>
    public bool InTheoremSetting => Departures.Count == 0;

    /// <summary>The departures of <paramref name="network"/> from the papers' setting.</summary>
    public static IdentifiabilityScope Of(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var departures = new List<string>();
        int output = network.Layers.Count - 1;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            if (l < output && !layer.Activation.IsRelu) departures.Add($"layer {l}: {layer.Activation.Spec} hidden neurons, not ReLU");
            if (l == output && !layer.Activation.IsIdentity) departures.Add($"output layer: {layer.Activation.Spec}, not the identity");
            if (!network.Graph.ReadsPreviousOnly(l)) departures.Add($"layer {l}: skip connections (reads nodes {string.Join(", ", layer.Sources)})");
            if (!layer.IsDense) departures.Add($"layer {l}: a connectivity mask");
        }
        return new IdentifiabilityScope(departures);
    }
}

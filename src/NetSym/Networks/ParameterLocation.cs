using System.Globalization;

namespace NetSym.Networks;

/// <summary>
/// Where one parameter sits: the weight W[<see cref="Row"/>, <see cref="Column"/>] of layer
/// <see cref="Layer"/> (the column counts the layer's concatenated sources, as in
/// <see cref="Networks.Layer.Weight"/>) or, when <see cref="Column"/> is null, the bias of neuron
/// <see cref="Row"/>. <see cref="ParameterLayout"/> maps it to and from the flat parameter index.
/// </summary>
public readonly record struct ParameterLocation(int Layer, int Row, int? Column)
{
    /// <summary>Whether the parameter is a bias.</summary>
    public bool IsBias => Column is null;

    /// <summary>The neuron the parameter belongs to: the one whose incoming weight or bias it is.</summary>
    public Neuron Neuron => new(Layer, Row);

    /// <summary>"layer 1 weight [0,2]" or "layer 0 bias [3]".</summary>
    public override string ToString() => Column is int c
        ? string.Create(CultureInfo.InvariantCulture, $"layer {Layer} weight [{Row},{c}]")
        : string.Create(CultureInfo.InvariantCulture, $"layer {Layer} bias [{Row}]");
}

using NetSym.Networks;

namespace NetSym.Identifiability;

/// <summary>
/// Where parameter k of <see cref="Network.GetParameters"/> sits: a weight W[Row, Column] of layer
/// <see cref="Layer"/> (Column counts the concatenated sources, as in <see cref="Networks.Layer.Weight"/>) or,
/// when <see cref="Column"/> is null, the bias of neuron Row.
/// </summary>
public readonly record struct ParameterLocation(int Layer, int Row, int? Column)
{
    /// <summary>Whether the parameter is a bias.</summary>
    public bool IsBias => Column is null;

    /// <summary>The location of parameter <paramref name="parameter"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such parameter.</exception>
    public static ParameterLocation Of(Network network, int parameter)
    {
        if (parameter < 0 || parameter >= network.ParameterCount)
            throw new ArgumentOutOfRangeException(nameof(parameter), parameter, $"the network has {network.ParameterCount} parameters");
        int k = parameter;
        for (int l = 0; ; l++)
        {
            var layer = network.Layers[l];
            if (k >= layer.ParameterCount)
            {
                k -= layer.ParameterCount;
                continue;
            }
            int weights = layer.ParameterCount - layer.OutputSize;
            if (k >= weights) return new ParameterLocation(l, k - weights, null);
            if (layer.IsDense) return new ParameterLocation(l, k / layer.InputSize, k % layer.InputSize);
            var mask = layer.Mask;
            for (int flat = 0; ; flat++)
                if (mask[flat] && k-- == 0) return new ParameterLocation(l, flat / layer.InputSize, flat % layer.InputSize);
        }
    }

    /// <summary>"layer 1 weight [0,2]" or "layer 0 bias [3]".</summary>
    public override string ToString() =>
        Column is int c ? $"layer {Layer} weight [{Row},{c}]" : $"layer {Layer} bias [{Row}]";
}

using System.Globalization;

namespace NetSym.Networks;

/// <summary>
/// Neuron <see cref="Index"/> of layer <see cref="Layer"/> (0-based; the output layer is the last).
/// Neurons are ordered by layer, then index (the order in which paths are compared, for instance).
/// </summary>
public readonly record struct Neuron(int Layer, int Index) : IComparable<Neuron>
{
    /// <inheritdoc />
    public int CompareTo(Neuron other) => Layer != other.Layer ? Layer.CompareTo(other.Layer) : Index.CompareTo(other.Index);

    /// <summary>Whether <paramref name="a"/> comes before <paramref name="b"/>: an earlier layer, or the same layer and a lower index.</summary>
    public static bool operator <(Neuron a, Neuron b) => a.CompareTo(b) < 0;

    /// <summary>Whether <paramref name="a"/> comes after <paramref name="b"/>.</summary>
    public static bool operator >(Neuron a, Neuron b) => a.CompareTo(b) > 0;

    /// <summary>Whether <paramref name="a"/> comes before <paramref name="b"/> or is it.</summary>
    public static bool operator <=(Neuron a, Neuron b) => a.CompareTo(b) <= 0;

    /// <summary>Whether <paramref name="a"/> comes after <paramref name="b"/> or is it.</summary>
    public static bool operator >=(Neuron a, Neuron b) => a.CompareTo(b) >= 0;

    /// <summary>"(layer,index)", e.g. "(0,3)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Layer},{Index})");
}

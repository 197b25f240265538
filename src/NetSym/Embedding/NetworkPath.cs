using NetSym.Networks;

namespace NetSym.Embedding;

/// <summary>
/// One path of the network's DAG that ends at an output neuron: either from input coordinate
/// <see cref="Input"/> through <see cref="Neurons"/> v_1, …, v_k = output, or (when
/// <see cref="Input"/> is null) from the bias of v_1 = <see cref="Neurons"/>[0] to the output.
/// Its entry of Φ(θ) is w(x_i→v_1)·w(v_1→v_2)·…·w(v_{k−1}→v_k) for an input path and
/// b_{v_1}·w(v_1→v_2)·…·w(v_{k−1}→v_k) for a bias path; the output's own bias is the path (v_1 = output).
/// </summary>
/// <remarks>Two paths are equal when they have the same start and the same neuron sequence.</remarks>
public sealed record NetworkPath(int? Input, IReadOnlyList<Neuron> Neurons)
{
    /// <summary>Whether the path starts at a bias rather than an input coordinate.</summary>
    public bool IsBiasPath => Input is null;

    /// <summary>The output neuron the path ends at (its index in the output layer).</summary>
    public int Output => Neurons[^1].Index;

    /// <inheritdoc />
    public bool Equals(NetworkPath? other) =>
        other is not null && Input == other.Input && Neurons.SequenceEqual(other.Neurons);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Input);
        foreach (var v in Neurons) hash.Add(v);
        return hash.ToHashCode();
    }

    /// <summary>E.g. "x2 → (0,1) → (1,0)" or "b(0,1) → (1,0)".</summary>
    public override string ToString() =>
        (Input is int i ? $"x{i} → " : "b") + string.Join(" → ", Neurons);
}

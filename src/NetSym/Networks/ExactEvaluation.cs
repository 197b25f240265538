using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// Exact evaluation of a piecewise-linear network: weights, biases, inputs, slopes and breakpoints
/// are doubles, hence dyadic rationals m·2^e, and z = W·x + b and ρ(z) = s_i·z + c_i keep every
/// value dyadic, so <see cref="Dyadic"/> arithmetic computes the true pre-activations without
/// rounding. It decides what floating point cannot: which side of a kink a pre-activation lies on.
/// </summary>
/// <remarks>Immutable and thread-safe; build it once per network and trace any number of inputs.</remarks>
public sealed class ExactEvaluation
{
    private readonly Dyadic[][] _weights;
    private readonly Dyadic[][] _biases;
    private readonly ExactPieces[] _pieces;

    /// <summary>Prepares the exact weights and pieces of <paramref name="network"/>.</summary>
    /// <exception cref="ArgumentException">A layer's activation is not piecewise linear.</exception>
    public ExactEvaluation(Network network)
    {
        Network = network;
        _pieces = [.. network.Layers.Select(l => ExactPieces.Of(l.Activation))];
        _weights = [.. network.Layers.Select(l => l.Weights.ToArray().Select(Dyadic.FromDouble).ToArray())];
        _biases = [.. network.Layers.Select(l => l.Bias.ToArray().Select(Dyadic.FromDouble).ToArray())];
    }

    /// <summary>The network evaluated.</summary>
    public Network Network { get; }

    /// <summary>Each layer's activation in exact form.</summary>
    public IReadOnlyList<ExactPieces> Pieces => _pieces;

    /// <summary>Checks that <paramref name="inputs"/> is a batch of rational inputs for <paramref name="network"/>.</summary>
    /// <exception cref="ArgumentException">The inputs have the wrong width or a non-finite entry.</exception>
    internal static void RequireRationalInputs(Network network, Matrix inputs)
    {
        if (inputs.Columns != network.InputSize)
            throw new ArgumentException($"inputs have {inputs.Columns} columns, the network expects {network.InputSize}");
        for (long k = 0; k < inputs.Data.LongLength; k++)
            if (!double.IsFinite(inputs.Data[k]))
                throw new ArgumentException($"input {k / inputs.Columns} has a non-finite entry {inputs.Data[k]}");
    }

    /// <summary>The exact forward pass of one input.</summary>
    /// <exception cref="ArgumentException">The input has the wrong length or a non-finite entry.</exception>
    public ExactTrace Trace(ReadOnlySpan<double> input)
    {
        if (input.Length != Network.InputSize)
            throw new ArgumentException($"input has {input.Length} entries, the network expects {Network.InputSize}");
        var x = new Dyadic[input.Length];
        for (int k = 0; k < input.Length; k++) x[k] = Dyadic.FromDouble(input[k]);
        var pre = new Dyadic[Network.Layers.Count][];
        var nodes = LayerKernel.Forward(Network, x, new DyadicArithmetic(_weights, _biases, _pieces), pre);
        return new ExactTrace(nodes, pre);
    }
}

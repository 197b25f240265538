namespace NetSym.Networks;

/// <summary>
/// One layer: y = ρ(W·x + b) where x is the concatenation, in order, of the nodes in
/// <see cref="Sources"/> (node 0 is the network input, node k ≥ 1 the output of layer k − 1).
/// W is <see cref="OutputSize"/> × <see cref="InputSize"/>, row-major (PyTorch's out × in).
/// </summary>
/// <remarks>
/// An optional connectivity <see cref="Mask"/> removes edges structurally: an absent edge is not a
/// zero weight but no parameter at all, and its stored weight is always 0.
/// </remarks>
public sealed class Layer
{
    private readonly double[] _weights;
    private readonly double[] _bias;
    private readonly bool[]? _mask;
    private readonly int[] _sources;

    /// <summary>Builds a layer, copying the arrays so that the layer stays immutable.</summary>
    /// <exception cref="InvalidNetworkException">Sizes that do not fit, or a masked edge with a non-zero weight.</exception>
    public Layer(int inputSize, int outputSize, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias,
        Activation activation, IReadOnlyList<int> sources, ReadOnlySpan<bool> mask = default)
    {
        if (inputSize <= 0 || outputSize <= 0)
            throw new InvalidNetworkException($"layer sizes must be positive, got {outputSize}×{inputSize}");
        if (weights.Length != (long)inputSize * outputSize)
            throw new InvalidNetworkException($"weight matrix has {weights.Length} entries, expected {outputSize}×{inputSize} = {(long)inputSize * outputSize}");
        if (bias.Length != outputSize)
            throw new InvalidNetworkException($"bias has {bias.Length} entries, expected {outputSize}");
        if (sources.Count == 0)
            throw new InvalidNetworkException("a layer must read at least one node");
        if (!mask.IsEmpty && mask.Length != weights.Length)
            throw new InvalidNetworkException($"mask has {mask.Length} entries, expected {weights.Length}");

        InputSize = inputSize;
        OutputSize = outputSize;
        Activation = activation ?? throw new ArgumentNullException(nameof(activation));
        _weights = weights.ToArray();
        _bias = bias.ToArray();
        _sources = [.. sources];
        if (!mask.IsEmpty && mask.IndexOf(false) >= 0)
        {
            _mask = mask.ToArray();
            for (int i = 0; i < _mask.Length; i++)
                if (!_mask[i] && _weights[i] != 0)
                    throw new InvalidNetworkException($"weight [{i / inputSize},{i % inputSize}] is masked out but stored as {_weights[i]}");
        }
    }

    /// <summary>Number of inputs: the summed sizes of <see cref="Sources"/>.</summary>
    public int InputSize { get; }

    /// <summary>Number of neurons.</summary>
    public int OutputSize { get; }

    /// <summary>The nonlinearity applied to every neuron.</summary>
    public Activation Activation { get; }

    /// <summary>Nodes read, in concatenation order: 0 is the network input, k is the output of layer k − 1.</summary>
    public IReadOnlyList<int> Sources => _sources;

    /// <summary>W, row-major, <see cref="OutputSize"/> × <see cref="InputSize"/>.</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>b, one entry per neuron.</summary>
    public ReadOnlySpan<double> Bias => _bias;

    /// <summary>The connectivity mask (row-major like W), or empty when every edge exists.</summary>
    public ReadOnlySpan<bool> Mask => _mask;

    /// <summary>Whether every edge exists.</summary>
    public bool IsDense => _mask is null;

    /// <summary>Weight W[row, column].</summary>
    public double Weight(int row, int column) => _weights[row * InputSize + column];

    /// <summary>Whether the edge column → row exists (always true for a dense layer).</summary>
    public bool HasEdge(int row, int column) => _mask is null || _mask[row * InputSize + column];

    /// <summary>Number of trainable parameters: existing edges plus biases.</summary>
    public int ParameterCount => (_mask is null ? _weights.Length : _mask.Count(m => m)) + OutputSize;

    /// <summary>The same layer with other weights and biases (same shape, mask, sources and activation).</summary>
    public Layer With(ReadOnlySpan<double> weights, ReadOnlySpan<double> bias) =>
        new(InputSize, OutputSize, weights, bias, Activation, _sources, _mask);

    /// <summary>The same layer with another activation.</summary>
    public Layer With(Activation activation) =>
        new(InputSize, OutputSize, _weights, _bias, activation, _sources, _mask);

    // The kernels read the arrays directly; nothing outside the library can reach them.
    internal double[] WeightArray => _weights;
    internal double[] BiasArray => _bias;
}

namespace NetSym.Networks;

/// <summary>
/// One layer: y = ρ(z), where z depends on its <see cref="Kind"/>. A dense layer computes
/// z = W·x + b, x the concatenation, in order, of the nodes in <see cref="Sources"/> (node 0 is the
/// network input, node k ≥ 1 the output of layer k − 1), W <see cref="OutputSize"/> × <see cref="InputSize"/>,
/// row-major (PyTorch's out × in). A convolution slides one kernel per output channel over its one
/// source; pooling takes the maximum or mean of each window; an addition sums its sources.
/// </summary>
/// <remarks>
/// <para>
/// Sizes are per sample and flat: a node of shape C × H × W has C·H·W entries in channel-major order,
/// so a dense layer after a convolution reads it flattened, as PyTorch's <c>Flatten</c> does.
/// </para>
/// <para>
/// The parameters are <see cref="Weights"/> (<see cref="Units"/> rows of <see cref="WeightColumns"/>)
/// and one <see cref="Bias"/> per unit. For a convolution a row is the kernel of one output channel,
/// (input channels of its group) × taps, PyTorch's (out, in/groups, kH, kW) layout. Pooling and
/// additions have none.
/// </para>
/// <para>
/// An optional connectivity <see cref="Mask"/> of a dense layer removes edges structurally: an absent
/// edge is not a zero weight but no parameter at all, and its stored weight is always 0.
/// </para>
/// </remarks>
public sealed class Layer
{
    private readonly double[] _weights;
    private readonly double[] _bias;
    private readonly bool[]? _mask;
    private readonly int[] _sources;
    private readonly int _groups;

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
        InputShape = NodeShape.Flat(inputSize);
        OutputShape = NodeShape.Flat(outputSize);
        Units = outputSize;
        WeightColumns = inputSize;
        Activation = activation ?? throw new ArgumentNullException(nameof(activation));
        _weights = weights.ToArray();
        _bias = bias.ToArray();
        _sources = [.. sources];
        _groups = 1;
        if (!mask.IsEmpty && mask.IndexOf(false) >= 0)
        {
            _mask = mask.ToArray();
            for (int i = 0; i < _mask.Length; i++)
                if (!_mask[i] && _weights[i] != 0)
                    throw new InvalidNetworkException($"weight [{i / inputSize},{i % inputSize}] is masked out but stored as {_weights[i]}");
        }
    }

    private Layer(LayerKind kind, NodeShape input, NodeShape output, int units, int weightColumns, double[] weights, double[] bias,
        Activation activation, int[] sources, WindowGeometry? window, int groups)
    {
        Kind = kind;
        InputShape = input;
        OutputShape = output;
        InputSize = input.Size;
        OutputSize = output.Size;
        Units = units;
        WeightColumns = weightColumns;
        _weights = weights;
        _bias = bias;
        Activation = activation ?? throw new ArgumentNullException(nameof(activation));
        _sources = sources;
        Window = window;
        _groups = groups;
    }

    /// <summary>
    /// A convolution of one source node of shape <paramref name="input"/>: <paramref name="outputChannels"/>
    /// kernels, each over the <c>input.Channels / groups</c> channels of its group and the window's taps,
    /// row-major as PyTorch stores them (out, in/groups, kH, kW), and one bias per output channel.
    /// </summary>
    /// <exception cref="InvalidNetworkException">Channels not divisible by the groups, a window that does not fit the input, or arrays of the wrong length.</exception>
    public static Layer Convolution(NodeShape input, int outputChannels, WindowGeometry window, int groups,
        ReadOnlySpan<double> kernel, ReadOnlySpan<double> bias, Activation activation, int source)
    {
        if (input.Spatial.Count != window.Rank)
            throw new InvalidNetworkException($"a {window.Rank}-d convolution cannot read a node of shape {input}");
        if (groups <= 0 || input.Channels % groups != 0 || outputChannels % groups != 0)
            throw new InvalidNetworkException($"a convolution with {groups} groups needs input ({input.Channels}) and output ({outputChannels}) channels divisible by it");
        var output = new NodeShape(outputChannels, window.OutputSpatial(input.Spatial));
        int columns = input.Channels / groups * window.WindowSize;
        if (kernel.Length != (long)outputChannels * columns)
            throw new InvalidNetworkException($"convolution kernel has {kernel.Length} entries, expected {outputChannels}×{input.Channels / groups}×{window.WindowSize} = {(long)outputChannels * columns}");
        if (bias.Length != outputChannels)
            throw new InvalidNetworkException($"convolution bias has {bias.Length} entries, expected {outputChannels}");
        return new(LayerKind.Convolution, input, output, outputChannels, columns, kernel.ToArray(), bias.ToArray(), activation, [source], window, groups);
    }

    /// <summary>Max or average pooling (<paramref name="kind"/>) of one source node of shape <paramref name="input"/>, channel by channel.</summary>
    /// <exception cref="InvalidNetworkException">Another kind, or a window that does not fit the input.</exception>
    public static Layer Pooling(LayerKind kind, NodeShape input, WindowGeometry window, int source)
    {
        if (kind is not (LayerKind.MaxPool or LayerKind.AveragePool))
            throw new InvalidNetworkException($"{kind} is not a pooling kind");
        if (input.Spatial.Count != window.Rank)
            throw new InvalidNetworkException($"a {window.Rank}-d pooling cannot read a node of shape {input}");
        var output = new NodeShape(input.Channels, window.OutputSpatial(input.Spatial));
        var layer = new Layer(kind, input, output, input.Channels, 0, [], [], new IdentityActivation(), [source], window, 1);
        // A max-pool window that lies wholly in the padding has no value to take.
        if (kind == LayerKind.MaxPool)
            for (int p = 0; p < output.Positions; p++)
                if (!layer.Taps.AsSpan(p * window.WindowSize, window.WindowSize).ContainsAnyExcept(-1))
                    throw new InvalidNetworkException($"max-pool window {p} ({window}) lies wholly in the padding of a {input} input");
        return layer;
    }

    /// <summary>The sum of <paramref name="sources"/> (at least two nodes, each of shape <paramref name="shape"/>), then <paramref name="activation"/>.</summary>
    /// <exception cref="InvalidNetworkException">Fewer than two sources.</exception>
    public static Layer Add(NodeShape shape, IReadOnlyList<int> sources, Activation activation)
    {
        if (sources.Count < 2) throw new InvalidNetworkException($"an addition needs at least two sources, got {sources.Count}");
        return new(LayerKind.Add, shape, shape, shape.Channels, 0, [], [], activation, [.. sources], null, 1);
    }

    /// <summary>What the layer computes before its activation.</summary>
    public LayerKind Kind { get; } = LayerKind.Dense;

    /// <summary>
    /// Number of inputs per sample: the summed sizes of <see cref="Sources"/> for a dense layer, the size
    /// of its one source for convolution and pooling, the common size of the sources for an addition.
    /// </summary>
    public int InputSize { get; }

    /// <summary>Number of outputs per sample: neurons of a dense layer, channels × positions otherwise.</summary>
    public int OutputSize { get; }

    /// <summary>The shape of what the layer reads (flat for a dense layer).</summary>
    public NodeShape InputShape { get; }

    /// <summary>The shape of the layer's output.</summary>
    public NodeShape OutputShape { get; }

    /// <summary>
    /// The units symmetries act on: the neurons of a dense layer, the output channels otherwise (every
    /// position of a channel shares its kernel, bias and any rescaling).
    /// </summary>
    public int Units { get; }

    /// <summary>Entries per row of <see cref="Weights"/>: the input size of a dense layer, (input channels / groups) × taps for a convolution, 0 without parameters.</summary>
    public int WeightColumns { get; }

    /// <summary>The window of a convolution or pooling; null for dense layers and additions.</summary>
    public WindowGeometry? Window { get; }

    /// <summary>The number of channel groups of a convolution (1 otherwise).</summary>
    public int Groups => _groups;

    /// <summary>The nonlinearity applied to every neuron.</summary>
    public Activation Activation { get; }

    /// <summary>Nodes read, in concatenation order: 0 is the network input, k is the output of layer k − 1.</summary>
    public IReadOnlyList<int> Sources => _sources;

    /// <summary>W, row-major, <see cref="Units"/> × <see cref="WeightColumns"/>: a dense layer's matrix, a convolution's kernels.</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>b, one entry per unit (none for pooling and additions).</summary>
    public ReadOnlySpan<double> Bias => _bias;

    /// <summary>The connectivity mask (row-major like W), or empty when every edge exists.</summary>
    public ReadOnlySpan<bool> Mask => _mask;

    /// <summary>Whether every edge exists: no mask (true for every kind but a masked dense layer).</summary>
    public bool IsDense => _mask is null;

    /// <summary>Weight W[row, column] (a convolution: kernel entry [output channel, input channel of the group × tap]).</summary>
    public double Weight(int row, int column) => _weights[row * WeightColumns + column];

    /// <summary>Whether the edge column → row exists (always true without a mask).</summary>
    public bool HasEdge(int row, int column) => _mask is null || _mask[row * WeightColumns + column];

    /// <summary>Number of trainable parameters: existing edges plus biases.</summary>
    public int ParameterCount => (_mask is null ? _weights.Length : _mask.Count(m => m)) + _bias.Length;

    /// <summary>The same layer with other weights and biases (same kind, shape, mask, sources and activation).</summary>
    /// <exception cref="InvalidNetworkException">Arrays of the wrong length.</exception>
    public Layer With(ReadOnlySpan<double> weights, ReadOnlySpan<double> bias) => Kind switch
    {
        LayerKind.Dense => new(InputSize, OutputSize, weights, bias, Activation, _sources, _mask),
        LayerKind.Convolution => Convolution(InputShape, Units, Window!, _groups, weights, bias, Activation, _sources[0]),
        _ when weights.IsEmpty && bias.IsEmpty => this,
        _ => throw new InvalidNetworkException($"a {Kind} layer has no parameters"),
    };

    /// <summary>The same layer with another activation.</summary>
    /// <exception cref="InvalidNetworkException">A pooling layer, whose activation is the identity.</exception>
    public Layer With(Activation activation) => Kind switch
    {
        LayerKind.Dense => new(InputSize, OutputSize, _weights, _bias, activation, _sources, _mask),
        LayerKind.Convolution => Convolution(InputShape, Units, Window!, _groups, _weights, _bias, activation, _sources[0]),
        LayerKind.Add => Add(OutputShape, _sources, activation),
        _ => throw new InvalidNetworkException($"a {Kind} layer has no activation of its own"),
    };

    // The kernels read the arrays directly; nothing outside the library can reach them.
    internal double[] WeightArray => _weights;

    // Built on first use: many layers are never evaluated (count, info). A race builds it twice, equal.
    private int[]? _taps;
    private TapRun[]? _tapRuns;

    /// <summary>The window's tap map over this layer's input (<see cref="WindowGeometry.TapPositions"/>).</summary>
    internal int[] Taps => _taps ??= Window!.TapPositions(InputShape.Spatial);

    /// <summary>The tap map cut into block-copyable runs, built on first use (<see cref="TapRun"/>).</summary>
    internal TapRun[] TapRuns => _tapRuns ??= TapRun.Of(Taps, OutputShape.Positions, Window!.WindowSize);

    internal double[] BiasArray => _bias;
}

using System.Numerics.Tensors;
using System.Text;

namespace NetSym.Networks;

/// <summary>
/// An immutable feed-forward network: an input of size <see cref="InputSize"/> and a list of
/// <see cref="Layer"/>s, each reading the input and/or earlier layers. The last layer's output is
/// the network's output. Every transformation returns a new network.
/// </summary>
/// <remarks>
/// Parameter order (see <see cref="GetParameters"/> and <see cref="Layout"/>): layer by layer; within a
/// layer the existing weights row by row (row-major, masked edges skipped), then the biases — PyTorch's
/// <c>parameters()</c> order for an nn.Sequential of Linear layers.
/// </remarks>
public sealed class Network
{
    private readonly Layer[] _layers;

    /// <summary>Builds and validates a network.</summary>
    /// <exception cref="InvalidNetworkException">No layers, sources that do not exist or do not fit, non-finite weights (named by location).</exception>
    public Network(int inputSize, IEnumerable<Layer> layers)
        : this(inputSize > 0 ? NodeShape.Flat(inputSize) : throw new InvalidNetworkException($"input size must be positive, got {inputSize}"), layers)
    {
    }

    /// <summary>Builds and validates a network whose input has the given shape (channels × spatial extents for a CNN).</summary>
    /// <exception cref="InvalidNetworkException">No layers, sources that do not exist or do not fit, non-finite weights (named by location).</exception>
    public Network(NodeShape inputShape, IEnumerable<Layer> layers)
    {
        _layers = [.. layers];
        if (_layers.Length == 0) throw new InvalidNetworkException("the network has no layers");
        InputShape = inputShape;
        InputSize = inputShape.Size;

        Graph = new LayerGraph(inputShape, _layers);
        bool sequential = true, dense = true;
        for (int l = 0; l < _layers.Length; l++)
        {
            Layer layer = _layers[l];
            if (!Graph.ReadsPreviousOnly(l) || !layer.IsDense) sequential = false;
            if (layer.Kind != LayerKind.Dense) sequential = dense = false;
            CheckFinite(layer, l);
        }
        IsSequential = sequential;
        HasDenseLayersOnly = dense;
        Layout = new ParameterLayout(this);
    }

    /// <summary>A plain MLP: each layer reads the previous one.</summary>
    public static Network Sequential(int inputSize, IEnumerable<(double[] Weights, double[] Bias, Activation Activation)> layers)
    {
        var built = new List<Layer>();
        int fanIn = inputSize;
        foreach (var (w, b, act) in layers)
        {
            built.Add(new Layer(fanIn, b.Length, w, b, act, [built.Count]));
            fanIn = b.Length;
        }
        return new Network(inputSize, built);
    }

    /// <summary>Size of the network input (per sample, flat).</summary>
    public int InputSize { get; }

    /// <summary>The shape of the network input: a vector for an MLP, channels × spatial extents for a CNN.</summary>
    public NodeShape InputShape { get; }

    /// <summary>Whether every layer is dense (fully connected or masked): no convolution, pooling or addition.</summary>
    public bool HasDenseLayersOnly { get; }

    /// <summary>The shape of node k: the input for k = 0, the output of layer k − 1 otherwise.</summary>
    public NodeShape ShapeOf(int node) => node == 0 ? InputShape : _layers[node - 1].OutputShape;

    /// <summary>
    /// Refuses a network with convolution, pooling or addition layers for an analysis that handles only
    /// dense layers so far, naming the analysis and the first such layer.
    /// </summary>
    /// <exception cref="NotSupportedException">The network has a layer that is not dense.</exception>
    public void RequireDenseLayers(string analysis)
    {
        if (HasDenseLayersOnly) return;
        int l = Array.FindIndex(_layers, layer => layer.Kind != LayerKind.Dense);
        throw new NotSupportedException($"{analysis} does not handle {_layers[l].Kind} layers yet (layer {l}); it works on networks of dense layers");
    }

    /// <summary>Size of the output (the last layer's width).</summary>
    public int OutputSize => _layers[^1].OutputSize;

    /// <summary>The layers, in evaluation order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>True for a plain MLP: every layer dense and reading only the previous one.</summary>
    public bool IsSequential { get; }

    /// <summary>Size of node k: the input for k = 0, the output of layer k − 1 otherwise.</summary>
    public int NodeSize(int node) => node == 0 ? InputSize : _layers[node - 1].OutputSize;

    /// <summary>Total number of parameters (existing edges and biases).</summary>
    public int ParameterCount => Layout.Count;

    /// <summary>Number of hidden neurons: all neurons but the output layer's (for a CNN: every channel at every position).</summary>
    public int HiddenNeuronCount => _layers.Take(_layers.Length - 1).Sum(l => l.OutputSize);

    /// <summary>
    /// Widths "n0-n1-…-nL"; a non-sequential network adds " (skip)" and/or " (masked)". A CNN starts
    /// from its input shape and names each layer that is not dense: "3×32×32-conv16-maxpool-add-10".
    /// </summary>
    public string Architecture
    {
        get
        {
            var sb = new StringBuilder().Append(InputShape);
            foreach (var l in _layers)
                sb.Append('-').Append(l.Kind switch
                {
                    LayerKind.Dense => l.OutputSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    LayerKind.Convolution => "conv" + l.Units.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    LayerKind.MaxPool => "maxpool",
                    LayerKind.AveragePool => l.OutputShape.Positions == 1 ? "avgpool(global)" : "avgpool",
                    _ => "add",
                });
            if (Enumerable.Range(0, _layers.Length).Any(l => !Graph.ReadsPreviousOnly(l))) sb.Append(" (skip)");
            if (_layers.Any(l => !l.IsDense)) sb.Append(" (masked)");
            return sb.ToString();
        }
    }

    /// <summary>
    /// The hidden activations in words: one name when all hidden layers share it, else the list.
    /// Pooling layers apply none of their own and are left out.
    /// </summary>
    public string HiddenActivations
    {
        get
        {
            var names = _layers.Take(_layers.Length - 1).Where(l => l.Kind is not (LayerKind.MaxPool or LayerKind.AveragePool))
                .Select(l => l.Activation.Spec).Distinct().ToList();
            return names.Count == 0 ? "none" : string.Join(", ", names);
        }
    }

    /// <summary>How the layers are wired: each layer's column block per source node, each node's readers, built once per network.</summary>
    public LayerGraph Graph { get; }

    /// <summary>Where every parameter sits: flat index ⇄ (layer, row, column | bias), built once per network.</summary>
    public ParameterLayout Layout { get; }

    /// <summary>Offset of layer l's first parameter in <see cref="GetParameters"/> (<see cref="ParameterLayout.Offset"/>).</summary>
    public int ParameterOffset(int layer) => Layout.Offset(layer);

    /// <summary>
    /// Names parameter <paramref name="index"/> of <see cref="GetParameters"/>: "layer l weight [i,j]"
    /// (W_l[i, j], i the neuron, j the column of its concatenated input) or "layer l bias [i]".
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not in [0, <see cref="ParameterCount"/>).</exception>
    public string DescribeParameter(int index) => Layout[index].ToString();

    /// <summary>All parameters as one vector, in the documented order.</summary>
    public double[] GetParameters()
    {
        var theta = new double[ParameterCount];
        for (int l = 0; l < _layers.Length; l++)
        {
            var layer = _layers[l];
            var w = layer.Weights;
            var destination = theta.AsSpan(Layout.Offset(l));
            if (Layout.EdgePositions(l) is { } edges)
                for (int e = 0; e < edges.Length; e++) destination[e] = w[edges[e]];
            else
                w.CopyTo(destination);
            layer.Bias.CopyTo(destination[Layout.WeightCount(l)..]);
        }
        return theta;
    }

    /// <summary>A network of the same shape with the given parameter vector (documented order).</summary>
    public Network WithParameters(ReadOnlySpan<double> theta)
    {
        if (theta.Length != ParameterCount)
            throw new InvalidNetworkException($"parameter vector has {theta.Length} entries, the network has {ParameterCount} parameters");
        var layers = new Layer[_layers.Length];
        for (int l = 0; l < _layers.Length; l++)
        {
            var layer = _layers[l];
            var source = theta[Layout.Offset(l)..Layout.Offset(l + 1)];
            int weightCount = Layout.WeightCount(l);
            var w = source[..weightCount];
            if (Layout.EdgePositions(l) is { } edges)
            {
                var scattered = new double[layer.Weights.Length]; // a masked edge stores 0
                for (int e = 0; e < edges.Length; e++) scattered[edges[e]] = w[e];
                w = scattered;
            }
            layers[l] = layer.With(w, source[weightCount..]);
        }
        return new Network(InputShape, layers);
    }

    /// <summary>The same network with layer <paramref name="index"/> replaced.</summary>
    public Network WithLayer(int index, Layer layer)
    {
        var layers = (Layer[])_layers.Clone();
        layers[index] = layer;
        return new Network(InputShape, layers);
    }

    private static void CheckFinite(Layer layer, int l)
    {
        var w = layer.Weights;
        // The vectorised scan decides; the loop below only finds the first offender for the message.
        if (TensorPrimitives.IsFiniteAll(w) && TensorPrimitives.IsFiniteAll(layer.Bias)) return;
        for (int i = 0; i < w.Length; i++)
            if (!double.IsFinite(w[i]))
                throw new InvalidNetworkException($"layer {l} weight [{i / layer.WeightColumns},{i % layer.WeightColumns}] is {w[i]}");
        var b = layer.Bias;
        for (int i = 0; i < b.Length; i++)
            if (!double.IsFinite(b[i]))
                throw new InvalidNetworkException($"layer {l} bias [{i}] is {b[i]}");
    }
}

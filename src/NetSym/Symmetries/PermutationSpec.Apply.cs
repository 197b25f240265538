using System.Numerics.Tensors;
using NetSym.Networks;
using NodeKind = NetSym.Networks.LayerKind;

namespace NetSym.Symmetries;

public sealed partial class PermutationSpec
{
    /// <summary>
    /// Applies a channel transform to a network of the architecture this spec was derived from: every producer's
    /// row (kernel or neuron) k and bias k become λ_{π(k)} times old row π(k), and every layer that reads a class's
    /// channels takes π and 1/λ on them — a convolution on its input-channel kernel slices (within its groups), a
    /// dense layer on the column block of each channel (all positions of a C × H × W source). Pooling and additions
    /// have no parameters. The transform need not be an element (<see cref="Contains"/>): one the spec rules out is
    /// carried out all the same, so that it can be seen to change the function.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Another architecture, a transform with other class sizes, or a permutation that moves a channel into another
    /// group of a grouped convolution (no network of this architecture could hold the result).
    /// </exception>
    public Network Apply(Network network, ChannelTransform transform)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(transform);
        RequireSameArchitecture(network);
        if (transform.Permutations.Count != Classes.Count) throw new ArgumentException($"the transform acts on {transform.Permutations.Count} classes, the spec has {Classes.Count}");
        foreach (var c in Classes)
            if (transform.Permutations[c.Index].Length != c.Channels) throw new ArgumentException($"class {c.Index} has {c.Channels} channels, the transform acts on {transform.Permutations[c.Index].Length}");

        var layers = new Layer[network.Layers.Count];
        for (int l = 0; l < layers.Length; l++) layers[l] = ApplyToLayer(network, l, transform);
        return new Network(network.InputShape, layers);
    }

    /// <summary>
    /// Layer <paramref name="l"/> of <see cref="Apply"/>'s result alone (the layer itself for pooling and additions), for
    /// callers that need one layer in the frame of a transform without copying the whole network. The network and the
    /// transform are not checked: <see cref="Apply"/> does that.
    /// </summary>
    internal Layer ApplyToLayer(Network network, int l, ChannelTransform transform)
    {
        int[] PermutationOf(int node) => _nodeClass[node] < 0 ? [.. Enumerable.Range(0, network.ShapeOf(node).Channels)] : transform.Permutations[_nodeClass[node]];
        double[] FactorsOf(int node) => _nodeClass[node] < 0 ? [.. Enumerable.Repeat(1.0, network.ShapeOf(node).Channels)] : transform.Factors[_nodeClass[node]];

        var layer = network.Layers[l];
        if (layer.Kind is not (NodeKind.Convolution or NodeKind.Dense)) return layer;
        int[] rows = PermutationOf(l + 1);
        double[] scale = FactorsOf(l + 1);
        var w = layer.Weights;
        var weights = new double[w.Length];
        var bias = new double[layer.Units];
        int columns = layer.WeightColumns;
        for (int k = 0; k < layer.Units; k++) bias[k] = scale[rows[k]] * layer.Bias[rows[k]];
        if (layer.Kind == NodeKind.Convolution)
        {
            int source = layer.Sources[0], inBlock = layer.InputShape.Channels / layer.Groups, outBlock = layer.Units / layer.Groups;
            int taps = layer.Window!.WindowSize;
            int[] inputs = PermutationOf(source);
            double[] divide = FactorsOf(source);
            for (int k = 0; k < layer.Units; k++)
            {
                int r = rows[k], group = r / outBlock, newGroup = k / outBlock;
                for (int j = 0; j < inBlock; j++)
                {
                    int c = inputs[newGroup * inBlock + j];
                    if (c / inBlock != group)
                        throw new ArgumentException($"layer {l}: the transform moves output channel {r} and its input channel {c} into different groups of the grouped convolution");
                    TensorPrimitives.Multiply(w.Slice(r * columns + (c - group * inBlock) * taps, taps), scale[r] / divide[c], weights.AsSpan(k * columns + j * taps, taps));
                }
            }
        }
        else
        {
            foreach (var block in network.Graph.SourceBlocks(l))
            {
                int[] inputs = PermutationOf(block.Node);
                double[] divide = FactorsOf(block.Node);
                int positions = network.ShapeOf(block.Node).Positions;
                for (int k = 0; k < layer.Units; k++)
                {
                    int r = rows[k];
                    for (int j = 0; j < inputs.Length; j++)
                    {
                        int c = inputs[j];
                        int to = k * columns + block.Offset + j * positions, from = r * columns + block.Offset + c * positions;
                        TensorPrimitives.Multiply(w.Slice(from, positions), scale[r] / divide[c], weights.AsSpan(to, positions));
                    }
                }
            }
        }
        return layer.With(weights, bias);
    }

    private void RequireSameArchitecture(Network network)
    {
        bool same = network.Layers.Count == _network.Layers.Count && network.InputShape.Equals(_network.InputShape);
        for (int l = 0; same && l < network.Layers.Count; l++)
        {
            Layer a = network.Layers[l], b = _network.Layers[l];
            same = a.Kind == b.Kind && a.InputShape.Equals(b.InputShape) && a.OutputShape.Equals(b.OutputShape)
                && a.Groups == b.Groups && a.WeightColumns == b.WeightColumns && a.Sources.SequenceEqual(b.Sources) && a.IsDense;
        }
        if (!same) throw new ArgumentException($"the network ({network.Architecture}) does not have the architecture this spec was derived from ({_network.Architecture})");
    }
}

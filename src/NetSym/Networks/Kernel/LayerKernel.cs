using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// The one walk over a network's layer structure, generic over the number system: every forward
/// and reverse pass (float batches, exact dyadics, residues mod p, intervals, path norms) is this
/// walk with an arithmetic plugged in.
/// </summary>
/// <remarks>
/// <para>
/// A layer reads the concatenation of its <see cref="Layer.Sources"/> nodes (node 0 is the input,
/// node k the output of layer k − 1), so its weight matrix W (out × in, row-major) splits into one
/// column block per source, at the offset where that source starts in the concatenation
/// (<see cref="LayerGraph.SourceBlocks"/>). Forward,
/// z = b + Σ_s W_s·x_s and the output is ρ(z); in reverse, δ = g ⊙ ρ′(z) and each source receives
/// δ·W_s. A masked edge is stored as a zero weight, so masks need nothing here. Convolution,
/// pooling and addition layers are one call each on the arithmetic (their windows come from the
/// layer's tap map), forward and back. A new layer kind changes this walk, once, and every arithmetic
/// follows it.
/// </para>
/// <para>
/// The arithmetic is a struct type argument (as in the generic kernels of System.Numerics.Tensors),
/// so each instance is compiled on its own and its per-layer calls are direct.
/// </para>
/// </remarks>
internal static class LayerKernel
{
    /// <summary>
    /// Every node's value: node 0 is <paramref name="input"/>, node l + 1 the output of layer l.
    /// When <paramref name="preActivations"/> is given, layer l's pre-activation is stored at [l].
    /// With <paramref name="releaseNodes"/>, a hidden node is dropped (left default) once its last reader has
    /// run, so that a pass that wants only the output holds a few layers' values at a time, not all of them.
    /// </summary>
    public static TNode[] Forward<TNode, TArithmetic>(Network network, TNode input, TArithmetic arithmetic,
        TNode[]? preActivations = null, bool releaseNodes = false)
        where TArithmetic : struct, IForwardArithmetic<TNode>
    {
        var layers = network.Layers;
        var nodes = new TNode[layers.Count + 1];
        nodes[0] = input;
        for (int l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            var z = layer.Kind switch
            {
                LayerKind.Dense => Dense(l, layer, network.Graph.SourceBlocks(l), nodes, arithmetic),
                LayerKind.Convolution => arithmetic.Convolve(l, layer, nodes[layer.Sources[0]]),
                LayerKind.Add => arithmetic.Sum(l, layer, [.. layer.Sources.Select(s => nodes[s])]),
                _ => arithmetic.Pool(l, layer, nodes[layer.Sources[0]]),
            };
            if (preActivations is not null) preActivations[l] = z;
            nodes[l + 1] = arithmetic.Activate(l, layer, z, keepPreActivation: preActivations is not null);
            if (releaseNodes)
                foreach (int node in network.Graph.LastReadBy(l)) nodes[node] = default!;
        }
        return nodes;
    }

    private static TNode Dense<TNode, TArithmetic>(int l, Layer layer, ReadOnlySpan<SourceBlock> blocks, TNode[] nodes, TArithmetic arithmetic)
        where TArithmetic : struct, IForwardArithmetic<TNode>
    {
        var z = arithmetic.Bias(l, layer);
        foreach (var block in blocks)
            arithmetic.Accumulate(l, layer, z, nodes[block.Node], block.Offset, block.Size);
        return z;
    }

    /// <summary>
    /// Every layer's delta δ_l (the gradient with respect to its pre-activation), from the gradient
    /// <paramref name="outputGradient"/> of the network's output; and, when <paramref name="wantInput"/>,
    /// the gradient of the input node in <paramref name="inputGradient"/> (else null, and the
    /// products that would only feed it are skipped).
    /// </summary>
    public static TNode[] Reverse<TNode, TArithmetic>(Network network, TNode outputGradient, TArithmetic arithmetic,
        bool wantInput, out TNode? inputGradient)
        where TNode : class
        where TArithmetic : struct, IReverseArithmetic<TNode>
    {
        var layers = network.Layers;
        // grads[k] = gradient of node k; allocated when the first layer reading node k writes to it.
        var grads = new TNode?[layers.Count + 1];
        grads[layers.Count] = outputGradient;
        var deltas = new TNode[layers.Count];
        for (int l = layers.Count - 1; l >= 0; l--)
        {
            var layer = layers[l];
            // An unused layer output has zero gradient.
            var delta = deltas[l] = arithmetic.Delta(l, layer, grads[l + 1] ?? arithmetic.Zero(layer.OutputSize));
            grads[l + 1] = null;
            foreach (var block in network.Graph.SourceBlocks(l))
            {
                if (block.Node == 0 && !wantInput) continue;
                ref var gradient = ref grads[block.Node];
                switch (layer.Kind)
                {
                    case LayerKind.Dense: arithmetic.Accumulate(l, layer, delta, block.Offset, block.Size, ref gradient); break;
                    case LayerKind.Convolution: arithmetic.ConvolveBack(l, layer, delta, ref gradient); break;
                    case LayerKind.Add: arithmetic.SumBack(l, layer, delta, ref gradient); break;
                    default: arithmetic.PoolBack(l, layer, delta, ref gradient); break;
                }
            }
        }
        inputGradient = wantInput ? grads[0] ?? arithmetic.Zero(network.InputSize) : null;
        return deltas;
    }

    /// <summary>
    /// The concatenated input of layer <paramref name="index"/> for every row of a batch (the source
    /// node itself, not a copy, when the layer reads one node, as a plain MLP does).
    /// </summary>
    public static Matrix LayerInput(Network network, IReadOnlyList<Matrix> nodes, int index)
    {
        var blocks = network.Graph.SourceBlocks(index);
        if (blocks.Length == 1) return nodes[blocks[0].Node];
        int rows = nodes[0].Rows;
        var x = new Matrix(rows, network.Layers[index].InputSize);
        for (int r = 0; r < rows; r++)
            foreach (var block in blocks) nodes[block.Node].Row(r).CopyTo(x.Row(r).Slice(block.Offset));
        return x;
    }

    /// <summary>
    /// The seed of a reverse pass for all outputs of a batch at once: an (N·m) × m matrix whose row
    /// r = i·m + o is the unit vector e_o, the gradient of output o of input i with respect to the outputs.
    /// </summary>
    public static Matrix OutputSeeds(int samples, int outputs)
    {
        int rows = checked(samples * outputs);
        var seeds = new Matrix(rows, outputs);
        for (int r = 0; r < rows; r++) seeds[r, r % outputs] = 1;
        return seeds;
    }
}

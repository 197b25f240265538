namespace NetSym.Networks;

/// <summary>
/// One source node's block of a layer's input: the layer's weight columns
/// [<see cref="Offset"/>, <see cref="Offset"/> + <see cref="Size"/>) read node <see cref="Node"/>
/// (node 0 is the network input, node k ≥ 1 the output of layer k − 1).
/// </summary>
/// <param name="Node">The node read.</param>
/// <param name="Offset">The first column of the block: where the node starts in the layer's concatenated input.</param>
/// <param name="Size">The node's size: the number of columns of the block.</param>
public readonly record struct SourceBlock(int Node, int Offset, int Size);

namespace NetSym.Networks;

/// <summary>
/// A layer that reads a node: layer <see cref="Layer"/>'s weight columns from <see cref="Offset"/> on,
/// one per entry of the node, read it. The other side of a <see cref="SourceBlock"/>.
/// </summary>
/// <param name="Layer">The reading layer.</param>
/// <param name="Offset">The column of the reading layer's concatenated input where the node starts.</param>
public readonly record struct NodeReader(int Layer, int Offset);

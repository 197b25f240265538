using System.Globalization;

namespace NetSym.Networks;

/// <summary>
/// The shape of one node's value for one sample: channels × spatial positions, stored flat in
/// channel-major order (PyTorch's CHW without the batch axis). A node without spatial axes is a plain
/// vector of <see cref="Channels"/> entries, as every node of an MLP is.
/// </summary>
public sealed class NodeShape : IEquatable<NodeShape>
{
    private readonly int[] _spatial;

    /// <summary>A shape of <paramref name="channels"/> channels over the given spatial extents (none, one or two).</summary>
    /// <exception cref="InvalidNetworkException">A non-positive extent, more than two spatial axes, or a size beyond int.</exception>
    public NodeShape(int channels, params int[] spatial)
    {
        if (channels <= 0) throw new InvalidNetworkException($"a node needs at least one channel, got {channels}");
        if (spatial.Length > 2) throw new InvalidNetworkException($"nodes have at most two spatial axes, got {spatial.Length}");
        foreach (int s in spatial)
            if (s <= 0) throw new InvalidNetworkException($"spatial extents must be positive, got {string.Join("×", spatial)}");
        _spatial = [.. spatial];
        long positions = 1;
        foreach (int s in spatial) positions *= s;
        long size = positions * channels;
        if (size > int.MaxValue) throw new InvalidNetworkException($"a node of {channels}×{string.Join("×", spatial)} has more than {int.MaxValue} entries");
        Channels = channels;
        Positions = (int)positions;
        Size = (int)size;
    }

    /// <summary>A vector of <paramref name="size"/> entries, without spatial axes.</summary>
    public static NodeShape Flat(int size) => new(size);

    /// <summary>Number of channels (the entries of a vector).</summary>
    public int Channels { get; }

    /// <summary>The spatial extents: empty for a vector, [length] in 1-d, [height, width] in 2-d.</summary>
    public IReadOnlyList<int> Spatial => _spatial;

    /// <summary>Number of positions: the product of the spatial extents (1 for a vector).</summary>
    public int Positions { get; }

    /// <summary>Number of entries: <see cref="Channels"/> · <see cref="Positions"/>.</summary>
    public int Size { get; }

    /// <summary>Whether the shape has no spatial axes.</summary>
    public bool IsFlat => _spatial.Length == 0;

    /// <summary>The same spatial extents with another channel count.</summary>
    public NodeShape WithChannels(int channels) => new(channels, _spatial);

    /// <inheritdoc/>
    public bool Equals(NodeShape? other) =>
        other is not null && other.Channels == Channels && other._spatial.AsSpan().SequenceEqual(_spatial);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NodeShape);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Channels);
        foreach (int s in _spatial) hash.Add(s);
        return hash.ToHashCode();
    }

    /// <summary>"C×H×W", "C×L", or the size of a vector.</summary>
    public override string ToString() =>
        string.Join("×", new[] { Channels }.Concat(_spatial).Select(v => v.ToString(CultureInfo.InvariantCulture)));
}

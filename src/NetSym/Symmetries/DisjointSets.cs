namespace NetSym.Symmetries;

/// <summary>Union-find over 0..n−1 with path halving and union by size: which items a chain of ties has joined.</summary>
internal sealed class DisjointSets
{
    private readonly int[] _parent;
    private readonly int[] _size;

    public DisjointSets(int count)
    {
        _parent = [.. Enumerable.Range(0, count)];
        _size = [.. Enumerable.Repeat(1, count)];
    }

    /// <summary>The representative of <paramref name="item"/>'s set.</summary>
    public int Find(int item)
    {
        while (_parent[item] != item)
        {
            _parent[item] = _parent[_parent[item]];
            item = _parent[item];
        }
        return item;
    }

    /// <summary>Joins the sets of <paramref name="a"/> and <paramref name="b"/>.</summary>
    public void Union(int a, int b)
    {
        int ra = Find(a), rb = Find(b);
        if (ra == rb) return;
        if (_size[ra] < _size[rb]) (ra, rb) = (rb, ra);
        _parent[rb] = ra;
        _size[ra] += _size[rb];
    }
}

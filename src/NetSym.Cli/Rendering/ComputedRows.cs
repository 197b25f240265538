using System.Collections;

namespace NetSym.Cli.Rendering;

/// <summary>
/// Table rows made when they are read, for tables of millions of rows (embed's Φ): the renderers
/// read each row once, so holding them all, three boxed values and a list per row, would only
/// multiply the memory and the garbage collector's work by the table's length.
/// </summary>
internal sealed class ComputedRows(int count, Func<int, IReadOnlyList<ReportValue>> row) : IReadOnlyList<IReadOnlyList<ReportValue>>
{
    /// <inheritdoc />
    public int Count => count;

    /// <inheritdoc />
    public IReadOnlyList<ReportValue> this[int index] =>
        (uint)index < (uint)count ? row(index) : throw new ArgumentOutOfRangeException(nameof(index), index, $"a row index in [0, {count})");

    /// <inheritdoc />
    public IEnumerator<IReadOnlyList<ReportValue>> GetEnumerator()
    {
        for (int i = 0; i < count; i++) yield return row(i);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

namespace NetSym.LinearAlgebra;

/// <summary>A matrix that one .NET array cannot hold; its message gives the shape and the limit.</summary>
/// <param name="rows">Rows asked for.</param>
/// <param name="columns">Columns asked for.</param>
public sealed class MatrixTooLargeException(int rows, int columns)
    : ArgumentException($"a {rows} × {columns} matrix has {(long)rows * columns:N0} entries, more than one array holds ({Array.MaxLength:N0})")
{
    /// <summary>Rows asked for (for a Jacobian: points × outputs).</summary>
    public int Rows { get; } = rows;

    /// <summary>Columns asked for.</summary>
    public int Columns { get; } = columns;
}

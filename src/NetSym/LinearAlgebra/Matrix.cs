namespace NetSym.LinearAlgebra;

/// <summary>
/// A dense row-major matrix of doubles: a batch of inputs (one row per input), outputs, Jacobians.
/// The data array is owned by the matrix; treat a matrix handed out by the library as read-only.
/// </summary>
public sealed class Matrix
{
    /// <summary>Wraps <paramref name="data"/> (not copied) as a rows × columns matrix.</summary>
    public Matrix(int rows, int columns, double[] data)
    {
        if (rows < 0 || columns < 0) throw new ArgumentOutOfRangeException(nameof(rows), "matrix sizes must be non-negative");
        if (data.LongLength != (long)rows * columns)
            throw new ArgumentException($"data has {data.LongLength} entries, expected {rows}×{columns}");
        Rows = rows;
        Columns = columns;
        Data = data;
    }

    /// <summary>A zero matrix.</summary>
    /// <exception cref="MatrixTooLargeException">rows·columns exceeds what one .NET array holds.</exception>
    public Matrix(int rows, int columns) : this(rows, columns, new double[CheckedSize(rows, columns)]) { }

    /// <summary>rows·columns, or a clear error when one array cannot hold that many doubles.</summary>
    public static int CheckedSize(int rows, int columns)
    {
        if (rows < 0 || columns < 0) throw new ArgumentOutOfRangeException(nameof(rows), "matrix sizes must be non-negative");
        long size = (long)rows * columns;
        if (size > Array.MaxLength) throw new MatrixTooLargeException(rows, columns);
        return (int)size;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>The entries, row-major.</summary>
    public double[] Data { get; }

    /// <summary>Entry (i, j).</summary>
    public double this[int i, int j]
    {
        get => Data[(long)i * Columns + j];
        set => Data[(long)i * Columns + j] = value;
    }

    /// <summary>Row i as a span.</summary>
    public Span<double> Row(int i) => Data.AsSpan(checked(i * Columns), Columns);

    /// <summary>Builds a matrix from rows of equal length.</summary>
    public static Matrix FromRows(IReadOnlyList<double[]> rows)
    {
        int n = rows.Count == 0 ? 0 : rows[0].Length;
        var m = new Matrix(rows.Count, n);
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != n) throw new ArgumentException($"row {i} has {rows[i].Length} entries, expected {n}");
            rows[i].CopyTo(m.Row(i));
        }
        return m;
    }
}

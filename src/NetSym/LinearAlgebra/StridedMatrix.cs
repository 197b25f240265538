using System.Numerics.Tensors;

namespace NetSym.LinearAlgebra;

/// <summary>Checks and whole-matrix operations on row-major matrices stored with a row stride.</summary>
internal static class StridedMatrix
{
    /// <summary>Throws unless a span of <paramref name="length"/> holds a rows×columns matrix with row stride ld.</summary>
    public static void Require(int length, int rows, int columns, int ld, string name)
    {
        if (ld < columns) throw new ArgumentException($"row stride {ld} of {name} is shorter than its {columns} columns", name);
        long needed = rows == 0 || columns == 0 ? 0 : (long)(rows - 1) * ld + columns;
        if (length < needed) throw new ArgumentException($"{name} holds {length} entries, a {rows}×{columns} matrix with row stride {ld} needs {needed}", name);
    }

    /// <summary>Throws unless <paramref name="a"/> is exactly a dense, finite m×n matrix.</summary>
    public static void RequireDenseFinite(ReadOnlySpan<double> a, int m, int n)
    {
        if (m < 0 || n < 0) throw new ArgumentException($"matrix sizes must be non-negative, got {m}×{n}");
        if (a.Length != (long)m * n) throw new ArgumentException($"matrix holds {a.Length} entries, expected {m}×{n}", nameof(a));
        if (!a.IsEmpty && !TensorPrimitives.IsFiniteAll(a)) throw new ArgumentException("matrix has a NaN or infinite entry", nameof(a));
    }

    /// <summary>Aᵀ of the dense row-major m×n matrix A, i.e. A stored column-major.</summary>
    public static double[] Transpose(ReadOnlySpan<double> a, int m, int n)
    {
        const int Tile = 32; // tiles keep both the rows read and the rows written in cache
        var t = GC.AllocateUninitializedArray<double>(a.Length);
        for (int i0 = 0; i0 < m; i0 += Tile)
            for (int j0 = 0; j0 < n; j0 += Tile)
                for (int i = i0; i < Math.Min(i0 + Tile, m); i++)
                    for (int j = j0; j < Math.Min(j0 + Tile, n); j++)
                        t[(long)j * m + i] = a[i * n + j];
        return t;
    }

    /// <summary>C ← β·C on the rows×columns matrix; β = 0 clears it (NaN included).</summary>
    public static void Scale(Span<double> c, int rows, int columns, int ld, double beta)
    {
        if (beta == 1) return;
        for (int i = 0; i < rows; i++)
        {
            var row = c.Slice(i * ld, columns);
            if (beta == 0) row.Clear();
            else TensorPrimitives.Multiply(row, beta, row);
        }
    }
}

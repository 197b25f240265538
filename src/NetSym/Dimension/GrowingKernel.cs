using NetSym.LinearAlgebra;

namespace NetSym.Dimension;

/// <summary>
/// The right kernel over F_p of a matrix whose rows arrive in blocks, without eliminating the old rows
/// again: ker [A; B] = K_A · ker(B·K_A) for a basis K_A of ker A, so that
/// rank [A; B] = rank A + rank(B·K_A). Once A has about as many independent rows as columns, K_A is
/// thin and a new block costs one product with it instead of a new elimination of everything.
/// </summary>
internal sealed class GrowingKernel
{
    private readonly LinearAlgebraBackend _backend;
    private Matrix _basis; // one kernel vector per row

    private GrowingKernel(PrimeField field, Matrix basis, LinearAlgebraBackend backend)
    {
        Field = field;
        _basis = basis;
        _backend = backend;
    }

    /// <summary>The prime field.</summary>
    public PrimeField Field { get; }

    /// <summary>n, the number of columns.</summary>
    public int Columns => _basis.Columns;

    /// <summary>The rank mod p of all rows so far: n − dim ker.</summary>
    public int Rank => Columns - _basis.Rows;

    /// <summary>The kernel of <paramref name="rows"/> (residues mod p).</summary>
    public static GrowingKernel Of(PrimeField field, Matrix rows, LinearAlgebraBackend backend) =>
        new(field, ModularKernel.Compute(field, rows, backend).Basis, backend);

    /// <summary>Adds a block of rows (residues mod p): the kernel shrinks to the vectors they also annihilate.</summary>
    public void Add(Matrix rows)
    {
        int k = _basis.Rows, n = Columns;
        if (k == 0 || rows.Rows == 0) return;
        var transposed = Transpose(_basis);
        var product = new Matrix(rows.Rows, k);
        ModularGemm.Multiply(Field, rows.Rows, k, n, rows.Data, n, transposed.Data, k, product.Data, k, _backend);
        var combinations = ModularKernel.Compute(Field, product, _backend).Basis;
        var basis = new Matrix(combinations.Rows, n);
        ModularGemm.Multiply(Field, combinations.Rows, n, k, combinations.Data, k, _basis.Data, n, basis.Data, n, _backend);
        _basis = basis;
    }

    /// <summary>
    /// The kernel's reduced basis, the one <see cref="ModularKernel"/> gives for the whole matrix: vector q
    /// is 1 at free column F[q] and 0 at the other free columns, where the free columns are those whose
    /// matrix column is a combination of the columns before it — equivalently, the columns c where some
    /// kernel vector ends (is non-zero at c and zero after it).
    /// </summary>
    public (Matrix Basis, int[] FreeColumns) Reduced()
    {
        int k = _basis.Rows, n = Columns;
        if (k == 0) return (new Matrix(0, n), []);
        // The columns where kernel vectors end are the pivots of the basis read right to left.
        var reversed = new Matrix(k, n);
        for (int q = 0; q < k; q++)
        {
            var source = _basis.Row(q);
            var target = reversed.Row(q);
            for (int c = 0; c < n; c++) target[n - 1 - c] = source[c];
        }
        int[] free = [.. ModularRank.Compute(Field, reversed, _backend).PivotColumns.Select(c => n - 1 - c).Order()];

        // Reduced = M⁻¹·K for M = K restricted to the free columns (invertible: k independent
        // vectors determined by their values there).
        var m = new Matrix(k, k);
        for (int q = 0; q < k; q++)
            for (int t = 0; t < k; t++) m[q, t] = _basis[q, free[t]];
        var inverse = Inverse(m);
        var reduced = new Matrix(k, n);
        ModularGemm.Multiply(Field, k, n, k, inverse.Data, k, _basis.Data, n, reduced.Data, n, _backend);
        return (reduced, free);
    }

    /// <summary>
    /// M⁻¹ for an invertible k×k M, from the kernel of [M | I]: its pivots are M's columns, and the
    /// basis vector of free column k + c is (−M⁻¹·e_c, e_c).
    /// </summary>
    private Matrix Inverse(Matrix m)
    {
        int k = m.Rows;
        var augmented = new Matrix(k, 2 * k);
        for (int i = 0; i < k; i++)
        {
            m.Row(i).CopyTo(augmented.Row(i));
            augmented[i, k + i] = 1;
        }
        var kernel = ModularKernel.Compute(Field, augmented, _backend);
        if (kernel.Echelon.Rank != k) throw new InvalidOperationException("the kernel basis restricted to its free columns is singular");
        var inverse = new Matrix(k, k);
        for (int c = 0; c < k; c++)
            for (int i = 0; i < k; i++)
                inverse[i, c] = Field.Reduce(-(long)kernel.Basis[c, i]);
        return inverse;
    }

    private static Matrix Transpose(Matrix a)
    {
        var t = new Matrix(a.Columns, a.Rows);
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < a.Columns; j++) t[j, i] = a[i, j];
        return t;
    }
}

namespace NetSym.LinearAlgebra;

/// <summary>
/// A basis of the right kernel {v ∈ F_pⁿ : A·v ≡ 0 (mod p)} of an m×n matrix A, read off its
/// row-echelon form: one vector per non-pivot ("free") column f, equal to 1 at f, 0 at the other
/// free columns, and solved for at the pivot columns: the basis read off the reduced row-echelon
/// form. When the pivot columns mod p are those over Q (so for all but finitely many primes), it
/// is the reduction mod p of the same basis computed over Q.
/// </summary>
/// <remarks>
/// The pivot values come from the block back-substitution U_P·X = −U_F (U_P the r×r upper-triangular
/// block of the echelon form at the pivot columns, U_F its free columns), in modular GEMMs of
/// about 2·r²·(n−r) flops.
/// </remarks>
public sealed class ModularKernel
{
    private ModularKernel(ModularRankResult echelon, int[] freeColumns, Matrix basis)
    {
        Echelon = echelon;
        FreeColumns = freeColumns;
        Basis = basis;
    }

    /// <summary>The rank and pivots of A mod p; the kernel has dimension n − r.</summary>
    public ModularRankResult Echelon { get; }

    /// <summary>The n − r non-pivot columns, increasing; basis vector q is 1 at FreeColumns[q].</summary>
    public IReadOnlyList<int> FreeColumns { get; }

    /// <summary>The basis, one vector per row ((n − r)×n), as residues in [0, p).</summary>
    public Matrix Basis { get; }

    /// <summary>
    /// Basis vector <paramref name="index"/> with each residue lifted to the integer of least
    /// absolute value, in (−p/2, p/2).
    /// </summary>
    /// <remarks>
    /// A heuristic lift, not a certificate: when the pivot columns mod p are those over Q and the
    /// rational kernel vector with this normalization (1 at its free column, 0 at the other free
    /// ones) has integer entries of absolute value below p/2, the lift is that exact vector;
    /// otherwise (fractions, large integers, or a prime at which the pivots differ) it is merely
    /// an integer vector congruent mod p to a kernel vector. Check a lifted vector over Q (A·v = 0 in
    /// exact arithmetic) before relying on it.
    /// </remarks>
    public long[] SymmetricLift(int index)
    {
        long p = Echelon.Field.P;
        return [.. Basis.Row(index).ToArray().Select(r => r > p / 2 ? (long)r - p : (long)r)];
    }

    /// <summary>The kernel mod p of a matrix of residues (integers in [0, p)); the matrix is not modified.</summary>
    /// <exception cref="ArgumentException">An entry is not a residue.</exception>
    public static ModularKernel Compute(PrimeField field, Matrix residues, LinearAlgebraBackend backend) =>
        Compute(field, residues.Data, residues.Rows, residues.Columns, backend);

    /// <summary>The kernel mod p of the row-major rows×columns matrix of residues (integers in [0, p)); not modified.</summary>
    /// <exception cref="ArgumentException">The span does not hold rows·columns entries, or an entry is not a residue.</exception>
    public static ModularKernel Compute(PrimeField field, ReadOnlySpan<double> residues, int rows, int columns,
        LinearAlgebraBackend backend)
    {
        ModularRank.RequireShape(residues.Length, rows, columns);
        var work = GC.AllocateUninitializedArray<double>(residues.Length);
        ResidueWindow.Centered(field).FromResidues(residues, work);
        return FromEchelon(field, work, rows, columns, backend);
    }

    /// <summary>The kernel mod p of a matrix of finite doubles read as dyadic rationals; the matrix is not modified.</summary>
    /// <exception cref="ArgumentException">An entry is NaN or infinite.</exception>
    public static ModularKernel ComputeDyadic(PrimeField field, Matrix values, LinearAlgebraBackend backend)
    {
        return FromEchelon(field, DyadicResidues.Centered(field, values.Data), values.Rows, values.Columns, backend);
    }

    private static ModularKernel FromEchelon(PrimeField field, Span<double> a, int m, int n, LinearAlgebraBackend backend)
    {
        var elimination = new ModularElimination(field, a, m, n, backend);
        int r = elimination.Run();
        var window = elimination.Window;
        int[] pivots = elimination.PivotColumns;
        var echelon = new ModularRankResult(field, m, n, r, pivots, elimination.PivotRows);
        int[] free = [.. Enumerable.Range(0, n).Except(pivots)];
        int f = free.Length;

        // X (r×f) starts as −U_F; U's row t vanishes at free columns left of its pivot.
        var x = new double[(long)r * f];
        for (int t = 0; t < r; t++)
            for (int q = 0; q < f; q++) x[t * f + q] = -a[t * n + free[q]];
        SolveUpperTriangular(field, window, a, n, pivots, x, f, backend);

        var basis = new Matrix(f, n);
        for (int q = 0; q < f; q++)
        {
            var v = basis.Row(q);
            v[free[q]] = 1;
            for (int t = 0; t < r; t++) v[pivots[t]] = window.ToResidue(x[t * f + q]);
        }
        return new ModularKernel(echelon, free, basis);
    }

    /// <summary>
    /// X ← U_P⁻¹·X for U_P[t, s] = U[t, pivots[s]] (upper triangular, non-zero diagonal), by row
    /// blocks from the bottom: X_I ← U_II⁻¹·(X_I − U_I,below·X_below).
    /// </summary>
    private static void SolveUpperTriangular(PrimeField field, ResidueWindow window, ReadOnlySpan<double> a, int n,
        int[] pivots, double[] x, int f, LinearAlgebraBackend backend)
    {
        int r = pivots.Length;
        if (r == 0 || f == 0) return;
        int block = Math.Min(ModularElimination.DefaultPanel, window.ExactDepth);
        var coupling = new double[(long)Math.Min(block, r) * r];
        var unit = new double[block * block];
        var inverse = new double[block * block];
        var scratch = new double[block * block];
        var product = new double[(long)Math.Min(block, r) * f];
        for (int end = r; end > 0; end -= block)
        {
            int start = Math.Max(0, end - block), size = end - start, rest = r - end;
            var xBlock = x.AsSpan(start * f, size * f);
            if (rest > 0)
            {
                for (int i = 0; i < size; i++)
                    for (int s = 0; s < rest; s++) coupling[i * rest + s] = a[(start + i) * n + pivots[end + s]];
                ModularGemm.Update(window, accumulate: true, subtract: true, size, f, rest,
                    coupling, rest, x.AsSpan(end * f), f, xBlock, f, backend);
            }
            // U_II = D·V with D its diagonal and V unit upper triangular: U_II⁻¹·X_I = V⁻¹·(D⁻¹·X_I).
            for (int i = 0; i < size; i++)
            {
                double inverseDiagonal = window.Inverse(field, a[(start + i) * n + pivots[start + i]]);
                for (int j = i + 1; j < size; j++)
                    unit[i * size + j] = window.Multiply(a[(start + i) * n + pivots[start + j]], inverseDiagonal);
                var row = xBlock.Slice(i * f, f);
                for (int q = 0; q < f; q++) row[q] = window.Multiply(row[q], inverseDiagonal);
            }
            ModularTriangular.InvertUnitUpper(window, unit, size, inverse, scratch);
            ModularGemm.Update(window, accumulate: false, subtract: false, size, f, size, inverse, size, xBlock, f, product, f, backend);
            product.AsSpan(0, size * f).CopyTo(xBlock);
        }
    }
}

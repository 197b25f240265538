namespace NetSym.LinearAlgebra;

/// <summary>
/// Row-echelon form over F_p, in place, of a row-major m×n matrix of centered representatives:
/// Gaussian elimination with row swaps, columns taken left to right, a column with no non-zero
/// entry left below the pivots skipped (it is a combination of the pivot columns before it).
/// </summary>
/// <remarks>
/// <para>
/// Blocked so that almost all arithmetic is modular GEMM on the floating-point backend. Panels
/// of <c>panel</c> columns are taken left to right; within a panel, the columns [a, c) are split
/// in halves recursively: the left half is eliminated, which yields k pivots with unit
/// lower-triangular multipliers L₁₁ (k×k) above L₂₁; the right half is brought up to date by
/// U₁₂ = L₁₁⁻¹·A₁₂ and A₂₂ ← A₂₂ − L₂₁·U₁₂ (two modular GEMMs, L₁₁⁻¹ formed directly since k is
/// small), and then eliminated in turn. Blocks of at most <see cref="ScalarWidth"/> columns are
/// eliminated entry by entry. A finished panel updates all the columns to its right the same way.
/// </para>
/// <para>
/// Delayed reduction (as in FFLAS): the trailing matrix right of the panels is not reduced after
/// each panel's update but only when the products it has accumulated would leave the exactly
/// representable range, and otherwise just where it is read: the next panel, and the pivot rows
/// that feed the next update.
/// </para>
/// <para>
/// On return the first r rows hold the echelon form U: row t has its pivot at PivotColumns[t],
/// its entries to the right are U's (reduced), its entries in earlier pivot columns are
/// multipliers (L's) and its entries in earlier non-pivot columns are zero. Rows are physically
/// swapped, whole, as pivots are chosen, so L and U always describe the rows in their current order.
/// </para>
/// </remarks>
internal ref struct ModularElimination
{
    /// <summary>Blocks this narrow are eliminated entry by entry: a GEMM would cost more in calls than it saves.</summary>
    private const int ScalarWidth = 8;

    /// <summary>The widest panel whose update is one GEMM; GEMMs of this depth run near the backend's peak.</summary>
    public const int DefaultPanel = 256;

    private readonly Span<double> _a;
    private readonly int _m, _n;
    private readonly PrimeField _field;
    private readonly ResidueWindow _window;
    private readonly LinearAlgebraBackend _backend;
    private readonly int _panel;
    private readonly int[] _rowOrigin;
    private readonly int[] _pivotColumn;
    private readonly double[] _swap, _lower, _inverse, _upper;
    private double[]? _below;

    /// <summary>Prepares to eliminate the m×n matrix <paramref name="a"/> (centered representatives, overwritten).</summary>
    public ModularElimination(PrimeField field, Span<double> a, int m, int n, LinearAlgebraBackend backend, int panel = DefaultPanel)
    {
        _a = a;
        _m = m;
        _n = n;
        _field = field;
        _window = ResidueWindow.Centered(field);
        _backend = backend;
        _panel = Math.Max(ScalarWidth, Math.Min(panel, _window.ExactDepth));
        _rowOrigin = [.. Enumerable.Range(0, m)];
        _pivotColumn = new int[Math.Min(m, n)];
        int widest = Math.Min(_panel, n);
        _swap = new double[n];
        _lower = new double[widest * widest];
        _inverse = new double[widest * widest];
        _upper = new double[(long)widest * n <= Array.MaxLength ? widest * n : throw new ArgumentException("matrix too wide")];
    }

    /// <summary>The window the matrix's entries live in.</summary>
    public readonly ResidueWindow Window => _window;

    /// <summary>Eliminates and returns the rank r; see <see cref="PivotColumns"/> and <see cref="PivotRows"/>.</summary>
    /// <param name="progress">
    /// Told after each panel the share of the work done, 1 − (m − t)/m · (n − c)/n after c columns and
    /// t pivots: a panel's update costs in proportion to the rows below its pivots times the columns
    /// right of it, so the early panels take the most time, and the share reaches 1 when the rows run
    /// out before the columns do.
    /// </param>
    public int Run(Action<double>? progress = null)
    {
        int t = 0;
        int pending = 0; // products accumulated, unreduced, in rows [t, m) right of the current panel
        for (int a = 0; a < _n && t < _m; a += _panel)
        {
            int c = Math.Min(a + _panel, _n);
            if (pending > 0) _window.Reduce(_a[(t * _n + a)..], _m - t, c - a, _n);
            int k = Factor(t, a, c);
            if (k > 0 && c < _n)
            {
                if (pending > 0) _window.Reduce(_a[(t * _n + c)..], k, _n - c, _n);
                if (pending + k > _window.ExactDepth && t + k < _m)
                {
                    _window.Reduce(_a[((t + k) * _n + c)..], _m - t - k, _n - c, _n);
                    pending = 0;
                }
                UpdateRight(t, k, c, _n, delayReduction: true);
                pending += k;
            }
            t += k;
            progress?.Invoke(1 - (double)(_m - t) / _m * (_n - c) / _n);
        }
        Rank = t;
        return Rank;
    }

    /// <summary>The rank over F_p (after <see cref="Run"/>).</summary>
    public int Rank { get; private set; }

    /// <summary>The column of each pivot, increasing: the leftmost r columns independent mod p.</summary>
    public readonly int[] PivotColumns => _pivotColumn[..Rank];

    /// <summary>The original index of the row now at each pivot position: those rows are independent mod p.</summary>
    public readonly int[] PivotRows => _rowOrigin[..Rank];

    /// <summary>Eliminates columns [a, c) on rows [t0, m), whose entries are up to date; returns how many pivots it found.</summary>
    private int Factor(int t0, int a, int c)
    {
        if (t0 == _m || a == c) return 0;
        if (c - a <= ScalarWidth) return FactorEntrywise(t0, a, c);
        int split = a + (c - a) / 2;
        int left = Factor(t0, a, split);
        if (left > 0) UpdateRight(t0, left, split, c, delayReduction: false);
        return left + Factor(t0 + left, split, c);
    }

    private int FactorEntrywise(int t0, int a, int c)
    {
        int t = t0;
        for (int j = a; j < c && t < _m; j++)
        {
            int pivot = t;
            while (pivot < _m && _a[pivot * _n + j] == 0) pivot++;
            if (pivot == _m) continue;
            if (pivot != t) SwapRows(t, pivot);
            _pivotColumn[t] = j;
            double inverse = _window.Inverse(_field, _a[t * _n + j]);
            ReadOnlySpan<double> pivotRow = _a.Slice(t * _n + j + 1, c - j - 1);
            for (int i = t + 1; i < _m; i++)
            {
                var row = _a.Slice(i * _n + j, c - j);
                if (row[0] == 0) continue;
                double factor = _window.Multiply(row[0], inverse);
                row[0] = factor;
                for (int q = 1; q < row.Length; q++) row[q] = _window.Reduce(row[q] - factor * pivotRow[q - 1]);
            }
            t++;
        }
        return t - t0;
    }

    /// <summary>
    /// Applies the k pivots found at rows [t0, t0+k) to columns [b, c): U₁₂ = L₁₁⁻¹·A₁₂, A₂₂ −= L₂₁·U₁₂,
    /// A₂₂ left unreduced when <paramref name="delayReduction"/> (the caller tracks its depth).
    /// </summary>
    private void UpdateRight(int t0, int k, int b, int c, bool delayReduction)
    {
        int width = c - b;
        var pivots = _pivotColumn.AsSpan(t0, k);
        if (k > 1)
        {
            for (int i = 0; i < k; i++)
                for (int s = 0; s < i; s++)
                    _lower[i * k + s] = _a[(t0 + i) * _n + pivots[s]];
            ModularTriangular.InvertUnitLower(_window, _lower, k, _inverse);
            ModularGemm.Update(_window, accumulate: false, subtract: false, k, width, k,
                _inverse, k, _a[(t0 * _n + b)..], _n, _upper, width, _backend);
            for (int i = 0; i < k; i++) _upper.AsSpan(i * width, width).CopyTo(_a.Slice((t0 + i) * _n + b, width));
        }
        int below = _m - t0 - k;
        if (below == 0) return;
        ReadOnlySpan<double> lower;
        int ldl;
        if (pivots[k - 1] - pivots[0] == k - 1)
        {
            lower = _a[((t0 + k) * _n + pivots[0])..]; // pivot columns adjacent: L₂₁ is a block of A itself
            ldl = _n;
        }
        else
        {
            _below ??= new double[(long)_m * _panel <= Array.MaxLength ? _m * _panel : throw new ArgumentException("matrix too tall")];
            for (int i = 0; i < below; i++)
            {
                int row = (t0 + k + i) * _n;
                for (int s = 0; s < k; s++) _below[i * k + s] = _a[row + pivots[s]];
            }
            lower = _below;
            ldl = k;
        }
        if (delayReduction)
            ModularGemm.AccumulateUnreduced(subtract: true, below, width, k,
                lower, ldl, _a[(t0 * _n + b)..], _n, _a[((t0 + k) * _n + b)..], _n, _backend);
        else
            ModularGemm.Update(_window, accumulate: true, subtract: true, below, width, k,
                lower, ldl, _a[(t0 * _n + b)..], _n, _a[((t0 + k) * _n + b)..], _n, _backend);
    }

    private readonly void SwapRows(int i, int j)
    {
        var first = _a.Slice(i * _n, _n);
        var second = _a.Slice(j * _n, _n);
        first.CopyTo(_swap);
        second.CopyTo(first);
        _swap.CopyTo(second);
        (_rowOrigin[i], _rowOrigin[j]) = (_rowOrigin[j], _rowOrigin[i]);
    }
}

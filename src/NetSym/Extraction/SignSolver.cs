using NetSym.LinearAlgebra;

namespace NetSym.Extraction;

/// <summary>
/// The signs of one hidden layer from the affine map it feeds (the output, or the next hidden layer's
/// pre-activations, written x below for the layer's input). With every hyperplane at an arbitrary
/// orientation, f = Σ α_j·ReLU(ŵ_j·x + b̂_j) + L·x + c exactly (<see cref="FeatureFit"/>); a network
/// without skip connections has no linear term, and a unit of the opposite orientation contributes
/// −α_j·ŵ_jᵀ to L (ReLU(−z) = ReLU(z) − z). So the flipped set F solves
/// Σ_j s_j·α_j·ŵ_jᵀ = −L with s ∈ {0,1}ⁿ: m·d linear equations in n unknowns.
/// </summary>
/// <remarks>
/// The sign is not a local quantity: across a kink the Jacobian jumps by V_j·w_jᵀ, which is also
/// (−V_j)·(−w_j)ᵀ, so no measurement at the kink tells the two apart; only the global linear part
/// does. When the n rank-one matrices α_j·ŵ_jᵀ are independent (generic for n ≤ m·d) the system
/// fixes s by itself; otherwise its solutions form s₀ + a kernel of dimension k = n − rank, and the
/// 2^k assignments of the free unknowns are enumerated (Gray code, one vector update each), keeping
/// those whose dependent unknowns come out 0 or 1 — polynomial for bounded k, and exactly the
/// subset-sum nature of the problem for large k.
/// </remarks>
internal static class SignSolver
{
    /// <summary>How far from 0 or 1 a solved unknown may lie.</summary>
    private const double IntegerTolerance = 1e-3;

    /// <summary>Largest ‖Y·s + l‖ relative to ‖l‖ + Σ‖y_j‖ for a solution.</summary>
    private const double ResidualTolerance = 1e-6;

    /// <summary>
    /// Which units are flipped (true: the unit is ReLU(−ŵ·x − b̂)), or the reason there is no single
    /// answer; <c>Free</c> is the number of unknowns enumerated.
    /// </summary>
    /// <param name="alphas">n × m: the coefficient of each unit's ReLU feature on each output.</param>
    /// <param name="linear">d × m: Lᵀ, the coefficient of each input on each output.</param>
    /// <param name="planes">The n hyperplanes at their current orientation.</param>
    /// <param name="maxFree">The most free unknowns to enumerate.</param>
    /// <param name="unsettled">
    /// Per output, directions along which its linear part is not known (a deeper unit's coefficient on a
    /// unit that its surface saw on one side only moves its skip terms along that unit's normal): its
    /// equations are kept across the rest. Null (or a null entry): none.
    /// </param>
    /// <param name="missing">
    /// A unit of the layer that was not found, with these weights (up to scale) into the outputs: each
    /// output's linear part then holds that multiple of its normal ω, unknown; the equations are kept across
    /// those terms, and ω is returned as <c>Missing</c> (on the same scale: output k's linear part holds
    /// missing[k]·ω). Null: none.
    /// </param>
    public static (bool[]? Flipped, int Free, string? Problem, double[]? Missing) Solve(Matrix alphas, Matrix linear, IReadOnlyList<Hyperplane> planes, int maxFree, IReadOnlyList<double[]>[]? unsettled = null, double[]? missing = null)
    {
        int n = alphas.Rows, m = alphas.Columns, d = linear.Rows;
        var y = new Matrix(m * d, n);
        var target = new Matrix(m * d, 1);
        var shared = new Matrix(m * d, missing is null ? 0 : d);
        for (int k = 0; k < m; k++)
        {
            var across = Orthonormal(unsettled?[k] ?? []);
            var block = new double[d];
            for (int i = 0; i < d; i++) block[i] = -linear[i, k];
            Project(block, across);
            for (int i = 0; i < d; i++) target[k * d + i, 0] = block[i];
            for (int j = 0; j < n; j++)
            {
                for (int i = 0; i < d; i++) block[i] = alphas[j, k] * planes[j].Normal[i];
                Project(block, across);
                for (int i = 0; i < d; i++) y[k * d + i, j] = block[i];
            }
            for (int c = 0; c < shared.Columns; c++)
            {
                Array.Clear(block);
                block[c] = missing![k];
                Project(block, across);
                for (int i = 0; i < d; i++) shared[k * d + i, c] = block[i];
            }
        }
        // The missing unit's terms take any value along its columns: the equations are solved across them.
        var (full, fullTarget) = (y, target);
        if (shared.Columns > 0)
        {
            var span = Orthonormal([.. Enumerable.Range(0, shared.Columns).Select(c => Column(shared, c))]);
            target = Projected(target, span);
            y = Projected(y, span);
        }
        double scale = Math.Sqrt(target.Data.Sum(v => v * v));
        for (int j = 0; j < n; j++)
        {
            double norm = 0;
            for (int r = 0; r < m * d; r++) norm += y[r, j] * y[r, j];
            scale += Math.Sqrt(norm);
        }

        var basis = LeastSquares.Solve(y, target);
        int rank = basis.Rank;
        int[] pivots = basis.IndependentColumns;
        int[] free = [.. Enumerable.Range(0, n).Except(pivots)];
        if (free.Length > maxFree)
            return (null, free.Length, $"the sign system leaves {free.Length} of {n} unknowns free (rank {rank} of {m}×{d} equations); enumerating 2^{free.Length} sign patterns exceeds the limit 2^{maxFree}", null);

        // Dependent unknowns as an affine function of the free ones: s_P = z0 − Σ_f s_f·z_f.
        var dependent = new Matrix(m * d, rank);
        var rhs = new Matrix(m * d, 1 + free.Length);
        for (int r = 0; r < m * d; r++)
        {
            for (int c = 0; c < rank; c++) dependent[r, c] = y[r, pivots[c]];
            rhs[r, 0] = target[r, 0];
            for (int f = 0; f < free.Length; f++) rhs[r, 1 + f] = y[r, free[f]];
        }
        var z = LeastSquares.Solve(dependent, rhs).Solution;

        var current = new double[rank];
        for (int c = 0; c < rank; c++) current[c] = z[c, 0];
        var freeBits = new bool[free.Length];
        bool[]? answer = null;
        int answers = 0;
        long patterns = 1L << free.Length;
        for (long step = 0; step < patterns; step++)
        {
            if (step > 0)
            {
                // Gray code: pattern step differs from step − 1 in bit tz(step).
                int bit = System.Numerics.BitOperations.TrailingZeroCount(step);
                freeBits[bit] = !freeBits[bit];
                double sign = freeBits[bit] ? -1 : 1;
                for (int c = 0; c < rank; c++) current[c] += sign * z[c, 1 + bit];
            }
            if (!current.All(v => Math.Abs(v) <= IntegerTolerance || Math.Abs(v - 1) <= IntegerTolerance)) continue;
            var s = new bool[n];
            for (int c = 0; c < rank; c++) s[pivots[c]] = current[c] > 0.5;
            for (int f = 0; f < free.Length; f++) s[free[f]] = freeBits[f];
            if (Residual(y, target, s) > ResidualTolerance * scale) continue;
            answers++;
            answer ??= s;
        }
        double[]? normal = null;
        if (answers == 1 && shared.Columns > 0)
        {
            var rest = new Matrix(m * d, 1);
            for (int r = 0; r < m * d; r++)
            {
                // The target is −L: what the flips leave of it is −β_k·ω.
                rest[r, 0] = -fullTarget[r, 0];
                for (int j = 0; j < n; j++) if (answer![j]) rest[r, 0] += full[r, j];
            }
            normal = [.. LeastSquares.Solve(shared, rest).Solution.Data];
        }
        return answers switch
        {
            1 => (answer, free.Length, null, normal),
            0 => (null, free.Length, "no choice of unit orientations explains the linear part of the map the layer feeds (f, or the next layer's skip terms): a unit of the layer is missing or wrong, or f is not a ReLU network", null),
            _ => (null, free.Length, $"{answers} choices of unit orientations explain f equally well: the signs are not determined by these measurements", null),
        };
    }

    /// <summary>An orthonormal basis of the span of <paramref name="vectors"/> (Gram–Schmidt, twice for rounding).</summary>
    internal static List<double[]> Orthonormal(IReadOnlyList<double[]> vectors)
    {
        var basis = new List<double[]>();
        foreach (var v in vectors)
        {
            var u = v.ToArray();
            double norm = Math.Sqrt(PrefixPoint.Dot(u, u));
            Project(u, basis);
            Project(u, basis);
            double left = Math.Sqrt(PrefixPoint.Dot(u, u));
            if (!(left > 1e-9 * norm)) continue;
            for (int i = 0; i < u.Length; i++) u[i] /= left;
            basis.Add(u);
        }
        return basis;
    }

    private static double[] Column(Matrix matrix, int c)
    {
        var column = new double[matrix.Rows];
        for (int r = 0; r < matrix.Rows; r++) column[r] = matrix[r, c];
        return column;
    }

    /// <summary><paramref name="matrix"/> with each column projected off the orthonormal <paramref name="basis"/>.</summary>
    private static Matrix Projected(Matrix matrix, List<double[]> basis)
    {
        var result = new Matrix(matrix.Rows, matrix.Columns);
        for (int c = 0; c < matrix.Columns; c++)
        {
            var column = Column(matrix, c);
            Project(column, basis);
            for (int r = 0; r < matrix.Rows; r++) result[r, c] = column[r];
        }
        return result;
    }

    /// <summary>Removes from <paramref name="v"/> its components along the orthonormal <paramref name="basis"/>.</summary>
    internal static void Project(double[] v, List<double[]> basis)
    {
        foreach (var q in basis)
        {
            double c = PrefixPoint.Dot(v, q);
            for (int i = 0; i < v.Length; i++) v[i] -= c * q[i];
        }
    }

    private static double Residual(Matrix y, Matrix target, bool[] s)
    {
        double sum = 0;
        for (int r = 0; r < y.Rows; r++)
        {
            double value = target[r, 0];
            for (int j = 0; j < s.Length; j++) if (s[j]) value -= y[r, j];
            sum += value * value;
        }
        return Math.Sqrt(sum);
    }
}

using NetSym.LinearAlgebra;

namespace NetSym.Extraction;

/// <summary>
/// A unit of layer L that the search missed because it is on wherever that search and the next one looked:
/// its surface lies far out, in a thin cone (nn.Linear-initialised 40-20-10-10-1, seed 1, has one in layer
/// 2 on at more than 99.9 % of standard normal inputs and off in 0.3 % of the directions far out). Every
/// unit u of layer L + 1 then absorbs its pre-activation: u's skip terms over h (layer L's input) hold
/// β_u·ω besides −Σ_{j flipped} α_{j,u}·ŵ_j, ω the missed unit's normal and β_u its weight into u, and
/// no orientation of the units found explains them.
/// </summary>
/// <remarks>
/// Off the span of the found units' normals only β_u·ω is left: the skip terms projected there are of rank
/// one, and give β up to scale (<see cref="OutgoingWeights"/>). The sign solve with that unit's terms
/// (<see cref="SignSolver"/>, <c>missing</c>) then gives the flips and ω. Its bias is where its surface is:
/// where g = ω·h falls furthest below its value near the origin (<see cref="Targets"/>), lines cross it,
/// and a kink of f there whose normal is g's gradient is on it (<see cref="Bias"/>).
/// </remarks>
internal static class MissedOnUnit
{
    /// <summary>The largest second part of the projected skip terms, relative to the first, for rank one.</summary>
    private const double RankOne = 1e-6;

    /// <summary>The projected skip terms must exceed this fraction of the skip terms to be a unit's, not rounding.</summary>
    private const double Significant = 1e-6;

    /// <summary>1 − |cos| between a kink's normal and g's gradient at most, for the kink to be the unit's.</summary>
    private const double Parallel = 1e-6;

    /// <summary>
    /// β up to scale, one entry per unit of layer L + 1 (columns of <paramref name="linear"/>, their skip
    /// terms over h), when the skip terms off the span of <paramref name="planes"/>' normals are of rank one
    /// and not rounding; null otherwise (nothing is missing, or more than one unit, or the normals span h).
    /// </summary>
    public static double[]? OutgoingWeights(Matrix linear, IReadOnlyList<Hyperplane> planes)
    {
        int d = linear.Rows, m = linear.Columns;
        var span = SignSolver.Orthonormal([.. planes.Select(p => p.Normal)]);
        if (span.Count >= d) return null;
        var projected = new double[m][];
        double total = 0, all = 0;
        for (int k = 0; k < m; k++)
        {
            var column = new double[d];
            for (int i = 0; i < d; i++) column[i] = linear[i, k];
            all += PrefixPoint.Dot(column, column);
            SignSolver.Project(column, span);
            projected[k] = column;
            total += PrefixPoint.Dot(column, column);
        }
        if (!(total > Significant * Significant * all)) return null;
        var q = projected.MaxBy(c => PrefixPoint.Dot(c, c))!;
        double qq = PrefixPoint.Dot(q, q), rest = 0;
        var beta = new double[m];
        for (int k = 0; k < m; k++)
        {
            beta[k] = PrefixPoint.Dot(q, projected[k]) / qq;
            for (int i = 0; i < d; i++) rest += Math.Pow(projected[k][i] - beta[k] * q[i], 2);
        }
        return rest <= RankOne * RankOne * total ? beta : null;
    }

    /// <summary>
    /// The <paramref name="count"/> inputs of <paramref name="candidates"/> where g = ω·h, per unit of their
    /// norm, is lowest, and as many where it is highest (ω's sign is not known): where the missed unit is
    /// off, if anywhere, and lines through which cross its surface. No query: h is the prefix's.
    /// </summary>
    public static List<double[]> Targets(NetworkPrefix prefix, double[] omega, Matrix candidates, int count)
    {
        int n = prefix.Widths[^1];
        var rate = new double[candidates.Rows];
        for (int r = 0; r < candidates.Rows; r++)
        {
            var x = candidates.Row(r);
            rate[r] = PrefixPoint.Dot(omega, prefix.At(x).Features.AsSpan(n)) / Math.Sqrt(PrefixPoint.Dot(x, x));
        }
        var order = Enumerable.Range(0, candidates.Rows).OrderBy(r => rate[r]).ToArray();
        return [.. order.Take(count).Concat(order.TakeLast(count)).Select(r => candidates.Row(r).ToArray())];
    }

    /// <summary>
    /// The missed unit's bias b (its surface ω·h + b = 0) when the kink of f at <paramref name="at"/>, whose
    /// normal is <paramref name="normal"/>, is on it: that normal is then g's gradient there, up to scale;
    /// null when it is another surface's.
    /// </summary>
    public static double? Bias(PrefixPoint at, double[] omega, double[] normal, int n)
    {
        var (value, gradient) = at.Unit(new Hyperplane([.. new double[n], .. omega], 0));
        double cos = PrefixPoint.Dot(gradient, normal) / Math.Sqrt(PrefixPoint.Dot(gradient, gradient) * PrefixPoint.Dot(normal, normal));
        return 1 - Math.Abs(cos) <= Parallel ? -value : null;
    }
}

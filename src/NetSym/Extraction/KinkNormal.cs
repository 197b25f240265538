using NetSym.LinearAlgebra;

namespace NetSym.Extraction;

/// <summary>
/// The local normal of a unit's surface from the jump of f's Jacobian across its kink: on the two
/// sides the Jacobians differ by ±(∂f/∂h_j)·∇z_jᵀ (for a first-layer unit of a one-layer network, output
/// column times weight row), a rank-one matrix whose row space is the normal ∇z_j. The sign of the jump cannot be read locally
/// (V·w and (−V)·(−w) give the same jump), so the normal is returned with an arbitrary orientation.
/// </summary>
internal static class KinkNormal
{
    /// <summary>Largest ‖J − J·n·nᵀ‖ / ‖J‖ for the jump to count as rank one.</summary>
    private const double RankOneTolerance = 1e-6;

    /// <summary>
    /// The unit normal n of the jump <paramref name="jump"/> = J_right − J_left, oriented so that its
    /// largest entry is positive; null when the jump is not rank one (two kinks between the probes)
    /// or is below <paramref name="noise"/> in Frobenius norm.
    /// </summary>
    public static double[]? FromJump(Matrix jump, double noise)
    {
        int m = jump.Rows, d = jump.Columns;
        double total = Math.Sqrt(jump.Data.Sum(x => x * x));
        if (!(total > noise)) return null;
        int largest = 0;
        double best = -1;
        for (int k = 0; k < m; k++)
        {
            double norm = 0;
            foreach (double x in jump.Row(k)) norm += x * x;
            if (norm > best) (best, largest) = (norm, k);
        }
        // n ∝ Jᵀ·J·r for the largest row r: every row of a rank-one J is a multiple of n.
        var reference = jump.Row(largest).ToArray();
        var normal = new double[d];
        for (int k = 0; k < m; k++)
        {
            var row = jump.Row(k);
            double weight = 0;
            for (int i = 0; i < d; i++) weight += row[i] * reference[i];
            for (int i = 0; i < d; i++) normal[i] += weight * row[i];
        }
        double length = Math.Sqrt(normal.Sum(x => x * x));
        int top = 0;
        for (int i = 1; i < d; i++) if (Math.Abs(normal[i]) > Math.Abs(normal[top])) top = i;
        double factor = (normal[top] < 0 ? -1 : 1) / length;
        for (int i = 0; i < d; i++) normal[i] *= factor;

        double off = 0;
        for (int k = 0; k < m; k++)
        {
            var row = jump.Row(k);
            double along = 0;
            for (int i = 0; i < d; i++) along += row[i] * normal[i];
            for (int i = 0; i < d; i++) off += (row[i] - along * normal[i]) * (row[i] - along * normal[i]);
        }
        return Math.Sqrt(off) <= RankOneTolerance * total ? normal : null;
    }
}

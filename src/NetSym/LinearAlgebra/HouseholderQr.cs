using System.Numerics.Tensors;

namespace NetSym.LinearAlgebra;

/// <summary>
/// Householder QR with column pivoting (the algorithm of LAPACK's dgeqp2/dlaqp2): A·P = Q·R with
/// |R_00| ≥ |R_11| ≥ … up to rounding. Step i moves the remaining column of largest norm (below
/// row i) to position i and reflects it onto a multiple of e_i. The remaining columns' norms are
/// downdated, ‖x‖² ← ‖x‖² − r_ij², and recomputed once cancellation has cost about half the
/// digits (relative to the norm last computed directly), as dlaqp2 does.
/// </summary>
internal static class HouseholderQr
{
    private static readonly double RecomputeBelow = Math.Sqrt(FloatingPoint.UnitRoundoff);
    private const long ParallelWork = 1 << 15;

    /// <summary>
    /// Factors the column-major m×n matrix in <paramref name="a"/> in place: R in the upper
    /// triangle, the Householder vectors (without their leading 1) below it. Returns the
    /// permutation: entry j is the original column now at position j.
    /// </summary>
    public static int[] Factor(double[] a, int m, int n)
    {
        int[] permutation = [.. Enumerable.Range(0, n)];
        var norm = new double[n];     // norm of column j below the current row
        var computed = new double[n]; // that norm when last computed directly
        for (int j = 0; j < n; j++) norm[j] = computed[j] = TensorPrimitives.Norm(Column(a, m, j, 0));

        for (int i = 0; i < Math.Min(m, n); i++)
        {
            int pivot = i;
            for (int j = i + 1; j < n; j++) if (norm[j] > norm[pivot]) pivot = j;
            if (pivot != i)
            {
                Span<double> left = Column(a, m, i, 0), right = Column(a, m, pivot, 0);
                for (int r = 0; r < m; r++) (left[r], right[r]) = (right[r], left[r]);
                (permutation[i], permutation[pivot]) = (permutation[pivot], permutation[i]);
                norm[pivot] = norm[i];
                computed[pivot] = computed[i];
            }

            double tau = Reflect(Column(a, m, i, i));
            int step = i;
            void Update(int j)
            {
                var v = Column(a, m, step, step);
                var x = Column(a, m, j, step);
                if (tau != 0)
                {
                    // x ← (I − τ·v·vᵀ)·x with v = (1, v[1..]).
                    double w = tau * (x[0] + TensorPrimitives.Dot(v[1..], x[1..]));
                    x[0] -= w;
                    TensorPrimitives.MultiplyAdd(v[1..], -w, x[1..], x[1..]);
                }
                if (norm[j] == 0) return;
                double ratio = Math.Abs(x[0]) / norm[j];
                double left = Math.Max(0, (1 - ratio) * (1 + ratio));
                double drift = left * (norm[j] / computed[j]) * (norm[j] / computed[j]);
                if (drift > RecomputeBelow) norm[j] *= Math.Sqrt(left);
                else norm[j] = computed[j] = TensorPrimitives.Norm(x[1..]);
            }
            if ((long)(m - i) * (n - i - 1) >= ParallelWork) Parallel.For(i + 1, n, Update);
            else for (int j = i + 1; j < n; j++) Update(j);
        }
        return permutation;
    }

    // Turns x into β·e_0 by H = I − τ·v·vᵀ (LAPACK's dlarfg): stores β in x[0] and v[1..] in x[1..], returns τ.
    private static double Reflect(Span<double> x)
    {
        double alpha = x[0], sigma = TensorPrimitives.Norm(x[1..]);
        if (sigma == 0) return 0;
        double beta = -Math.CopySign(double.Hypot(alpha, sigma), alpha);
        TensorPrimitives.Multiply(x[1..], 1 / (alpha - beta), x[1..]);
        x[0] = beta;
        return (beta - alpha) / beta;
    }

    private static Span<double> Column(double[] a, int m, int j, int fromRow) => a.AsSpan(j * m + fromRow, m - fromRow);
}

using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetSym.LinearAlgebra;

/// <summary>
/// Singular values by one-sided (Hestenes) Jacobi: plane rotations X ← X·J orthogonalise the
/// columns of X pairwise until every pair satisfies |x_pᵀx_q| ≤ √L·u·‖x_p‖·‖x_q‖ (u the unit
/// roundoff); the singular values are then the column norms. Rotations are orthogonal, so each
/// value is found to high relative accuracy. Pairs are visited in round-robin order: within a
/// round the pairs are disjoint and run in parallel.
/// </summary>
internal static class OneSidedJacobi
{
    private const int MaxSweeps = 60;
    private const long ParallelWork = 1 << 14;

    /// <summary>
    /// The singular values, non-increasing, of the length×count matrix whose columns lie one after
    /// another in <paramref name="x"/> (overwritten). Entries must be finite and at most about 1 in magnitude.
    /// </summary>
    /// <exception cref="LinearAlgebraException">The sweeps did not converge.</exception>
    public static double[] SingularValues(double[] x, int length, int count)
    {
        double tolerance = Math.Sqrt(length) * FloatingPoint.UnitRoundoff;
        var squares = new double[count];
        int players = count + (count & 1); // an odd count gets a dummy that sits out each round
        int[] seat = [.. Enumerable.Range(0, players)];
        bool parallel = (long)count * length >= ParallelWork;
        for (int sweep = 0; ; sweep++)
        {
            if (sweep == MaxSweeps) throw new LinearAlgebraException($"one-sided Jacobi SVD did not converge in {MaxSweeps} sweeps");
            for (int j = 0; j < count; j++) squares[j] = TensorPrimitives.Dot(Column(x, length, j), Column(x, length, j));
            int rotations = 0;
            for (int round = 0; round < players - 1; round++)
            {
                void Pair(int k)
                {
                    int p = seat[k], q = seat[players - 1 - k];
                    if (p < count && q < count && Rotate(x, length, p, q, squares, tolerance)) Interlocked.Increment(ref rotations);
                }
                if (parallel) Parallel.For(0, players / 2, Pair);
                else for (int k = 0; k < players / 2; k++) Pair(k);
                // Circle method: seat 0 stays, the others move one seat on.
                int last = seat[players - 1];
                Array.Copy(seat, 1, seat, 2, players - 2);
                if (players > 1) seat[1] = last;
            }
            if (rotations == 0) break;
        }
        var values = new double[count];
        for (int j = 0; j < count; j++) values[j] = TensorPrimitives.Norm(Column(x, length, j));
        Array.Sort(values, (u, v) => v.CompareTo(u));
        return values;
    }

    // Orthogonalises columns p and q unless they already are (to tolerance); tracks their squared norms.
    private static bool Rotate(double[] x, int length, int p, int q, double[] squares, double tolerance)
    {
        var xp = Column(x, length, p);
        var xq = Column(x, length, q);
        double alpha = squares[p], beta = squares[q], gamma = TensorPrimitives.Dot(xp, xq);
        if (Math.Abs(gamma) <= tolerance * Math.Sqrt(alpha) * Math.Sqrt(beta)) return false;
        // Rutishauser: t = tan θ is the smaller root of t² + 2ζt − 1 = 0, ζ = (β − α)/(2γ).
        double zeta = (beta - alpha) / (2 * gamma);
        double t = Math.Abs(zeta) > 1e100 ? 0.5 / zeta : Math.CopySign(1, zeta) / (Math.Abs(zeta) + Math.Sqrt(1 + zeta * zeta));
        double c = 1 / Math.Sqrt(1 + t * t), s = c * t;
        Apply(xp, xq, c, s);
        // ‖x_p‖² − tγ and ‖x_q‖² + tγ are exact in exact arithmetic; recompute where they cancel.
        squares[p] = alpha - t * gamma < alpha / 4 ? TensorPrimitives.Dot(xp, xp) : alpha - t * gamma;
        squares[q] = beta + t * gamma < beta / 4 ? TensorPrimitives.Dot(xq, xq) : beta + t * gamma;
        return true;
    }

    // (x, y) ← (c·x − s·y, s·x + c·y); the vector and scalar paths round identically.
    private static void Apply(Span<double> x, Span<double> y, double c, double s)
    {
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double ry = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> vc = Vector256.Create(c), vs = Vector256.Create(s);
            for (; i + 4 <= x.Length; i += 4)
            {
                var a = Vector256.LoadUnsafe(ref rx, (nuint)i);
                var b = Vector256.LoadUnsafe(ref ry, (nuint)i);
                (vc * a - vs * b).StoreUnsafe(ref rx, (nuint)i);
                (vs * a + vc * b).StoreUnsafe(ref ry, (nuint)i);
            }
        }
        for (; i < x.Length; i++)
        {
            double a = x[i], b = y[i];
            x[i] = c * a - s * b;
            y[i] = s * a + c * b;
        }
    }

    private static Span<double> Column(double[] x, int length, int j) => x.AsSpan(j * length, length);
}

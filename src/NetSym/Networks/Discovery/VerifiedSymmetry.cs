using NetSym.Networks;

namespace NetSym.Networks.Discovery;

/// <summary>
/// An affine map (a, b, c, d) with its measured residual as a symmetry of ρ (<see cref="SymmetryVerifier.Residual"/>):
/// a symmetry when the residual is within the tolerance, otherwise a candidate that failed by that much.
/// </summary>
/// <param name="Element">The map: ρ(a·x + b) = c·ρ(x) + d is what was checked.</param>
/// <param name="Residual">The largest relative residual over the verification points.</param>
public sealed record VerifiedSymmetry(AffineSymmetry Element, double Residual)
{
    /// <summary>
    /// Whether two maps agree coordinate by coordinate to <paramref name="tolerance"/>, relative to max(1, |value|);
    /// d relative to max(1, |d|, |c|) too, since an output offset is only as accurate as the output scale c·ρ it is fitted beside.
    /// </summary>
    internal static bool Same(AffineSymmetry x, AffineSymmetry y, double tolerance) =>
        Close(x.A, y.A, tolerance) && Close(x.B, y.B, tolerance) && Close(x.C, y.C, tolerance)
        && Math.Abs(x.D - y.D) <= tolerance * Math.Max(Math.Max(1, Math.Max(Math.Abs(x.D), Math.Abs(y.D))), Math.Max(Math.Abs(x.C), Math.Abs(y.C)));

    /// <summary>Whether two numbers agree to <paramref name="tolerance"/>, relative to max(1, |x|, |y|).</summary>
    internal static bool Close(double x, double y, double tolerance) =>
        Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));

    /// <summary>How near two maps must be to count as one element: far above the refinement's accuracy, far below any spacing of distinct symmetries.</summary>
    internal const double SameElement = 1e-7;
}

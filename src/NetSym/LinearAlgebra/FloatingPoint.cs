namespace NetSym.LinearAlgebra;

/// <summary>
/// The two constants of IEEE 754 binary64 (double) arithmetic that NetSym's tolerances and error
/// bounds are written in. They differ by a factor of two, and each bound names the one it means.
/// </summary>
public static class FloatingPoint
{
    /// <summary>
    /// ε = 2^−52 ≈ 2.22e−16, the machine epsilon: the spacing of doubles at 1 (the next double after 1
    /// is 1 + ε). NumPy's <c>finfo(float64).eps</c> and C's <c>DBL_EPSILON</c>; the ε of NumPy's default
    /// rank tolerance (<see cref="RankPolicy"/>). Not <see cref="double.Epsilon"/>, which is the smallest
    /// subnormal, 2^−1074.
    /// </summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// u = 2^−53 = ε/2 ≈ 1.11e−16, the unit roundoff: the largest relative error of one rounding to
    /// nearest, |fl(x) − x| ≤ u·|x| for x in the normal range. Higham's u and LAPACK's
    /// <c>dlamch('Epsilon')</c>; the u of error bounds such as γ_n = n·u/(1 − n·u).
    /// </summary>
    public const double UnitRoundoff = 1.1102230246251565e-16;
}

using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>
/// The clamps ρ(x) = min(max(x, lo), hi) as one computation shared by hardtanh and ReLU6: exact, NaN
/// passed through, a signed zero kept (Math.Clamp's rule); ρ' = 1 strictly inside (lo, hi), else 0.
/// </summary>
internal static class ClampOperator
{
    public static double Value(double x, double lo, double hi) => double.IsNaN(x) ? x : Math.Clamp(x, lo, hi);

    public static Vector256<double> Value(Vector256<double> x, double lo, double hi)
    {
        var low = Vector256.Create(lo);
        var high = Vector256.Create(hi);
        return Vector256.ConditionalSelect(Vector256.LessThan(x, low), low, Vector256.ConditionalSelect(Vector256.GreaterThan(x, high), high, x));
    }

    public static double Derivative(double x, double lo, double hi) => x > lo && x < hi ? 1 : 0;

    public static Vector256<double> Derivative(Vector256<double> x, double lo, double hi) =>
        Vector256.ConditionalSelect(
            Vector256.GreaterThan(x, Vector256.Create(lo)) & Vector256.LessThan(x, Vector256.Create(hi)),
            Vector256<double>.One, Vector256<double>.Zero);
}

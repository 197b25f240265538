using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>
/// eˣ in every lane, made only of IEEE operations and explicit fused multiply-adds, so its bits do not
/// depend on the JIT tier or the instruction set (<c>Vector256.Exp</c> uses MultiplyAddEstimate, which
/// may or may not fuse: the same input gave different bits in a span and alone).
/// </summary>
/// <remarks>
/// x = k·ln 2 + r with |r| ≤ ½ln 2 (Cody–Waite, fdlibm's split of ln 2), e^r by its Taylor polynomial
/// of degree 13 (truncation below 5·10⁻¹⁸), then the scaling by 2^k in two halves so that results
/// down to the subnormal range come out right. Accurate to about 1 ulp for x in [−1400, 709.78];
/// callers keep x there.
/// </remarks>
internal static class VectorExp
{
    public static Vector256<double> Exp(Vector256<double> x)
    {
        // Adding 1.5·2⁵² rounds x/ln 2 to an integer k (ties to even) held in the low bits.
        var shifter = Vector256.Create(6755399441055744.0);
        var t = Vector256.FusedMultiplyAdd(x, Vector256.Create(1.4426950408889634), shifter);
        var k = t - shifter;
        var r = Vector256.FusedMultiplyAdd(-k, Vector256.Create(6.93147180369123816490e-01), x);
        r = Vector256.FusedMultiplyAdd(-k, Vector256.Create(1.90821492927058770002e-10), r);
        // 1/n! for n = 13 … 2, rounded to nearest (Python's 1/math.factorial(n)).
        var p = Vector256.Create(1.6059043836821613e-10);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(2.08767569878681e-09));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(2.505210838544172e-08));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(2.755731922398589e-07));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(2.7557319223985893e-06));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(2.48015873015873e-05));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.0001984126984126984));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.001388888888888889));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.008333333333333333));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.041666666666666664));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.16666666666666666));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<double>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<double>.One);
        var ki = t.AsInt64() - Vector256.Create(0x4338000000000000L);
        var k1 = Vector256.ShiftRightArithmetic(ki, 1);
        var bias = Vector256.Create(1023L);
        return p * Vector256.ShiftLeft(k1 + bias, 52).AsDouble() * Vector256.ShiftLeft(ki - k1 + bias, 52).AsDouble();
    }
}

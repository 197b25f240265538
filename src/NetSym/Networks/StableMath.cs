namespace NetSym.Networks;

/// <summary>
/// log(1 + z) and eˣ − 1 accurate to a few ulps for every argument. .NET's <c>double.LogP1</c> and
/// <c>double.ExpM1</c> are log(z + 1) and exp(x) − 1, which lose every digit for tiny arguments.
/// </summary>
internal static class StableMath
{
    /// <summary>
    /// log(1 + z) by Goldberg's correction (1991, Theorem 4): with u = fl(1 + z), log(u)·z/(u − 1)
    /// divides out the rounding of 1 + z; u = 1 means |z| is below half an ulp of 1, where log(1 + z) = z to rounding.
    /// </summary>
    public static double Log1P(double z)
    {
        double u = 1 + z;
        if (u == 1) return z;
        if (double.IsPositiveInfinity(u)) return u;
        return Math.Log(u) * z / (u - 1);
    }

    /// <summary>
    /// eˣ − 1 by Kahan's correction: with u = fl(eˣ), (u − 1)·x/log(u) divides out the rounding of
    /// eˣ; u = 1 means eˣ − 1 = x to rounding, and u − 1 = −1 means eˣ is below half an ulp of 1.
    /// </summary>
    public static double ExpM1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1) return x;
        double um1 = u - 1;
        if (um1 == -1 || double.IsPositiveInfinity(u)) return um1;
        return um1 * x / Math.Log(u);
    }
}

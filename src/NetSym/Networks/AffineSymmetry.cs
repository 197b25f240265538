namespace NetSym.Networks;

/// <summary>
/// An affine symmetry (a, b, c, d) of a nonlinearity ρ: ρ(a·x + b) = c·ρ(x) + d for every real x.
/// </summary>
/// <remarks>
/// Vlačić &amp; Bölcskei (2021) show these generate the symmetries of feed-forward architectures.
/// Composition follows the substitution rule: applying (a', b', c', d') inside (a, b, c, d) gives
/// (a·a', a·b' + b, c·c', c·d' + d).
/// </remarks>
public readonly record struct AffineSymmetry(double A, double B, double C, double D)
{
    /// <summary>The trivial symmetry ρ(x) = ρ(x).</summary>
    public static AffineSymmetry Identity => new(1, 0, 1, 0);

    /// <summary>The composition this ∘ other: x ↦ a·(a'·x + b') + b on the inside.</summary>
    public AffineSymmetry Compose(AffineSymmetry other) =>
        new(A * other.A, A * other.B + B, C * other.C, C * other.D + D);

    /// <summary>The inverse element: ρ(x) = (ρ(a·x + b) − d)/c read backwards.</summary>
    public AffineSymmetry Inverse() => new(1 / A, -B / A, 1 / C, -D / C);

    /// <summary>The n-th power (the inverse's |n|-th for n &lt; 0), by repeated squaring: O(log |n|) compositions.</summary>
    public AffineSymmetry Power(long n)
    {
        var step = n < 0 ? Inverse() : this;
        var result = Identity;
        for (ulong k = n < 0 ? (ulong)(-(n + 1)) + 1 : (ulong)n; k > 0; k >>= 1)
        {
            if ((k & 1) == 1) result = result.Compose(step);
            step = step.Compose(step);
        }
        return result;
    }

    /// <summary>Whether this is the identity element.</summary>
    public bool IsIdentity => A == 1 && B == 0 && C == 1 && D == 0;

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"({A:R}, {B:R}, {C:R}, {D:R})");
}

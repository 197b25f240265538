using System.Globalization;
using NetSym.Randomness;

namespace NetSym.Networks;

/// <summary>
/// The pieces of a piecewise-linear nonlinearity: breakpoints t_1 &lt; … &lt; t_k and slopes s_0 … s_k,
/// slope s_i holding on (t_i, t_{i+1}).
/// </summary>
public sealed record PiecewiseLinearPieces(IReadOnlyList<double> Breakpoints, IReadOnlyList<double> Slopes)
{
    /// <summary>Index of the piece that holds x (a breakpoint belongs to the piece on its right).</summary>
    public int PieceOf(double x)
    {
        int i = 0;
        while (i < Breakpoints.Count && x >= Breakpoints[i]) i++;
        return i;
    }
}

/// <summary>
/// A scalar nonlinearity ρ applied element-wise after an affine map: its value, derivative, shape
/// and affine symmetry group. Instances are immutable and compare equal by <see cref="Spec"/>.
/// </summary>
public abstract class Activation : IEquatable<Activation>
{
    /// <summary>Catalog name without parameters, e.g. "leaky_relu".</summary>
    public abstract string Name { get; }

    /// <summary>Name with parameters as parsed by <see cref="ActivationCatalog.Parse"/>, e.g. "leaky_relu(0.1)".</summary>
    public virtual string Spec => Name;

    /// <summary>ρ(x). NaN in, NaN out.</summary>
    public abstract double Value(double x);

    /// <summary>ρ'(x); at a kink, a one-sided derivative (each activation documents which: ReLU takes 0 at 0, as PyTorch does).</summary>
    public abstract double Derivative(double x);

    /// <summary>Applies ρ in place to every element.</summary>
    public virtual void Apply(Span<double> values)
    {
        for (int i = 0; i < values.Length; i++) values[i] = Value(values[i]);
    }

    /// <summary>Writes ρ'(pre[i]) into <paramref name="destination"/>[i].</summary>
    public virtual void Derivative(ReadOnlySpan<double> pre, Span<double> destination)
    {
        for (int i = 0; i < pre.Length; i++) destination[i] = Derivative(pre[i]);
    }

    /// <summary>The pieces when ρ is piecewise linear, otherwise null.</summary>
    public virtual PiecewiseLinearPieces? Pieces => null;

    /// <summary>Whether ρ is piecewise linear.</summary>
    public bool IsPiecewiseLinear => Pieces is not null;

    /// <summary>The affine symmetries (a,b,c,d) with ρ(a·x+b) = c·ρ(x)+d.</summary>
    public abstract AffineSymmetryGroup Symmetries { get; }

    /// <summary>Whether this is the identity map (a purely affine layer).</summary>
    public bool IsIdentity => this is IdentityActivation;

    /// <inheritdoc />
    public bool Equals(Activation? other) => other is not null && other.Spec == Spec;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Activation);

    /// <inheritdoc />
    public override int GetHashCode() => Spec.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Spec;

    /// <summary>Formats a parameter the way <see cref="Spec"/> and the parser agree on.</summary>
    protected static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A family of positive scalings (λ, 0, λ, 0), λ &gt; 0, shared by positively homogeneous ρ.</summary>
    protected static ContinuousSymmetryFamily PositiveScaling { get; } = new(
        SymmetryFamilyKind.PositiveScaling,
        "(λ, 0, λ, 0), λ > 0",
        1,
        p => new AffineSymmetry(p.Span[0], 0, p.Span[0], 0),
        r => [PortableMath.Exp(r.NextDouble() * 4 - 2)]);
}

namespace NetSym.Networks;

/// <summary>
/// A scalar nonlinearity ρ applied element-wise after an affine map: its value, derivative, shape,
/// interval image, affine symmetry group and ONNX form. Instances are immutable and compare equal by
/// <see cref="Spec"/>. Every activation is an <see cref="Activation{TOp}"/> over a struct operator, so the
/// span methods dispatch once per span to a loop specialised for that operator.
/// </summary>
public abstract class Activation : IEquatable<Activation>
{
    // Only Activation<TOp> derives: every activation is an operator.
    private protected Activation() { }

    /// <summary>Catalog name without parameters, e.g. "leaky_relu".</summary>
    public abstract string Name { get; }

    /// <summary>Name with parameters as parsed by <see cref="ActivationCatalog.Parse"/>, e.g. "leaky_relu(0.1)".</summary>
    public abstract string Spec { get; }

    /// <summary>ρ(x). NaN in, NaN out.</summary>
    public abstract double Value(double x);

    /// <summary>ρ'(x); at a kink, a one-sided derivative (each activation documents which: ReLU takes 0 at 0, as PyTorch does).</summary>
    public abstract double Derivative(double x);

    /// <summary>Applies ρ in place to every element: the same bits as <see cref="Value(double)"/> element by element.</summary>
    public abstract void Apply(Span<double> values);

    /// <summary>Writes ρ'(pre[i]) into <paramref name="destination"/>[i]: the same bits as <see cref="Derivative(double)"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="pre"/>.</exception>
    public abstract void Derivative(ReadOnlySpan<double> pre, Span<double> destination);

    /// <summary>The pieces when ρ is piecewise linear, otherwise null.</summary>
    public abstract PiecewiseLinearPieces? Pieces { get; }

    /// <summary>Whether ρ is piecewise linear.</summary>
    public bool IsPiecewiseLinear => Pieces is not null;

    /// <summary>The affine symmetries (a,b,c,d) with ρ(a·x+b) = c·ρ(x)+d.</summary>
    public abstract AffineSymmetryGroup Symmetries { get; }

    /// <summary>The one ONNX (opset 13) node that computes ρ; null when there is none (e.g. GELU before opset 20) or for the identity, which needs no node.</summary>
    public abstract OnnxActivation? Onnx { get; }

    /// <summary>Whether ρ is the identity map (a purely affine layer): one piece of slope 1 through 0.</summary>
    public bool IsIdentity => Pieces is { Breakpoints.Count: 0, Slopes: [1.0] } && Value(0) == 0;

    /// <summary>Whether ρ = max(x, 0): one kink at 0, slope 0 then 1, ρ(0) = 0 (leaky_relu(0) is one too).</summary>
    public bool IsRelu => Pieces is { Breakpoints: [0.0], Slopes: [0.0, 1.0] } && Value(0) == 0;

    /// <summary>
    /// Whether ρ is positively homogeneous, ρ(λx) = λρ(x) for λ &gt; 0: piecewise linear with no breakpoint
    /// but 0 and ρ(0) = 0, so ρ(z) = s₊·z for z &gt; 0 and s₋·z for z &lt; 0.
    /// </summary>
    public bool IsPositivelyHomogeneous => Pieces is { } pieces && pieces.Breakpoints.All(b => b == 0) && Value(0) == 0;

    /// <summary>
    /// An interval that contains ρ(x) for every x in [<paramref name="lower"/>, <paramref name="upper"/>]: the
    /// exact image, rounded outward by what the computation of ρ may be off by.
    /// </summary>
    public abstract (double Lower, double Upper) Image(double lower, double upper);

    /// <summary>The image of every interval [lower[i], upper[i]], written into <paramref name="imageLower"/>[i] and <paramref name="imageUpper"/>[i].</summary>
    /// <exception cref="ArgumentException">The spans' lengths differ.</exception>
    public abstract void Image(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, Span<double> imageLower, Span<double> imageUpper);

    /// <inheritdoc />
    public bool Equals(Activation? other) => other is not null && other.Spec == Spec;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Activation);

    /// <inheritdoc />
    public override int GetHashCode() => Spec.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Spec;
}

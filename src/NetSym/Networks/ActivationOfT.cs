namespace NetSym.Networks;

/// <summary>
/// An <see cref="Activation"/> computed by the struct operator <typeparamref name="TOp"/>: every span
/// method is one call into a kernel the JIT specialises for <typeparamref name="TOp"/>, so there is no
/// virtual call per element. The operator's shape, symmetries and ONNX form are read once and kept.
/// </summary>
/// <typeparam name="TOp">The operator that holds the mathematics of ρ.</typeparam>
public abstract class Activation<TOp> : Activation where TOp : struct, IActivationOperator
{
    private readonly TOp _op;
    private readonly IReadOnlyList<double> _turningPoints;

    /// <summary>Wraps <paramref name="op"/>.</summary>
    protected Activation(TOp op)
    {
        _op = op;
        Pieces = op.Pieces;
        Onnx = op.Onnx;
        _turningPoints = op.TurningPoints;
    }

    /// <summary>The operator that computes ρ.</summary>
    public TOp Operator => _op;

    /// <inheritdoc />
    public sealed override string Name => _op.Name;

    /// <inheritdoc />
    public sealed override string Spec => _op.Spec;

    /// <inheritdoc />
    public sealed override double Value(double x) => _op.Value(x);

    /// <inheritdoc />
    public sealed override double Derivative(double x) => _op.Derivative(x);

    /// <inheritdoc />
    public sealed override void Apply(Span<double> values) => ActivationKernel.Apply(_op, values);

    /// <inheritdoc />
    public sealed override void Derivative(ReadOnlySpan<double> pre, Span<double> destination) => ActivationKernel.Derivative(_op, pre, destination);

    /// <inheritdoc />
    public sealed override PiecewiseLinearPieces? Pieces { get; }

    /// <inheritdoc />
    // Read through on each use: an expression's group is discovered on first use, not when it is parsed.
    public sealed override AffineSymmetryGroup Symmetries => _op.Symmetries;

    /// <inheritdoc />
    public sealed override OnnxActivation? Onnx { get; }

    /// <inheritdoc />
    public sealed override (double Lower, double Upper) Image(double lower, double upper) =>
        ActivationImage.Of(_op, _turningPoints, lower, upper);

    /// <inheritdoc />
    public sealed override void Image(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, Span<double> imageLower, Span<double> imageUpper)
    {
        if (upper.Length != lower.Length || imageLower.Length != lower.Length || imageUpper.Length != lower.Length)
            throw new ArgumentException("the bounds and their images must have one length");
        for (int i = 0; i < lower.Length; i++)
            (imageLower[i], imageUpper[i]) = ActivationImage.Of(_op, _turningPoints, lower[i], upper[i]);
    }
}

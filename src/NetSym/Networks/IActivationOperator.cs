using System.Runtime.Intrinsics;

namespace NetSym.Networks;

/// <summary>
/// One scalar nonlinearity ρ as a <c>readonly struct</c> operator, in the manner of
/// System.Numerics.Tensors' element-wise operators: the mathematics of ρ (value, derivative, shape,
/// symmetries, interval image, ONNX form) lives here, and generic kernels (<see cref="ActivationKernel"/>,
/// <see cref="ActivationImage"/>) do the looping, specialised by the JIT for each operator.
/// </summary>
/// <remarks>
/// Contract: for every x, <c>Value(Vector256.Create(x))</c> holds <c>Value(x)</c> in every lane, bit for
/// bit, and likewise for <see cref="Derivative(double)"/>, so a span gives the same bits whatever its
/// length and alignment. NaN in, NaN out.
/// </remarks>
public interface IActivationOperator
{
    /// <summary>Catalog name without parameters, e.g. "leaky_relu".</summary>
    string Name { get; }

    /// <summary>Name with parameters as parsed by <see cref="ActivationCatalog.Parse"/>, e.g. "leaky_relu(0.1)".</summary>
    string Spec { get; }

    /// <summary>ρ(x).</summary>
    double Value(double x);

    /// <summary>ρ in every lane: the same bits as <see cref="Value(double)"/> lane by lane.</summary>
    Vector256<double> Value(Vector256<double> x);

    /// <summary>ρ'(x); at a kink, the one-sided derivative the operator documents (ReLU takes 0 at 0, as PyTorch does).</summary>
    double Derivative(double x);

    /// <summary>ρ' in every lane: the same bits as <see cref="Derivative(double)"/> lane by lane.</summary>
    Vector256<double> Derivative(Vector256<double> x);

    /// <summary>The linear pieces when ρ is piecewise linear, otherwise null.</summary>
    PiecewiseLinearPieces? Pieces { get; }

    /// <summary>Points, in increasing order, between which ρ is monotone (the breakpoints of a piecewise-linear ρ).</summary>
    IReadOnlyList<double> TurningPoints { get; }

    /// <summary>How far the computed <see cref="Value(double)"/> may be from the true ρ(x).</summary>
    ValueRounding Rounding { get; }

    /// <summary>The affine symmetries (a, b, c, d) with ρ(a·x + b) = c·ρ(x) + d.</summary>
    AffineSymmetryGroup Symmetries { get; }

    /// <summary>The one ONNX (opset 13) node that computes ρ; null when there is none (GELU) or ρ needs no node (identity).</summary>
    OnnxActivation? Onnx { get; }
}

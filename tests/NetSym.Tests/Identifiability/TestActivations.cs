using System.Runtime.Intrinsics;
using NetSym.Networks;

namespace NetSym.Tests.Identifiability;

/// <summary>ρ(x) = 2·tanh(3x + 0.5) + 1: a tanh form the catalog does not know, for the numerical branch of the tanh-type test.</summary>
internal readonly struct ScaledTanhOperator : IActivationOperator
{
    public string Name => "scaled_tanh";
    public string Spec => Name;
    public double Value(double x) => 2 * Math.Tanh(3 * x + 0.5) + 1;
    public Vector256<double> Value(Vector256<double> x) => Vector256.Create(Value(x[0]), Value(x[1]), Value(x[2]), Value(x[3]));
    public double Derivative(double x) => 6 / (Math.Cosh(3 * x + 0.5) * Math.Cosh(3 * x + 0.5));
    public Vector256<double> Derivative(Vector256<double> x) => Vector256.Create(Derivative(x[0]), Derivative(x[1]), Derivative(x[2]), Derivative(x[3]));
    public PiecewiseLinearPieces? Pieces => null;
    public IReadOnlyList<double> TurningPoints => [];
    public ValueRounding Rounding => ValueRounding.Transcendental;
    public AffineSymmetryGroup Symmetries => AffineSymmetryGroup.Trivial;
    public OnnxActivation? Onnx => null;
}

/// <summary>ρ(x) = arctan x: bounded, odd, analytic, no linear pair, and not a tanh form.</summary>
internal readonly struct ArctanOperator : IActivationOperator
{
    public string Name => "arctan";
    public string Spec => Name;
    public double Value(double x) => Math.Atan(x);
    public Vector256<double> Value(Vector256<double> x) => Vector256.Create(Value(x[0]), Value(x[1]), Value(x[2]), Value(x[3]));
    public double Derivative(double x) => 1 / (1 + x * x);
    public Vector256<double> Derivative(Vector256<double> x) => Vector256.Create(Derivative(x[0]), Derivative(x[1]), Derivative(x[2]), Derivative(x[3]));
    public PiecewiseLinearPieces? Pieces => null;
    public IReadOnlyList<double> TurningPoints => [];
    public ValueRounding Rounding => ValueRounding.Transcendental;
    public AffineSymmetryGroup Symmetries => new([new AffineSymmetry(-1, 0, -1, 0)], []);
    public OnnxActivation? Onnx => null;
}

internal sealed class ScaledTanhActivation() : Activation<ScaledTanhOperator>(default);

internal sealed class ArctanActivation() : Activation<ArctanOperator>(default);

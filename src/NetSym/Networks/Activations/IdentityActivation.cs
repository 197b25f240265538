using NetSym.Randomness;

namespace NetSym.Networks;

/// <summary>ρ(x) = x: an affine layer. Every (a, b, a, b) with a ≠ 0 is a symmetry.</summary>
public sealed class IdentityActivation : Activation
{
    public override string Name => "identity";
    public override double Value(double x) => x;
    public override double Derivative(double x) => 1;
    public override void Apply(Span<double> values) { }
    public override void Derivative(ReadOnlySpan<double> pre, Span<double> destination) => destination[..pre.Length].Fill(1);
    public override PiecewiseLinearPieces Pieces { get; } = new([], [1]);

    public override AffineSymmetryGroup Symmetries { get; } = new(
        [],
        [new ContinuousSymmetryFamily(
            SymmetryFamilyKind.Affine,
            "(a, b, a, b), a ≠ 0",
            2,
            p => new AffineSymmetry(p.Span[0], p.Span[1], p.Span[0], p.Span[1]),
            r => [(r.NextInt32(2) * 2 - 1) * PortableMath.Exp(r.NextDouble() * 4 - 2), r.NextDouble() * 4 - 2])]);
}

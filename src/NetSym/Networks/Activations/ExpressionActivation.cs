using System.Runtime.Intrinsics;
using System.Collections.Concurrent;
using NetSym.Networks.Discovery;
using NetSym.Networks.Expressions;

namespace NetSym.Networks;

/// <summary>
/// ρ given as an expression in x, <c>expr(x/(1+abs(x)))</c>: parsed by NCalc's parser, checked to be
/// finite and not constant (<see cref="ActivationExpression"/>), and evaluated by NetSym's own walk over
/// the tree, ρ' by forward-mode dual numbers (exact up to rounding). Treated as smooth (no
/// <see cref="Pieces"/>, even for max(x, 0)); its image over an interval is enclosed by outward-rounded
/// interval arithmetic over the tree, so there are no <see cref="TurningPoints"/>. Its affine symmetry group
/// is discovered from its values (<see cref="Symmetries"/>). No ONNX form.
/// </summary>
public readonly struct ExpressionOperator : IActivationOperator, IEnclosingActivationOperator
{
    private readonly ActivationExpression _expression;

    internal ExpressionOperator(ActivationExpression expression) => _expression = expression;

    /// <summary>The canonical text of the expression, as the spec holds it.</summary>
    public string Expression => _expression.Text;

    /// <inheritdoc />
    public string Name => "expr";
    /// <inheritdoc />
    public string Spec => $"expr({_expression.Text})";
    /// <inheritdoc />
    public double Value(double x) => double.IsNaN(x) ? x : _expression.Evaluate(x).Value;
    /// <inheritdoc />
    public Vector256<double> Value(Vector256<double> x) => ActivationKernel.Lanes(this, x, derivative: false);
    /// <inheritdoc />
    public double Derivative(double x) => double.IsNaN(x) ? x : _expression.Evaluate(x).Derivative;
    /// <inheritdoc />
    public Vector256<double> Derivative(Vector256<double> x) => ActivationKernel.Lanes(this, x, derivative: true);
    /// <inheritdoc />
    public PiecewiseLinearPieces? Pieces => null;
    /// <inheritdoc />
    public IReadOnlyList<double> TurningPoints => [];
    /// <inheritdoc />
    public ValueRounding Rounding => ValueRounding.Transcendental;
    /// <summary>
    /// The group <see cref="SymmetryDiscovery"/> finds (default options, seed 0), computed on first use and kept per
    /// expression text. When discovery is unresolved, only the verified part, with <see cref="AffineSymmetryGroup.Incomplete"/> saying so.
    /// </summary>
    public AffineSymmetryGroup Symmetries
    {
        get
        {
            var expression = _expression;
            return Discovered.GetOrAdd(expression.Text, _ => new Lazy<AffineSymmetryGroup>(() => Discover(expression))).Value;
        }
    }
    /// <inheritdoc />
    public OnnxActivation? Onnx => null;
    /// <inheritdoc />
    public (double Lower, double Upper) Enclose(double lower, double upper) => _expression.Enclose(lower, upper);

    // Discovery takes a fraction of a second; a network file names the same expression in many layers.
    private static readonly ConcurrentDictionary<string, Lazy<AffineSymmetryGroup>> Discovered = new(StringComparer.Ordinal);

    private static AffineSymmetryGroup Discover(ActivationExpression expression)
    {
        DiscoveryResult result;
        try
        {
            result = SymmetryDiscovery.Discover(x => expression.Evaluate(x).Value, DiscoveryOptions.Default);
        }
        catch (ArgumentException e)
        {
            // ρ is not constant (parsing checked that) but may be so on discovery's grid, e.g. max(x − 100, 0).
            return AffineSymmetryGroup.Trivial with { Incomplete = $"the symmetries of expr({expression.Text}) were not searched ({e.Message}): only the identity is used, and the group may be larger" };
        }
        var group = result.Group.ToAffineSymmetryGroup();
        if (result.Status == DiscoveryStatus.Resolved && group is not null) return group;
        string why = result.Reason is { Length: > 0 } reason ? reason : "its group has a period and a discrete scaling together";
        return (group ?? AffineSymmetryGroup.Trivial) with
        {
            Incomplete = $"the symmetries of expr({expression.Text}) are only those verified, not shown to be all: {why}",
        };
    }
}

/// <summary>An activation given by an expression in x: see <see cref="ExpressionOperator"/>.</summary>
public sealed class ExpressionActivation : Activation<ExpressionOperator>
{
    private ExpressionActivation(ActivationExpression expression) : base(new ExpressionOperator(expression)) { }

    /// <summary>The canonical text of the expression.</summary>
    public string Expression => Operator.Expression;

    /// <summary>
    /// The activation ρ(x) = <paramref name="expression"/>, or null with <paramref name="error"/> saying in
    /// one line why not: it does not parse, names an unknown function or variable, is not finite
    /// somewhere on the real line, or is constant.
    /// </summary>
    public static ExpressionActivation? TryCreate(string expression, out string? error) =>
        ActivationExpression.TryParse(expression, out error) is { } e ? new ExpressionActivation(e) : null;
}

using System.Text;

namespace NetSym.Networks.Expressions;

/// <summary>The functions of one argument an expression may call (and negation).</summary>
internal enum ExpressionFunction
{
    /// <summary>−u.</summary>
    Negate,
    /// <summary>|u|; derivative 0 at 0 (PyTorch's).</summary>
    Abs,
    /// <summary>eᵘ.</summary>
    Exp,
    /// <summary>Natural logarithm.</summary>
    Log,
    /// <summary>√u.</summary>
    Sqrt,
    /// <summary>sin u.</summary>
    Sin,
    /// <summary>cos u.</summary>
    Cos,
    /// <summary>tanh u.</summary>
    Tanh,
    /// <summary>sinh u.</summary>
    Sinh,
    /// <summary>cosh u.</summary>
    Cosh,
    /// <summary>arctan u.</summary>
    Atan,
    /// <summary>The error function.</summary>
    Erf,
    /// <summary>−1, 0 or 1; derivative 0.</summary>
    Sign,
}

/// <summary>One function of one argument applied to a node.</summary>
internal sealed class FunctionNode(ExpressionFunction function, ExpressionNode argument) : ExpressionNode
{
    private static readonly double TwoOverSqrtPi = 2 / Math.Sqrt(Math.PI);

    /// <summary>The function.</summary>
    public ExpressionFunction Function => function;

    /// <inheritdoc />
    public override Dual Evaluate(double x)
    {
        var u = argument.Evaluate(x);
        double v = u.Value;
        switch (function)
        {
            case ExpressionFunction.Negate: return new(-v, -u.Derivative);
            case ExpressionFunction.Abs: return new(Math.Abs(v), v > 0 ? u.Derivative : v < 0 ? -u.Derivative : 0);
            case ExpressionFunction.Exp: { double e = Math.Exp(v); return Dual.Chain(e, e, u); }
            case ExpressionFunction.Log: return Dual.Chain(Math.Log(v), 1 / v, u);
            case ExpressionFunction.Sqrt: { double s = Math.Sqrt(v); return Dual.Chain(s, 0.5 / s, u); }
            case ExpressionFunction.Sin: return Dual.Chain(Math.Sin(v), Math.Cos(v), u);
            case ExpressionFunction.Cos: return Dual.Chain(Math.Cos(v), -Math.Sin(v), u);
            // 1/cosh² rather than 1 − tanh², which cancels to 0 for |u| > 19 where the true slope is 10⁻¹⁶ and less.
            case ExpressionFunction.Tanh: { double c = Math.Cosh(v); return Dual.Chain(Math.Tanh(v), 1 / (c * c), u); }
            case ExpressionFunction.Sinh: return Dual.Chain(Math.Sinh(v), Math.Cosh(v), u);
            case ExpressionFunction.Cosh: return Dual.Chain(Math.Cosh(v), Math.Sinh(v), u);
            case ExpressionFunction.Atan: return Dual.Chain(Math.Atan(v), 1 / (1 + v * v), u);
            case ExpressionFunction.Erf: return Dual.Chain(ErrorFunction.Erf(v), TwoOverSqrtPi * Math.Exp(-v * v), u);
            // NaN stays NaN (Math.Sign would throw); the sign of a zero is kept.
            default: return new(v > 0 ? 1 : v < 0 ? -1 : v, double.IsNaN(v) ? v : 0);
        }
    }

    /// <inheritdoc />
    public override Interval Enclose(Interval x)
    {
        var u = argument.Enclose(x);
        double lo = u.Lower, hi = u.Upper;
        return function switch
        {
            ExpressionFunction.Negate => -u,
            ExpressionFunction.Abs => lo >= 0 ? u : hi <= 0 ? -u : new(0, Math.Max(-lo, hi)),
            ExpressionFunction.Exp => u.Increasing(Math.Exp),
            // log and √ are defined on part of the line only: below it the true values are NaN, which no enclosure can hold.
            ExpressionFunction.Log => hi <= 0 ? Interval.Whole : new Interval(Math.Max(lo, 0), hi).Increasing(Math.Log),
            ExpressionFunction.Sqrt => hi < 0 ? Interval.Whole : new Interval(Math.Max(lo, 0), hi).Increasing(Math.Sqrt),
            ExpressionFunction.Sin => Interval.Periodic(u, Math.Sin, Math.PI / 2),
            ExpressionFunction.Cos => Interval.Periodic(u, Math.Cos, 0),
            ExpressionFunction.Tanh => u.Increasing(Math.Tanh),
            ExpressionFunction.Sinh => u.Increasing(Math.Sinh),
            ExpressionFunction.Cosh => lo >= 0 ? u.Increasing(Math.Cosh) : hi <= 0 ? (-u).Increasing(Math.Cosh)
                : Interval.Transcendental(1, Math.Cosh(Math.Max(-lo, hi))),
            ExpressionFunction.Atan => u.Increasing(Math.Atan),
            ExpressionFunction.Erf => u.Increasing(ErrorFunction.Erf),
            _ => new(lo > 0 ? 1 : lo < 0 ? -1 : 0, hi > 0 ? 1 : hi < 0 ? -1 : 0),
        };
    }

    /// <inheritdoc />
    public override bool DependsOnX => argument.DependsOnX;

    /// <inheritdoc />
    public override int Precedence => function == ExpressionFunction.Negate ? NegationPrecedence : AtomPrecedence;

    /// <inheritdoc />
    public override void Write(StringBuilder text)
    {
        if (function == ExpressionFunction.Negate)
        {
            text.Append('-');
            // −(−x) and −(a·b) keep their parentheses, so the text reads back as this very tree.
            Write(text, argument, PowerPrecedence);
            return;
        }
        text.Append(Name(function)).Append('(');
        argument.Write(text);
        text.Append(')');
    }

    /// <summary>The name an expression calls <paramref name="f"/> by.</summary>
    public static string Name(ExpressionFunction f) => f.ToString().ToLowerInvariant();
}

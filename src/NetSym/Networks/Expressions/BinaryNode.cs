using System.Text;

namespace NetSym.Networks.Expressions;

/// <summary>The operations of two arguments an expression may use.</summary>
internal enum BinaryOperation
{
    /// <summary>a + b.</summary>
    Add,
    /// <summary>a − b.</summary>
    Subtract,
    /// <summary>a·b.</summary>
    Multiply,
    /// <summary>a / b.</summary>
    Divide,
    /// <summary>aᵇ (written a^b, a**b or pow(a, b)).</summary>
    Power,
    /// <summary>max(a, b); at a tie the derivative is the mean of both (PyTorch's torch.maximum).</summary>
    Max,
    /// <summary>min(a, b); at a tie the derivative is the mean of both (PyTorch's torch.minimum).</summary>
    Min,
}

/// <summary>An operation of two arguments applied to two nodes.</summary>
internal sealed class BinaryNode(BinaryOperation op, ExpressionNode left, ExpressionNode right) : ExpressionNode
{
    /// <inheritdoc />
    public override Dual Evaluate(double x)
    {
        var a = left.Evaluate(x);
        var b = right.Evaluate(x);
        // A term whose derivative factor is 0 is 0, even where the other factor is infinite (0·∞ would be NaN).
        static double Times(double derivative, double factor) => derivative == 0 ? 0 : derivative * factor;
        switch (op)
        {
            case BinaryOperation.Add: return new(a.Value + b.Value, a.Derivative + b.Derivative);
            case BinaryOperation.Subtract: return new(a.Value - b.Value, a.Derivative - b.Derivative);
            case BinaryOperation.Multiply: return new(a.Value * b.Value, Times(a.Derivative, b.Value) + Times(b.Derivative, a.Value));
            case BinaryOperation.Divide:
            {
                double q = a.Value / b.Value;
                return new(q, (a.Derivative - Times(b.Derivative, q)) / b.Value);
            }
            case BinaryOperation.Power:
            {
                double p = Math.Pow(a.Value, b.Value);
                // d(aᵇ) = b·a^(b−1)·da + aᵇ·log a·db; a constant exponent needs no log (a may be negative).
                return new(p, Times(a.Derivative, b.Value * Math.Pow(a.Value, b.Value - 1)) + Times(b.Derivative, p * Math.Log(a.Value)));
            }
            case BinaryOperation.Max: return Pick(a.Value > b.Value, b.Value > a.Value, a, b);
            default: return Pick(a.Value < b.Value, b.Value < a.Value, a, b);
        }
    }

    private static Dual Pick(bool first, bool second, Dual a, Dual b) =>
        first ? a : second ? b
        : a.Value == b.Value ? new(a.Value, 0.5 * (a.Derivative + b.Derivative))
        : new(double.NaN, double.NaN); // a NaN argument

    /// <inheritdoc />
    public override Interval Enclose(Interval x)
    {
        var a = left.Enclose(x);
        var b = right.Enclose(x);
        return op switch
        {
            BinaryOperation.Add => a + b,
            BinaryOperation.Subtract => a - b,
            BinaryOperation.Multiply => a * b,
            BinaryOperation.Divide => a / b,
            BinaryOperation.Power => Power(a, b),
            BinaryOperation.Max => new(Math.Max(a.Lower, b.Lower), Math.Max(a.Upper, b.Upper)),
            _ => new(Math.Min(a.Lower, b.Lower), Math.Min(a.Upper, b.Upper)),
        };
    }

    private Interval Power(Interval a, Interval b)
    {
        if (right is ConstantNode { Value: var n } && Math.Abs(n) <= 1 << 30 && n == Math.Round(n))
        {
            if (n == 0) return new(1, 1);
            if (n < 0) return new Interval(1, 1) / IntegerPower(a, -n);
            return IntegerPower(a, n);
        }
        // A real exponent needs a ≥ 0, where aᵇ = e^{b·log a}; below 0 the true values are NaN.
        if (a.Upper < 0) return Interval.Whole;
        var log = new Interval(Math.Max(a.Lower, 0), a.Upper).Increasing(Math.Log);
        return (b * log).Increasing(Math.Exp);
    }

    // aⁿ for a whole n ≥ 1: increasing for odd n; for even n, increasing in |a| with its least value 0 when a holds 0.
    private static Interval IntegerPower(Interval a, double n)
    {
        double Pow(double v) => Math.Pow(v, n);
        if (n % 2 == 1) return a.Increasing(Pow);
        if (a.Lower >= 0) return a.Increasing(Pow);
        if (a.Upper <= 0) return (-a).Increasing(Pow);
        return Interval.Transcendental(0, Pow(Math.Max(-a.Lower, a.Upper)));
    }

    /// <inheritdoc />
    public override bool DependsOnX => left.DependsOnX || right.DependsOnX;

    /// <inheritdoc />
    public override int Precedence => op switch
    {
        BinaryOperation.Add or BinaryOperation.Subtract => SumPrecedence,
        BinaryOperation.Multiply or BinaryOperation.Divide => ProductPrecedence,
        BinaryOperation.Power => PowerPrecedence,
        _ => AtomPrecedence,
    };

    /// <inheritdoc />
    public override void Write(StringBuilder text)
    {
        if (op is BinaryOperation.Max or BinaryOperation.Min)
        {
            text.Append(op == BinaryOperation.Max ? "max(" : "min(");
            left.Write(text);
            text.Append(", ");
            right.Write(text);
            text.Append(')');
            return;
        }
        int p = Precedence;
        // The parenthesisation keeps the tree: left-associative + − · / bracket an equal right operand,
        // right-associative ^ an equal left one, and a negation is bracketed wherever it is an operand.
        bool power = op == BinaryOperation.Power;
        Write(text, left, left.Precedence == NegationPrecedence ? AtomPrecedence : power ? p + 1 : p);
        text.Append(op switch
        {
            BinaryOperation.Add => " + ",
            BinaryOperation.Subtract => " - ",
            BinaryOperation.Multiply => "*",
            BinaryOperation.Divide => "/",
            _ => "^",
        });
        Write(text, right, right.Precedence == NegationPrecedence ? AtomPrecedence : power ? p : p + 1);
    }
}

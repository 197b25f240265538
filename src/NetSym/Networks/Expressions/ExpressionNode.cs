using System.Globalization;
using System.Text;

namespace NetSym.Networks.Expressions;

/// <summary>
/// A node of a parsed activation expression ρ(x): evaluated on a dual number for ρ and ρ' together,
/// on an interval for an enclosure of ρ's values, and written back as canonical text.
/// </summary>
internal abstract class ExpressionNode
{
    /// <summary>Printing precedence: sums, products, negation, powers, atoms (numbers, x, calls, parenthesised).</summary>
    protected const int SumPrecedence = 0, ProductPrecedence = 1, NegationPrecedence = 2, PowerPrecedence = 3, AtomPrecedence = 4;

    /// <summary>The node's value and its derivative in x at <paramref name="x"/>.</summary>
    public abstract Dual Evaluate(double x);

    /// <summary>An interval containing the node's value for every x in <paramref name="x"/>.</summary>
    public abstract Interval Enclose(Interval x);

    /// <summary>Whether the variable x occurs below this node.</summary>
    public abstract bool DependsOnX { get; }

    /// <summary>How tightly the node's text binds (see the constants).</summary>
    public abstract int Precedence { get; }

    /// <summary>Appends the node's canonical text.</summary>
    public abstract void Write(StringBuilder text);

    /// <summary>Appends <paramref name="node"/>, in parentheses when it binds less tightly than <paramref name="needed"/>.</summary>
    protected static void Write(StringBuilder text, ExpressionNode node, int needed)
    {
        bool parenthesise = node.Precedence < needed;
        if (parenthesise) text.Append('(');
        node.Write(text);
        if (parenthesise) text.Append(')');
    }

    /// <summary>The canonical text.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Write(text);
        return text.ToString();
    }
}

/// <summary>A number, or one of the named constants pi and e.</summary>
internal sealed class ConstantNode(double value, string? name = null) : ExpressionNode
{
    /// <summary>The constant's double value.</summary>
    public double Value => value;

    /// <inheritdoc />
    public override Dual Evaluate(double x) => Dual.Constant(value);

    // A named constant is irrational and its double is rounded: one ulp either side holds it.
    /// <inheritdoc />
    public override Interval Enclose(Interval x) => name is null ? new(value, value) : Interval.Rounded(value, value);

    /// <inheritdoc />
    public override bool DependsOnX => false;

    // A negative number (NCalc reads "x**-2" with one) is written like a negation, bracketed as an operand.
    /// <inheritdoc />
    public override int Precedence => double.IsNegative(value) ? NegationPrecedence : AtomPrecedence;

    /// <inheritdoc />
    public override void Write(StringBuilder text) => text.Append(name ?? value.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant());
}

/// <summary>The variable x.</summary>
internal sealed class VariableNode : ExpressionNode
{
    /// <inheritdoc />
    public override Dual Evaluate(double x) => new(x, 1);

    /// <inheritdoc />
    public override Interval Enclose(Interval x) => x;

    /// <inheritdoc />
    public override bool DependsOnX => true;

    /// <inheritdoc />
    public override int Precedence => AtomPrecedence;

    /// <inheritdoc />
    public override void Write(StringBuilder text) => text.Append('x');
}

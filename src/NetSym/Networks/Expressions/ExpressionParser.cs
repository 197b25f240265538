using System.Globalization;
using NCalc;
using NCalc.Exceptions;

namespace NetSym.Networks.Expressions;

/// <summary>
/// Reads an expression in x with NCalc's parser and turns NCalc's parse tree into NetSym's
/// <see cref="ExpressionNode"/>s; nothing is compiled or run but NetSym's own evaluator. Accepted: numbers,
/// x, pi, e, + − * / and powers (a^b, a**b, pow(a, b)), and the functions in <see cref="Functions"/>;
/// names are read case-insensitively. Anything else is an error naming it.
/// </summary>
internal static class ExpressionParser
{
    private static readonly Dictionary<string, ExpressionFunction> OneArgument =
        Enum.GetValues<ExpressionFunction>().Where(f => f != ExpressionFunction.Negate)
            .ToDictionary(FunctionNode.Name, f => f, StringComparer.Ordinal);

    private static readonly Dictionary<string, BinaryOperation> TwoArguments = new(StringComparer.Ordinal)
    {
        ["max"] = BinaryOperation.Max,
        ["min"] = BinaryOperation.Min,
        ["pow"] = BinaryOperation.Power,
    };

    /// <summary>The functions an expression may call, for help and error texts.</summary>
    public static string Functions { get; } = string.Join(", ", OneArgument.Keys.Concat(TwoArguments.Keys));

    /// <summary>The tree of <paramref name="text"/>, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static ExpressionNode? TryParse(string text, out string? error)
    {
        error = null;
        LogicalExpression parsed;
        try
        {
            // NCalc reads ^ as bitwise xor, binding more loosely than +; a power is meant, which NCalc writes **.
            var options = new LogicalExpressionParserOptions { FloatingPointNumberType = FloatingPointNumberType.Double };
            parsed = LogicalExpressionParser.Parse(text.Replace("^", "**", StringComparison.Ordinal), options, CultureInfo.InvariantCulture, CancellationToken.None);
        }
        // NCalc throws its own exceptions and, for some token sequences ("2**-x"), InvalidOperationException.
        catch (Exception e) when (e is NCalcException or InvalidOperationException)
        {
            error = $"expression '{text}' does not parse: {e.Message.ReplaceLineEndings(" ")}";
            return null;
        }
        try
        {
            return Convert(parsed);
        }
        catch (FormatException e)
        {
            error = $"expression '{text}': {e.Message}";
            return null;
        }
    }

    private static ExpressionNode Convert(LogicalExpression e) => e switch
    {
        ValueExpression v => Number(v),
        Identifier i => Name(i.Name.ToLowerInvariant()),
        UnaryExpression { Type: UnaryExpressionType.Negate } u => new FunctionNode(ExpressionFunction.Negate, Convert(u.Expression)),
        UnaryExpression { Type: UnaryExpressionType.Positive } u => Convert(u.Expression),
        UnaryExpression u => throw new FormatException($"operator {u.Type.ToString().ToLowerInvariant()} is not supported; use + - * / ^"),
        BinaryExpression b => new BinaryNode(Operation(b.Type), Convert(b.LeftExpression), Convert(b.RightExpression)),
        Function f => Call(f),
        _ => throw new FormatException($"{e.GetType().Name.ToLowerInvariant()} is not supported; use numbers, x, pi, e, + - * / ^ and {Functions}"),
    };

    private static ConstantNode Number(ValueExpression v)
    {
        double value = v.Value switch
        {
            int i => i,
            long l => l,
            double d => d,
            _ => throw new FormatException($"'{v.Value}' is not a number"),
        };
        if (!double.IsFinite(value)) throw new FormatException("a number is too large for a double");
        return new ConstantNode(value);
    }

    private static ExpressionNode Name(string name) => name switch
    {
        "x" => new VariableNode(),
        "pi" => new ConstantNode(Math.PI, "pi"),
        "e" => new ConstantNode(Math.E, "e"),
        _ => throw new FormatException($"unknown variable '{name}': the variable is x, the constants pi and e"),
    };

    private static BinaryOperation Operation(BinaryExpressionType type) => type switch
    {
        BinaryExpressionType.Plus => BinaryOperation.Add,
        BinaryExpressionType.Minus => BinaryOperation.Subtract,
        BinaryExpressionType.Times => BinaryOperation.Multiply,
        BinaryExpressionType.Div => BinaryOperation.Divide,
        BinaryExpressionType.Exponentiation => BinaryOperation.Power,
        _ => throw new FormatException($"operator {type.ToString().ToLowerInvariant()} is not supported; use + - * / ^"),
    };

    private static ExpressionNode Call(Function f)
    {
        string name = f.Identifier.Name.ToLowerInvariant();
        int count = f.Parameters.Count;
        if (OneArgument.TryGetValue(name, out var one))
            return count == 1 ? new FunctionNode(one, Convert(f.Parameters[0])) : throw Arity(name, 1, count);
        if (TwoArguments.TryGetValue(name, out var two))
            return count == 2 ? new BinaryNode(two, Convert(f.Parameters[0]), Convert(f.Parameters[1])) : throw Arity(name, 2, count);
        throw new FormatException($"unknown function '{name}'; known: {Functions}");
    }

    private static FormatException Arity(string name, int wanted, int got) =>
        new($"function '{name}' takes {wanted} argument{(wanted > 1 ? "s" : "")}, got {got}");
}

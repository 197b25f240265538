using System.Globalization;

namespace NetSym.Networks.Expressions;

/// <summary>
/// A parsed, checked activation expression ρ(x): its tree, its canonical text (what
/// <c>expr(…)</c> specs and files hold, and which parses back to the same tree), ρ and ρ' by
/// forward-mode dual numbers, and an enclosure of ρ over an interval by outward-rounded interval
/// arithmetic over the tree.
/// </summary>
/// <remarks>
/// What "finite on the real line" is checked on (<see cref="Grid"/>): x = k/64 for |x| ≤ 16, x = k/4 for
/// 16 &lt; |x| ≤ 1000, and the tails ±10⁴, ±10⁵, ±10⁶, ±10¹⁰, ±10²⁰, ±10⁵⁰, ±10¹⁰⁰, ±10²⁰⁰, ±10³⁰⁰.
/// At every point ρ must not be NaN; ρ may be ±∞ only as an overflow, i.e. from some point outward to
/// the last tail point with one sign (eˣ beyond 709.8, x² beyond 1.3·10¹⁵⁴), never at an isolated point
/// (1/x at 0); and ρ' must be finite wherever ρ is. Constant means the values at the grid points of
/// [−1000, 1000] lie within 10⁻¹² of each other, relative to max(1, |ρ|).
/// </remarks>
internal sealed class ActivationExpression
{
    private const double ConstantTolerance = 1e-12;

    private readonly ExpressionNode _root;

    private ActivationExpression(ExpressionNode root)
    {
        _root = root;
        Text = root.ToString();
    }

    /// <summary>The canonical text: lower case, with only the parentheses the tree needs.</summary>
    public string Text { get; }

    /// <summary>ρ(x) and ρ'(x).</summary>
    public Dual Evaluate(double x) => _root.Evaluate(x);

    /// <summary>An interval containing ρ(x) for every x in [<paramref name="lower"/>, <paramref name="upper"/>].</summary>
    public (double Lower, double Upper) Enclose(double lower, double upper)
    {
        var image = _root.Enclose(new Interval(lower, upper));
        return (image.Lower, image.Upper);
    }

    /// <summary>The points, in increasing order, on which ρ is checked (see the remarks).</summary>
    public static IReadOnlyList<double> Grid { get; } = MakeGrid();

    /// <summary>
    /// The checked expression for <paramref name="text"/>, or null with <paramref name="error"/> saying
    /// why not: it does not parse, uses an unknown name, is not finite somewhere, or is constant.
    /// </summary>
    public static ActivationExpression? TryParse(string text, out string? error)
    {
        var root = ExpressionParser.TryParse(text, out error);
        if (root is null) return null;
        var expression = new ActivationExpression(root);
        error = root.DependsOnX ? expression.Check() : $"expression '{expression.Text}' is constant: it does not depend on x";
        return error is null ? expression : null;
    }

    private string? Check()
    {
        var grid = Grid;
        var values = new Dual[grid.Count];
        for (int i = 0; i < grid.Count; i++) values[i] = _root.Evaluate(grid[i]);
        int zero = grid.Count / 2; // the grid is symmetric about its middle point, 0
        for (int i = 0; i < grid.Count; i++)
        {
            var (v, d) = values[i];
            if (double.IsNaN(v)) return Problem($"is undefined at x = {Format(grid[i])} (NaN: outside its domain, or ∞ − ∞ or ∞/∞ in an overflow; write it in a form that does not overflow)");
            if (double.IsInfinity(v))
            {
                // An overflow goes on to the end of the grid on its side with one sign; a pole does not.
                int step = i >= zero ? 1 : -1;
                for (int j = i; j >= 0 && j < grid.Count; j += step)
                    if (values[j].Value != v) return Problem($"is not finite at x = {Format(grid[i])}");
                if (i == zero) return Problem("is not finite at x = 0");
            }
            else if (!double.IsFinite(d)) return Problem($"has no finite derivative at x = {Format(grid[i])}");
        }

        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int i = 0; i < grid.Count; i++)
            if (Math.Abs(grid[i]) <= 1000 && double.IsFinite(values[i].Value))
            {
                min = Math.Min(min, values[i].Value);
                max = Math.Max(max, values[i].Value);
            }
        if (max - min <= ConstantTolerance * Math.Max(1, Math.Max(Math.Abs(min), Math.Abs(max))))
            return Problem($"is constant: its values on [-1000, 1000] lie within {ConstantTolerance:0e0} of {Format(min)}");
        return null;
    }

    private string Problem(string what) => $"expression '{Text}' {what}";

    private static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static double[] MakeGrid()
    {
        double[] tails = [1e4, 1e5, 1e6, 1e10, 1e20, 1e50, 1e100, 1e200, 1e300];
        var positive = new List<double>();
        for (int k = 1; k <= 16 * 64; k++) positive.Add(k / 64.0);
        for (int k = 16 * 4 + 1; k <= 1000 * 4; k++) positive.Add(k / 4.0);
        positive.AddRange(tails);
        return [.. positive.Select(p => -p).Reverse(), 0.0, .. positive];
    }
}

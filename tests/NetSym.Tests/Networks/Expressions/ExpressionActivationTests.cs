using NetSym.Networks;
using NetSym.Networks.Expressions;

namespace NetSym.Tests.Networks.Expressions;

public class ExpressionActivationTests
{
    private static Activation Expr(string text) => ActivationCatalog.Parse($"expr({text})");

    private static readonly double[] Points = [-37.5, -6, -2.25, -1, -0.3, -1e-7, 0.2, 0.5, 1, 1.75, 3, 8.5, 40];

    private static void Close(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(1e-300, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");

    // Each expression beside an independent closed form of ρ and ρ'.
    public static TheoryData<string, Func<double, double>, Func<double, double>> Cases() => new()
    {
        { "x/(1+abs(x))", x => x / (1 + Math.Abs(x)), x => 1 / ((1 + Math.Abs(x)) * (1 + Math.Abs(x))) },
        { "x*exp(-x^2/2)", x => x * Math.Exp(-x * x / 2), x => (1 - x * x) * Math.Exp(-x * x / 2) },
        { "log(1 + exp(x)) - pi", x => Math.Log(1 + Math.Exp(x)) - Math.PI, x => 1 / (1 + Math.Exp(-x)) },
        { "sqrt(x^2 + 1) - 1", x => Math.Sqrt(x * x + 1) - 1, x => x / Math.Sqrt(x * x + 1) },
        { "sin(x) + cos(2*x)", x => Math.Sin(x) + Math.Cos(2 * x), x => Math.Cos(x) - 2 * Math.Sin(2 * x) },
        { "tanh(x)*sinh(x/8) + cosh(x)", x => Math.Tanh(x) * Math.Sinh(x / 8) + Math.Cosh(x), x => Math.Sinh(x / 8) / (Math.Cosh(x) * Math.Cosh(x)) + Math.Tanh(x) * Math.Cosh(x / 8) / 8 + Math.Sinh(x) },
        { "atan(x) + e*x", x => Math.Atan(x) + Math.E * x, x => 1 / (1 + x * x) + Math.E },
        { "x*0.5*(1+erf(x/sqrt(2)))", x => x * 0.5 * (1 + ErrorFunction.Erf(x / Math.Sqrt(2))), x => 0.5 * (1 + ErrorFunction.Erf(x / Math.Sqrt(2))) + x * Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI) },
        { "pow(x^2 + 1, 0.25)", x => Math.Pow(x * x + 1, 0.25), x => 0.5 * x * Math.Pow(x * x + 1, -0.75) },
        { "2^x - min(x, 1) + max(x, -1)^3", x => Math.Pow(2, x) - Math.Min(x, 1) + Math.Pow(Math.Max(x, -1), 3), x => Math.Log(2) * Math.Pow(2, x) - (x < 1 ? 1 : x == 1 ? 0.5 : 0) + (x > -1 ? 3 * x * x : x == -1 ? 1.5 : 0) }, // a tie takes the mean
        { "sign(x)*x^2 - -x", x => Math.Sign(x) * x * x + x, x => 2 * Math.Abs(x) + 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Values_and_exact_derivatives_match_closed_forms(string text, Func<double, double> value, Func<double, double> derivative)
    {
        var rho = Expr(text);
        foreach (double x in Points)
        {
            Close(value(x), rho.Value(x), 1e-13, $"{text} at {x}");
            Close(derivative(x), rho.Derivative(x), 1e-12, $"({text})' at {x}");
        }
    }

    [Fact]
    public void Dual_numbers_give_the_derivative_a_fine_difference_quotient_approaches()
    {
        // Not a finite difference in disguise: at x = 1 the dual number is exact to rounding, the quotient only to h².
        var rho = Expr("x/(1+abs(x))");
        double h = 1e-5, quotient = (rho.Value(1 + h) - rho.Value(1 - h)) / (2 * h);
        Assert.Equal(0.25, rho.Derivative(1));
        Assert.NotEqual(0.25, quotient);
        Assert.Equal(0.25, quotient, 1e-9);
    }

    [Fact]
    public void Erf_and_erfc_are_within_8_ulps_of_mpmath()
    {
        // mpmath 1.3.0 at 50 digits, rounded to double: (x, erf x, erfc x).
        (double X, double Erf, double Erfc)[] references =
        [
            (1e-300, 1.1283791670955126e-300, 1.0), (1e-10, 1.1283791670955126e-10, 0.999999999887162),
            (0.1, 0.1124629160182849, 0.887537083981715), (0.5, 0.5204998778130465, 0.4795001221869535),
            (1.0, 0.8427007929497149, 0.15729920705028513), (2.0, 0.9953222650189527, 0.004677734981047266),
            (2.9999999999999996, 0.9999779095030014, 2.2090496998585502e-05), (3.0, 0.9999779095030014, 2.209049699858544e-05),
            (4.0, 0.9999999845827421, 1.541725790028002e-08), (5.0, 0.9999999999984626, 1.537459794428035e-12),
            (6.0, 1.0, 2.1519736712498913e-17), (-1.0, -0.8427007929497149, 1.8427007929497148),
            (-3.5, -0.9999992569016276, 1.9999992569016276), (-10.0, -1.0, 2.0), (10.0, 1.0, 2.088487583762545e-45),
            (26.0, 1.0, 5.663192408856143e-296), (1.5, 0.9661051464753108, 0.033894853524689274),
            (1.9999999999999998, 0.9953222650189527, 0.0046777349810472706), (2.5, 0.999593047982555, 0.0004069520174449589),
            (2.75, 0.9998993780778803, 0.00010062192211963683),
        ];
        static double Ulps(double got, double want) =>
            got == want ? 0 : Math.Abs(got - want) / Math.Max(Math.BitIncrement(Math.Abs(want)) - Math.Abs(want), double.Epsilon);
        foreach (var r in references)
        {
            Assert.True(Ulps(ErrorFunction.Erf(r.X), r.Erf) <= 8, $"erf({r.X:R}) = {ErrorFunction.Erf(r.X):R}, reference {r.Erf:R}");
            // erfc is 1 − erf for |x| < 0.75: a few ulps of 1 there, of itself beyond.
            Assert.True(Ulps(ErrorFunction.Erfc(r.X), r.Erfc) <= 8 * (Math.Abs(r.X) < 0.75 ? Math.Max(1, 1 / r.Erfc) : 1), $"erfc({r.X:R}) = {ErrorFunction.Erfc(r.X):R}, reference {r.Erfc:R}");
        }
        Assert.Equal(1, ErrorFunction.Erf(double.PositiveInfinity));
        Assert.Equal(0, ErrorFunction.Erfc(double.PositiveInfinity));
        Assert.True(double.IsNaN(ErrorFunction.Erf(double.NaN)));
    }

    public static TheoryData<string, string> Canonical() => new()
    {
        { "x/(1+abs(x))", "x/(1 + abs(x))" },
        { "  X / ( 1 + ABS( x ) ) ", "x/(1 + abs(x))" },
        { "-x^2", "-x^2" },
        { "(-x)^2", "(-x)^2" },
        { "x**2**3", "x^2^3" },
        { "(x^2)^3", "(x^2)^3" },
        { "x - (1 - x)", "x - (1 - x)" },
        { "(x - 1) - x/2", "x - 1 - x/2" },
        { "x - -1", "x - (-1)" },
        { "-(-x)", "-(-x)" },
        { "-(x*2)", "-(x*2)" },
        { "2*-x", "2*(-x)" },
        { "x/(2/(1 + x^2))", "x/(2/(1 + x^2))" },
        { "Pow(abs(x) + 1, 1e-5) + 1E300*x + 0.1*PI", "(abs(x) + 1)^1e-05 + 1e+300*x + 0.1*pi" },
        { "(1 + x^2)^-2", "(1 + x^2)^(-2)" },
        { "max(min(x, 1), -1)", "max(min(x, 1), -1)" },
        { "2^(-x)", "2^(-x)" },
        { "(x^2)^0.5", "(x^2)^0.5" },
    };

    [Theory]
    [MemberData(nameof(Canonical))]
    public void The_spec_holds_canonical_text_that_reads_back_to_itself(string text, string canonical)
    {
        var rho = Expr(text);
        Assert.Equal($"expr({canonical})", rho.Spec);
        var again = ActivationCatalog.Parse(rho.Spec);
        Assert.Equal(rho.Spec, again.Spec);
        Assert.Equal(rho, again);
        foreach (double x in Points)
            Assert.Equal(BitConverter.DoubleToInt64Bits(rho.Value(x)), BitConverter.DoubleToInt64Bits(again.Value(x)));
    }

    public static TheoryData<string, string> Bad() => new()
    {
        { "x +", "does not parse" },
        { "x y", "does not parse" },
        { "foo(x)", "unknown function 'foo'; known: abs, exp, log" },
        { "y*2", "unknown variable 'y'" },
        { "exp(x, 2)", "function 'exp' takes 1 argument, got 2" },
        { "max(x)", "function 'max' takes 2 arguments, got 1" },
        { "x % 2", "operator modulo is not supported" },
        { "x > 0", "operator greater is not supported" },
        { "'a'", "'a' is not a number" },
        { "x*1e400", "too large for a double" },
        { "1/x", "is not finite at x = 0" },
        { "1/(x - 500)^2", "is not finite at x = 500" },
        { "log(x)", "is undefined at x = -1E+300" },
        { "sqrt(x)", "is undefined at x = -1E+300" },
        { "exp(x)/(1 + exp(x))", "is undefined at x = 710 (NaN" },
        { "2^-x", "does not parse" },
        { "sqrt(x + abs(x))", "has no finite derivative at x = 0" },
        { "3", "is constant: it does not depend on x" },
        { "exp(1)*pi", "is constant: it does not depend on x" },
        { "sin(x)^2 + cos(x)^2", "is constant: its values on [-1000, 1000] lie within 1e-12" },
        { "0*x", "is constant" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Bad_expressions_are_refused_in_one_line_saying_why(string text, string expected)
    {
        Assert.Null(ActivationCatalog.TryParse($"expr({text})", out string? error));
        Assert.NotNull(error);
        Assert.Contains(expected, error);
        Assert.DoesNotContain('\n', error);
        Assert.StartsWith("expression '", error);
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => ActivationCatalog.Parse($"expr({text})")).Message);
    }

    [Fact]
    public void Overflow_in_the_tails_is_allowed_where_the_function_grows()
    {
        var exp = Expr("exp(x)");
        Assert.Equal(double.PositiveInfinity, exp.Value(1e4));
        Assert.Equal(Math.Exp(3), exp.Derivative(3));
        Assert.Equal(double.PositiveInfinity, Expr("x^2").Value(1e300));
        Assert.Equal(double.NegativeInfinity, Expr("-x^4 + x").Value(-1e100));
        Assert.Null(ActivationCatalog.TryParse("expr(x", out string? error));
        Assert.Contains("expected expr(expression in x)", error);
    }

    [Fact]
    public void Nan_in_nan_out_and_the_vector_paths_match_the_scalar_bits()
    {
        var rho = Expr("x/(1+abs(x)) + sin(x)");
        Assert.True(double.IsNaN(rho.Value(double.NaN)));
        Assert.True(double.IsNaN(rho.Derivative(double.NaN)));
        double[] x = [-3, -0.5, 0, 0.25, 1, 7, 1e10];
        var values = x.ToArray();
        rho.Apply(values);
        var slopes = new double[x.Length];
        rho.Derivative(x, slopes);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(rho.Value(x[i]), values[i]);
            Assert.Equal(rho.Derivative(x[i]), slopes[i]);
        }
    }

    public static TheoryData<string> Enclosed() =>
    [
        "x/(1+abs(x))", "sin(x)", "cos(3*x) - x/10", "x*exp(-x^2)", "sqrt(x^2 + 1)", "log(1 + x^2)", "x^3 - 2*x", "1/(1 + x^2)",
        "max(x, 0) - min(x/2, 1)", "atan(x)*erf(x)", "cosh(x/4) - sign(x)", "pow(2, x) + (1 + x^2)^(-2) + (x^2)^0.5",
    ];

    [Theory]
    [MemberData(nameof(Enclosed))]
    public void Interval_images_enclose_every_value_inside(string text)
    {
        var rho = Expr(text);
        var random = new Random(3);
        for (int trial = 0; trial < 400; trial++)
        {
            double a = (random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-3, 4));
            double b = a + random.NextDouble() * Math.Pow(10, random.Next(-4, 3));
            var (lower, upper) = rho.Image(a, b);
            for (int k = 0; k <= 40; k++)
            {
                double x = a + (b - a) * k / 40;
                double v = rho.Value(x);
                Assert.True(lower <= v && v <= upper, $"{text} at {x:R} = {v:R} outside [{lower:R}, {upper:R}], the image of [{a:R}, {b:R}]");
            }
        }
        // Unbounded intervals enclose too (for sin and cos: the whole of [−1, 1]).
        var (lo, hi) = rho.Image(double.NegativeInfinity, double.PositiveInfinity);
        foreach (double x in Points) Assert.InRange(rho.Value(x), lo, hi);
    }

    [Fact]
    public void Interval_images_are_tight_where_the_arithmetic_allows()
    {
        var (lo, hi) = Expr("sin(x)").Image(0.1, 0.2);
        Assert.InRange(lo, Math.Sin(0.1) - 1e-12, Math.Sin(0.1));
        Assert.InRange(hi, Math.Sin(0.2), Math.Sin(0.2) + 1e-12);
        Assert.Equal((-1.0, 1.0), Expr("sin(x)").Image(0, 7));
        (lo, hi) = Expr("x^2").Image(-2, 1);
        Assert.InRange(lo, -1e-300, 0);
        Assert.InRange(hi, 4, 4 + 1e-12);
    }

    [Fact]
    public void An_image_that_overflows_is_enclosed_not_nan()
    {
        // x³ on [1e300, ∞] overflows at both ends: the enclosure goes down to the largest double, never NaN.
        var (lo, hi) = Expr("x^3").Image(1e300, double.PositiveInfinity);
        Assert.Equal((double.MaxValue, double.PositiveInfinity), (lo, hi));
        (lo, hi) = Expr("exp(x)").Image(double.NegativeInfinity, 800);
        Assert.InRange(lo, double.NegativeInfinity, 0);
        Assert.Equal(double.PositiveInfinity, hi);
    }

    [Fact]
    public void The_expression_is_smooth_with_no_onnx_form_and_its_group_is_discovered()
    {
        var rho = Expr("max(x, 0)");
        Assert.Null(rho.Pieces);
        Assert.Null(rho.Onnx);
        Assert.Equal("expr", rho.Name);
        // ReLU written out: the positive scalings, as the catalog's relu has them.
        var relu = new ReluActivation().Symmetries;
        Assert.Null(rho.Symmetries.Incomplete);
        Assert.Empty(rho.Symmetries.Discrete);
        Assert.Equal(relu.Continuous.Single().Description, Assert.Single(rho.Symmetries.Continuous).Description);
        // x/(1+|x|) is softsign: the odd flip and nothing else; x^3 has (a, 0, a³, 0) with its reflection listed.
        var softsign = Expr("x/(1+abs(x))").Symmetries;
        Assert.Equal(new AffineSymmetry(-1, 0, -1, 0), Assert.Single(softsign.Discrete));
        Assert.Empty(softsign.Continuous);
        var cube = Expr("x^3").Symmetries;
        Assert.Equal(new AffineSymmetry(-1, 0, -1, 0), Assert.Single(cube.Discrete));
        var family = Assert.Single(cube.Continuous);
        Assert.Equal(new AffineSymmetry(2, 0, 8, 0), family.Element([2.0]));
        Assert.Equal(new AffineSymmetry(1, 0, 3, 0), Assert.Single(family.Velocities));
    }
}

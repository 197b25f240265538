using System.Globalization;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Networks.Discovery;

/// <summary>
/// Measures how far an affine map (a, b, c, d) is from being a symmetry of ρ, ρ(a·x + b) = c·ρ(x) + d, on a
/// dense grid, seeded random points and the far tails, and fits c, d for given (a, b) by least squares.
/// </summary>
/// <remarks>
/// The residual at x is |ρ(a·x + b) − c·ρ(x) − d| / max(S, |ρ(a·x + b)|, |c·ρ(x) + d|), where S is the range
/// of ρ on the grid: relative where ρ is large (the tails of x³ or eˣ), relative to ρ's spread where ρ
/// passes through 0; unchanged when ρ is replaced by α·ρ + β. A point where both sides overflow to the
/// same infinity (eˣ far out) is skipped; one where only one side does is an infinite residual.
/// </remarks>
public sealed class SymmetryVerifier
{
    private readonly Func<double, double> _rho;
    private readonly double[] _points;
    private readonly double[] _values;
    // The grid and the random points: where c and d are fitted; the tails only check.
    private readonly int _fitCount;

    /// <summary>Evaluates ρ at every verification point and checks that ρ is finite and not constant there.</summary>
    /// <exception cref="ArgumentException">ρ is NaN or infinite on the grid, NaN in the tails, or constant on the grid.</exception>
    public SymmetryVerifier(Func<double, double> rho, DiscoveryOptions options, RandomKey key)
    {
        ArgumentNullException.ThrowIfNull(rho);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _rho = rho;
        GridRadius = options.GridRadius;
        GridPoints = options.GridPoints;
        RandomPoints = options.RandomPoints;
        TailLimit = Math.Pow(10, options.TailExponent);
        var random = key.Stream();
        var points = new List<double>(options.GridPoints + options.RandomPoints + 64);
        for (int i = 0; i < options.GridPoints; i++) points.Add(-GridRadius + 2 * GridRadius * i / (options.GridPoints - 1));
        points.AddRange(StratifiedSamples(options.RandomPoints, GridRadius, random));
        _fitCount = points.Count;
        // Jittered so that no tail point lands on a period or a breakpoint by construction.
        for (double k = Math.Log10(GridRadius) + 0.25; k <= options.TailExponent + 1e-9; k += 0.25)
        {
            double x = Math.Pow(10, k) * (1 + 0.1 * random.NextDouble());
            points.Add(x);
            points.Add(-x);
        }
        _points = [.. points];
        TailPoints = _points.Length - _fitCount;
        _values = new double[_points.Length];
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int i = 0; i < _points.Length; i++)
        {
            double v = rho(_points[i]);
            bool tail = i >= _fitCount;
            if (double.IsNaN(v) || (!tail && double.IsInfinity(v)))
                throw new ArgumentException(FormattableString.Invariant($"ρ is not finite on the real line: ρ({_points[i]:R}) = {v}"));
            _values[i] = v;
            if (!tail)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }
        Scale = max - min;
        if (!(Scale > 1e-300) || Scale <= 1e-13 * Math.Max(Math.Abs(min), Math.Abs(max)))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"ρ is constant on [−{GridRadius}, {GridRadius}] (every value {min:R}): every map would be a symmetry"));
    }

    /// <summary>S: the range max ρ − min ρ on the grid, the scale residuals are relative to.</summary>
    public double Scale { get; }

    /// <summary>Half-width of the dense grid.</summary>
    public double GridRadius { get; }

    /// <summary>Points of the dense grid.</summary>
    public int GridPoints { get; }

    /// <summary>Seeded random points on the grid's interval.</summary>
    public int RandomPoints { get; }

    /// <summary>Points in the tails, ±10^k jittered, out to about <see cref="TailLimit"/>.</summary>
    public int TailPoints { get; }

    /// <summary>The largest |x| the tails reach, before jitter.</summary>
    public double TailLimit { get; }

    /// <summary>ρ(x).</summary>
    public double Value(double x) => _rho(x);

    /// <summary>
    /// The largest residual of <paramref name="s"/> and of its inverse over every verification point (see the
    /// remarks); 0 for an exact symmetry. The inverse is checked because a map with c near 0 can hold
    /// forwards only because ρ is nearly constant where a·x + b lands (tanh far out); backwards the
    /// error is divided by c and shows.
    /// </summary>
    public double Residual(AffineSymmetry s)
    {
        double residual = Math.Max(OneWay(s), OneWay(s.Inverse()));
        return double.IsNaN(residual) ? double.PositiveInfinity : residual;
    }

    private double OneWay(AffineSymmetry s)
    {
        double worst = 0;
        for (int i = 0; i < _points.Length; i++)
        {
            double lhs = _rho(s.A * _points[i] + s.B), rhs = s.C * _values[i] + s.D;
            double e = PointResidual(lhs, rhs, Scale);
            if (e > worst) worst = e;
        }
        return worst;
    }

    /// <summary>
    /// The symmetry with inner map (a, b) whose c and d fit ρ(a·x + b) ≈ c·ρ(x) + d best in least squares
    /// on the grid and random points, with its <see cref="Residual"/>; infinite residual when ρ(a·x + b)
    /// is not finite there.
    /// </summary>
    public VerifiedSymmetry Fit(double a, double b)
    {
        var y = new double[_fitCount];
        for (int i = 0; i < _fitCount; i++)
        {
            y[i] = _rho(a * _points[i] + b);
            if (!double.IsFinite(y[i])) return new VerifiedSymmetry(new AffineSymmetry(a, b, double.NaN, double.NaN), double.PositiveInfinity);
        }
        var (c, d) = Line(_values, y);
        var element = new AffineSymmetry(a, b, c, d);
        return new VerifiedSymmetry(element, Residual(element));
    }

    /// <summary>
    /// Fits ρ(x) − ρ(−x) (difference) or ρ(x) + ρ(−x) (sum) by α·x + β in least squares on the grid and
    /// random points and measures the largest residual over every point, relative to max(S, |ρ(x)|, |ρ(−x)|).
    /// </summary>
    public LinearPair FitLinearPair(LinearPairKind kind, double tolerance)
    {
        double sign = kind == LinearPairKind.Difference ? -1 : 1;
        var pair = new double[_fitCount];
        for (int i = 0; i < _fitCount; i++) pair[i] = _values[i] + sign * _rho(-_points[i]);
        var (slope, intercept) = Line(_points, pair);
        double residual = LinearPairResidual(sign, slope, intercept);
        double niceSlope = NiceNumber.Snap(slope), niceIntercept = NiceNumber.Snap(intercept);
        double niceResidual = LinearPairResidual(sign, niceSlope, niceIntercept);
        // The simple form is kept when it is at least as good as the fit, or good enough.
        if (niceResidual <= Math.Max(residual, tolerance)) (slope, intercept, residual) = (niceSlope, niceIntercept, niceResidual);
        return new LinearPair(kind, slope, intercept, residual, residual <= tolerance);
    }

    /// <summary>
    /// Least-squares α, β of ρ(x) = α·x + β on the grid and random points, with the largest residual over every
    /// point; α and β in their simple forms (<see cref="NiceNumber"/>) where the residual stays within
    /// max(<paramref name="tolerance"/>, the fit's residual).
    /// </summary>
    public (double Slope, double Intercept, double Residual) FitAffine(double tolerance)
    {
        var (slope, intercept) = Line(_points, _values);
        double residual = AffineResidual(slope, intercept);
        double niceSlope = NiceNumber.Snap(slope), niceIntercept = NiceNumber.Snap(intercept);
        double niceResidual = AffineResidual(niceSlope, niceIntercept);
        return niceResidual <= Math.Max(residual, tolerance) ? (niceSlope, niceIntercept, niceResidual) : (slope, intercept, residual);
    }

    private double AffineResidual(double slope, double intercept)
    {
        double worst = 0;
        for (int i = 0; i < _points.Length; i++)
            worst = Math.Max(worst, PointResidual(_values[i], slope * _points[i] + intercept, Scale));
        return worst;
    }

    private double LinearPairResidual(double sign, double slope, double intercept)
    {
        double worst = 0;
        for (int i = 0; i < _points.Length; i++)
        {
            double mirrored = _rho(-_points[i]);
            double lhs = _values[i] + sign * mirrored, rhs = slope * _points[i] + intercept;
            if (!double.IsFinite(_values[i]) || !double.IsFinite(mirrored)) continue;
            double scale = Math.Max(Scale, Math.Max(Math.Abs(_values[i]), Math.Abs(mirrored)));
            worst = Math.Max(worst, Math.Abs(lhs - rhs) / scale);
        }
        return worst;
    }

    /// <summary>The least-squares line y ≈ slope·x + intercept through the first <see cref="_fitCount"/> pairs (x[i], y[i]).</summary>
    private (double Slope, double Intercept) Line(double[] x, double[] y)
    {
        double meanX = 0, meanY = 0;
        for (int i = 0; i < _fitCount; i++)
        {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= _fitCount;
        meanY /= _fitCount;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < _fitCount; i++)
        {
            double dx = x[i] - meanX;
            sxx += dx * dx;
            sxy += dx * (y[i] - meanY);
        }
        double slope = sxy / sxx;
        return (slope, meanY - slope * meanX);
    }

    /// <summary>The residual of one point (see the class remarks).</summary>
    private static double PointResidual(double lhs, double rhs, double scale)
    {
        if (!double.IsFinite(lhs) || !double.IsFinite(rhs))
            return lhs == rhs ? 0 : double.PositiveInfinity;
        return Math.Abs(lhs - rhs) / Math.Max(scale, Math.Max(Math.Abs(lhs), Math.Abs(rhs)));
    }

    /// <summary>
    /// <paramref name="count"/> points, one uniform in each of <paramref name="count"/> equal cells of
    /// [−<paramref name="radius"/>, <paramref name="radius"/>]: random, so no sample sits on a period or a
    /// breakpoint by construction, and spread, so no part of the interval goes unsampled.
    /// </summary>
    internal static double[] StratifiedSamples(int count, double radius, RandomStream random)
    {
        var x = new double[count];
        for (int i = 0; i < count; i++) x[i] = -radius + 2 * radius * (i + random.NextDouble()) / count;
        return x;
    }
}

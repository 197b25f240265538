namespace NetSym.Networks.Discovery;

/// <summary>
/// The misfit of ρ(a·x + b) ≈ c·ρ(x) + d on fixed sample points with c and d eliminated by least squares
/// (variable projection): the residual vector of that fit divided by the spread of ρ(a·x + b), so that its
/// squared norm is 1 − R² — 0 for a symmetry, 1 when ρ(a·x + b) is unrelated to ρ(x) or constant.
/// </summary>
internal sealed class ProjectedResidual
{
    private readonly Func<double, double> _rho;
    private readonly double[] _x;
    private readonly double[] _centred;
    private readonly double _spread;
    private readonly double[] _y;

    /// <exception cref="ArgumentException">ρ is constant or not finite on the samples.</exception>
    public ProjectedResidual(Func<double, double> rho, double[] x)
    {
        _rho = rho;
        _x = x;
        _y = new double[x.Length];
        _centred = new double[x.Length];
        double mean = 0;
        for (int i = 0; i < x.Length; i++)
        {
            _centred[i] = rho(x[i]);
            mean += _centred[i];
        }
        mean /= x.Length;
        for (int i = 0; i < x.Length; i++)
        {
            _centred[i] -= mean;
            _spread += _centred[i] * _centred[i];
        }
        if (!(_spread > 0) || !double.IsFinite(_spread))
            throw new ArgumentException(FormattableString.Invariant($"ρ is constant or not finite on the search interval [{x.Min():G3}, {x.Max():G3}]: the search sees nothing to match"));
    }

    /// <summary>Number of sample points (the length of the residual vector).</summary>
    public int Count => _x.Length;

    /// <summary>
    /// Writes the normalised residual vector of the best c, d for inner map (a, b) into
    /// <paramref name="residuals"/> and returns its squared norm; +∞ (residuals untouched) when
    /// ρ(a·x + b) is not finite on the samples, 1 (residuals zero) when it is constant there.
    /// </summary>
    public double Evaluate(double a, double b, Span<double> residuals)
    {
        double mean = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            double y = _rho(a * _x[i] + b);
            if (!double.IsFinite(y)) return double.PositiveInfinity;
            _y[i] = y;
            mean += y;
        }
        mean /= _x.Length;
        double syy = 0, sxy = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            double dy = _y[i] - mean;
            syy += dy * dy;
            sxy += dy * _centred[i];
        }
        if (!(syy > 1e-300 * _spread) || !double.IsFinite(syy))
        {
            residuals.Clear();
            return double.IsFinite(syy) ? 1 : double.PositiveInfinity;
        }
        double c = sxy / _spread, norm = 1 / Math.Sqrt(syy), total = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            double r = (_y[i] - mean - c * _centred[i]) * norm;
            residuals[i] = r;
            total += r * r;
        }
        return total;
    }
}

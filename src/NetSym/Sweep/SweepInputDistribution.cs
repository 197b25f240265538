namespace NetSym.Sweep;

/// <summary>Where a sweep draws its input points.</summary>
public enum SweepInputDistribution
{
    /// <summary>x ~ N(0, I): i.i.d. standard normal coordinates (Grigsby, Lindsey &amp; Rolnick's choice).</summary>
    Gaussian,

    /// <summary>x ~ U([−1, 1]^n0): i.i.d. uniform coordinates.</summary>
    Uniform,

    /// <summary>
    /// Beside the exact breakpoint crossings of random lines at scales 1 to 1000
    /// (<see cref="NetSym.Dimension.InputSampler.Kinks"/>): piecewise-linear activations only.
    /// </summary>
    Kinks,
}

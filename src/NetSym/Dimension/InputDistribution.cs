namespace NetSym.Dimension;

/// <summary>Where the inputs of a batch come from (<see cref="InputSampler"/>).</summary>
public enum InputDistribution
{
    /// <summary>x ~ N(0, I_d), the paper's choice (Grigsby et al. 2023 use Gaussian input points).</summary>
    Gaussian,

    /// <summary>x uniform on the cube [−1, 1]^d.</summary>
    Uniform,

    /// <summary>x uniform on a given box ∏ᵢ [loᵢ, hiᵢ].</summary>
    Box,

    /// <summary>
    /// Points just either side of the breakpoint crossings found by <see cref="NetSym.Networks.LineWalk"/> on random
    /// lines through random origins at scales 1, 10, 100 and 1000, so that kinks far from the origin are reached;
    /// for a network with convolutions, pooling or sums, beside breakpoints reached by Newton's method
    /// (<see cref="NetSym.Networks.KinkPoint.Aim"/>).
    /// </summary>
    Kinks,
}

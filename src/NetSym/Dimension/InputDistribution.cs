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
}

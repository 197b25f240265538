namespace NetSym.Dimension;

/// <summary>Whether the kernel directions beyond the symmetry group's were computed, and if not, why.</summary>
public enum KernelStatus
{
    /// <summary>Computed: the reduced basis of ker J mod p, less the span of the symmetry tangents, lifted to fractions and checked mod a second prime.</summary>
    Computed,

    /// <summary>None to compute: the rank meets the bound, so the kernel is the symmetry group's tangent space.</summary>
    RankMeetsBound,

    /// <summary>Not asked for (<see cref="FunctionalDimensionOptions.KernelDirections"/> false).</summary>
    NotRequested,

    /// <summary>The batch has fewer Jacobian rows than the bound, so most of the kernel only reflects missing points.</summary>
    BatchTooSmall,

    /// <summary>Kernel vectors come from the exact kernel over F_p, which needs piecewise-linear activations; a float rank gives singular values only.</summary>
    NeedsPiecewiseLinear,

    /// <summary>Not computed: the symmetry tangents and the causes that explain kernel vectors are derived for dense layers only, not for convolution, pooling or addition layers.</summary>
    NeedsDenseLayers,
}

using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Networks.Regions;

namespace NetSym.Dimension;

/// <summary>
/// The functional dimension over all inputs — the supremum of the Jacobian rank over every finite batch —
/// of a small piecewise-linear network, by enumerating its linear regions.
/// </summary>
/// <remarks>
/// On one linear region each row of the parameter Jacobian is affine in x: ∂f/∂W[i,j] is a constant
/// (the downstream product) times a_j(x), affine there, and ∂f/∂b[i] is constant. The rows at any points of
/// the region therefore lie in the span of the rows at d + 1 affinely independent points of it, and the
/// batch made of such points of every region has the largest rank any batch can have. Its exact rank mod p
/// is a lower bound on that supremum, equal to it unless p divides one particular minor; with the bound
/// it is a certificate when they meet. The one approximation is the enumeration's (floating-point linear
/// programs; see <see cref="LinearRegions"/>).
/// </remarks>
public static class AllInputsDimension
{
    /// <summary>The largest network (parameters) certified: the batch has (d + 1)·regions points.</summary>
    public const int MaxParameters = 200;

    /// <summary>Regions enumerated before giving up.</summary>
    public const int MaxRegions = 4096;

    /// <summary>Whether <see cref="Compute"/> applies: dense layers only (region enumeration does not follow max-pool switches), piecewise linear and at most <see cref="MaxParameters"/> parameters.</summary>
    public static bool Applies(Network network) =>
        network.ParameterCount <= MaxParameters && FunctionalDimension.SupportsExact(network) && network.HasDenseLayersOnly;

    /// <summary>
    /// Enumerates the regions (up to <see cref="MaxRegions"/>) and takes the exact rank of the Jacobian at
    /// d + 1 interior points of each; null when the network has more regions than that.
    /// </summary>
    /// <exception cref="ArgumentException">The network is not piecewise linear, has a layer that is not dense, or has more than <see cref="MaxParameters"/> parameters.</exception>
    public static AllInputsResult? Compute(Network network, LinearAlgebraBackend backend, FunctionalDimensionOptions options,
        IProgress<ProgressReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        if (!Applies(network))
            throw new ArgumentException($"the all-inputs dimension needs a piecewise-linear network of dense layers with at most {MaxParameters} parameters");
        var regions = LinearRegions.Enumerate([network], MaxRegions, backend, progress);
        if (!regions.Complete) return null;
        var points = regions.Regions.SelectMany(r => r.InteriorPoints()).ToList();
        var batch = new Matrix(points.Count, network.InputSize, [.. points.SelectMany(p => p)]);
        var result = FunctionalDimension.Compute(network, batch, backend, options with { Method = RankMethod.Exact, KernelDirections = false });
        return new AllInputsResult(result, regions);
    }
}

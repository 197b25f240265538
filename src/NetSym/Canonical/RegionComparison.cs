using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Networks.Regions;

namespace NetSym.Canonical;

/// <summary>
/// Decides whether two small piecewise-linear networks compute the same function, by comparing their
/// affine pieces on every linear region of their common refinement: on such a region each network is
/// one affine map, so they agree everywhere exactly when the maps agree on every region.
/// </summary>
/// <remarks>
/// The maps agree on a region when every coefficient (gradient and offset) differs by at most
/// t·max(largest |coefficient| of either), t = max(tolerance, <see cref="WitnessSearch.RoundingFloor"/>).
/// Where they do not, the witness is the point of that region's inscribed ball where the evaluated outputs
/// differ most (its centre, the points of <see cref="LinearRegion.InteriorPoints"/>, and the ball's edge
/// along the gradient difference). The regions come from <see cref="LinearRegions.Enumerate"/>, whose
/// cells are floating point (clipped for one or two inputs, linear programs above): regions thinner than
/// its stated tolerance are not seen.
/// </remarks>
public static class RegionComparison
{
    /// <summary>
    /// The most parameters of the two networks together for which the regions are enumerated by linear programs
    /// (three or more inputs): the walk solves one program per region and facet, so its time grows with
    /// regions × neurons (two 2-32-1 nets, 258 parameters and about 2,000 regions: 8 s on two cores; two
    /// 2-64-1 nets reach the 4,096-region cap after 90 s).
    /// </summary>
    public const int MaxParameters = 300;

    /// <summary>Regions of the common refinement enumerated by linear programs before giving up.</summary>
    public const int MaxRegions = 4096;

    /// <summary>
    /// The most parameters together for one or two inputs, where each region's interval or polygon is
    /// clipped directly (<see cref="RegionCellMethod.Clipping"/>), at a cost of about constraints × vertices
    /// per region: two different 2-200-1 nets (1,602 parameters, 80,201 regions) take 21 s on two busy cores,
    /// a 2-200-1 net and a permuted, rescaled copy (20,101 regions) 5 s; near both caps, two 2-300-1 nets
    /// (2,402 parameters, 180,301 regions) 84 s at load 10–18, 0.85 GB.
    /// </summary>
    public const int ClippingMaxParameters = 2500;

    /// <summary>Regions of the common refinement enumerated by clipping (one or two inputs) before giving up.</summary>
    public const int ClippingMaxRegions = 200_000;

    /// <summary>The parameter cap for networks of <paramref name="inputSize"/> inputs: <see cref="ClippingMaxParameters"/> up to <see cref="LinearRegions.ClippingDimension"/>, <see cref="MaxParameters"/> above.</summary>
    public static int ParameterCap(int inputSize) => inputSize <= LinearRegions.ClippingDimension ? ClippingMaxParameters : MaxParameters;

    /// <summary>The region cap for networks of <paramref name="inputSize"/> inputs: <see cref="ClippingMaxRegions"/> up to <see cref="LinearRegions.ClippingDimension"/>, <see cref="MaxRegions"/> above.</summary>
    public static int RegionCap(int inputSize) => inputSize <= LinearRegions.ClippingDimension ? ClippingMaxRegions : MaxRegions;

    /// <summary>Whether <see cref="Run"/> applies: both of dense layers and piecewise linear, at most <see cref="ParameterCap"/> parameters together.</summary>
    public static bool Applies(Network a, Network b) =>
        a.HasDenseLayersOnly && b.HasDenseLayersOnly
        && a.ParameterCount + b.ParameterCount <= ParameterCap(a.InputSize)
        && a.Layers.Concat(b.Layers).All(l => l.Activation.IsPiecewiseLinear);

    /// <summary>Compares A and B region by region, on <paramref name="box"/> or, without one, on the enumeration's default box.</summary>
    /// <exception cref="ArgumentException">The comparison does not apply, or the sizes differ.</exception>
    public static RegionComparisonResult Run(Network a, Network b, double tolerance, Box? box, LinearAlgebraBackend backend,
        IProgress<ProgressReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(backend);
        Equivalence.CheckComparable(a, b);
        if (!Applies(a, b))
            throw new ArgumentException($"region comparison needs piecewise-linear networks of at most {ParameterCap(a.InputSize)} parameters together for {a.InputSize} inputs");
        double t = Math.Max(tolerance, WitnessSearch.RoundingFloor);
        var regions = LinearRegions.Enumerate([a, b], RegionCap(a.InputSize), backend, progress, box);
        double largest = 0;
        LinearRegion? worst = null;
        foreach (var region in regions.Regions)
        {
            AffinePiece pa = region.Outputs[0], pb = region.Outputs[1];
            double scale = Math.Max(pa.MaxAbs(), pb.MaxAbs());
            double deviation = scale == 0 ? 0 : pa.MaxAbsDifference(pb) / scale;
            if (deviation > largest) (largest, worst) = (deviation, region);
        }
        var witness = largest > t ? Witness(a, b, worst!, regions.Regions.ToList().IndexOf(worst!), backend) : null;
        return new RegionComparisonResult(regions, largest, t, witness);
    }

    private static RegionWitness Witness(Network a, Network b, LinearRegion region, int index, LinearAlgebraBackend backend)
    {
        var candidates = region.InteriorPoints().ToList();
        AffinePiece pa = region.Outputs[0], pb = region.Outputs[1];
        for (int o = 0; o < pa.Offset.Length; o++)
        {
            var u = pa.Gradient[o].Select((g, k) => g - pb.Gradient[o][k]).ToArray();
            double norm = Math.Sqrt(u.Sum(v => v * v));
            if (norm == 0) continue;
            foreach (int sign in new[] { 1, -1 })
                candidates.Add([.. region.Centre.Select((c, k) => c + sign * 0.9 * region.Radius * u[k] / norm)]);
        }
        var x = new Matrix(candidates.Count, a.InputSize, [.. candidates.SelectMany(p => p)]);
        var ya = Forward.Evaluate(a, x, backend);
        var yb = Forward.Evaluate(b, x, backend);
        int best = 0;
        double bestDifference = -1;
        for (int i = 0; i < candidates.Count; i++)
        {
            double difference = 0;
            for (int o = 0; o < a.OutputSize; o++) difference = Math.Max(difference, Math.Abs(ya[i, o] - yb[i, o]));
            if (difference > bestDifference) (best, bestDifference) = (i, difference);
        }
        return new RegionWitness(candidates[best], ya.Row(best).ToArray(), yb.Row(best).ToArray(), bestDifference, index);
    }
}

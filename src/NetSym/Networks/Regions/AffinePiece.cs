namespace NetSym.Networks.Regions;

/// <summary>An affine map x ↦ Gradient·x + Offset from R^d to R^m (a network on one linear region).</summary>
/// <param name="Gradient">m rows of d entries.</param>
/// <param name="Offset">m entries.</param>
public sealed record AffinePiece(double[][] Gradient, double[] Offset)
{
    /// <summary>The map's value at <paramref name="x"/>.</summary>
    public double[] Apply(ReadOnlySpan<double> x)
    {
        var y = new double[Offset.Length];
        for (int o = 0; o < y.Length; o++)
        {
            double s = Offset[o];
            for (int k = 0; k < x.Length; k++) s += Gradient[o][k] * x[k];
            y[o] = s;
        }
        return y;
    }

    /// <summary>The largest |coefficient| of the map (gradient and offset).</summary>
    public double MaxAbs() => Math.Max(Offset.Select(Math.Abs).DefaultIfEmpty(0).Max(),
        Gradient.SelectMany(g => g).Select(Math.Abs).DefaultIfEmpty(0).Max());

    /// <summary>The largest |coefficient| of this map minus <paramref name="other"/>.</summary>
    public double MaxAbsDifference(AffinePiece other)
    {
        double m = 0;
        for (int o = 0; o < Offset.Length; o++)
        {
            m = Math.Max(m, Math.Abs(Offset[o] - other.Offset[o]));
            for (int k = 0; k < Gradient[o].Length; k++) m = Math.Max(m, Math.Abs(Gradient[o][k] - other.Gradient[o][k]));
        }
        return m;
    }
}

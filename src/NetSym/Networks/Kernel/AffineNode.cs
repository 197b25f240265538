namespace NetSym.Networks;

/// <summary>
/// A node's values as affine functions of a parameter u ∈ R^k: value i is Gradient[i]·u + Offset[i].
/// The input as a function of itself (k = d) gives a linear region's forms; a line x₀ + t·v (k = 1)
/// gives the values along it and their slopes.
/// </summary>
/// <param name="Gradient">One row of k entries per value.</param>
/// <param name="Offset">The values at u = 0.</param>
internal sealed record AffineNode(double[][] Gradient, double[] Offset)
{
    /// <summary>The input x as a function of x: gradient I, offset 0.</summary>
    public static AffineNode Identity(int dimension)
    {
        var gradient = new double[dimension][];
        for (int i = 0; i < dimension; i++)
        {
            gradient[i] = new double[dimension];
            gradient[i][i] = 1;
        }
        return new AffineNode(gradient, new double[dimension]);
    }

    /// <summary>The input on the line x(t) = point + t·direction, as a function of t (k = 1), offset at t = 0.</summary>
    public static AffineNode Line(ReadOnlySpan<double> point, ReadOnlySpan<double> direction)
    {
        var gradient = new double[direction.Length][];
        for (int i = 0; i < direction.Length; i++) gradient[i] = [direction[i]];
        return new AffineNode(gradient, point.ToArray());
    }
}

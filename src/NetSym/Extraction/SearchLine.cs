using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Extraction;

/// <summary>A line x(t) = origin + t·direction in input space, direction of unit length.</summary>
internal sealed record SearchLine(double[] Origin, double[] Direction)
{
    /// <summary>A random line: origin ~ N(0, scale²·I), direction uniform on the sphere.</summary>
    public static SearchLine Random(int dimension, double scale, RandomStream random)
    {
        var origin = new double[dimension];
        for (int i = 0; i < dimension; i++) origin[i] = scale * random.NextNormal();
        return Through(origin, random);
    }

    /// <summary>A line through <paramref name="origin"/> in a direction uniform on the sphere.</summary>
    public static SearchLine Through(double[] origin, RandomStream random)
    {
        int dimension = origin.Length;
        var direction = new double[dimension];
        double norm;
        do
        {
            for (int i = 0; i < dimension; i++) direction[i] = random.NextNormal();
            norm = Math.Sqrt(direction.Sum(x => x * x));
        } while (norm == 0);
        for (int i = 0; i < dimension; i++) direction[i] /= norm;
        return new SearchLine(origin, direction);
    }

    /// <summary>x(t).</summary>
    public double[] At(double t)
    {
        var x = new double[Origin.Length];
        for (int i = 0; i < x.Length; i++) x[i] = Origin[i] + t * Direction[i];
        return x;
    }

    /// <summary>The rows x(t) for every t, as one query.</summary>
    public Matrix Points(params ReadOnlySpan<double> ts)
    {
        var m = new Matrix(ts.Length, Origin.Length);
        for (int r = 0; r < ts.Length; r++)
        {
            var row = m.Row(r);
            for (int i = 0; i < row.Length; i++) row[i] = Origin[i] + ts[r] * Direction[i];
        }
        return m;
    }

    /// <summary>Where the line crosses the hyperplane w·x + b = 0; ±∞ or NaN when parallel to it.</summary>
    public double Crossing(ReadOnlySpan<double> w, double b)
    {
        double along = 0, at = b;
        for (int i = 0; i < w.Length; i++)
        {
            along += w[i] * Direction[i];
            at += w[i] * Origin[i];
        }
        return -at / along;
    }
}

using NetSym.LinearAlgebra;

namespace NetSym.Extraction;

/// <summary>
/// g = u·f for a fixed unit vector u: a scalar view of a vector-valued f, so that kink tests compare
/// numbers. A kink of f whose output jump is orthogonal to u is invisible to g; a random u makes that
/// a probability-zero event, and a known jump direction (the unit's output weights) avoids it.
/// </summary>
internal sealed class Scalarizer
{
    private readonly double[] _u;

    /// <summary>g = <paramref name="u"/>·f, u normalised to unit length.</summary>
    public Scalarizer(double[] u)
    {
        double norm = Math.Sqrt(u.Sum(x => x * x));
        _u = [.. u.Select(x => x / norm)];
    }

    /// <summary>A uniformly random direction of ℝ^<paramref name="outputs"/>.</summary>
    public static Scalarizer Random(int outputs, Randomness.RandomStream random)
    {
        var u = new double[outputs];
        do
        {
            for (int k = 0; k < outputs; k++) u[k] = random.NextNormal();
        } while (u.All(x => x == 0));
        return new Scalarizer(u);
    }

    /// <summary>g of every row of <paramref name="outputs"/>.</summary>
    public double[] Apply(Matrix outputs)
    {
        var g = new double[outputs.Rows];
        for (int i = 0; i < outputs.Rows; i++)
        {
            var row = outputs.Row(i);
            double sum = 0;
            for (int k = 0; k < row.Length; k++) sum += _u[k] * row[k];
            g[i] = sum;
        }
        return g;
    }
}

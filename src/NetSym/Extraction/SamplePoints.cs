using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Extraction;

/// <summary>
/// Inputs that see every unit on both sides, for the least-squares fits (a unit on one side of every
/// sample is affine there, and its feature is then a combination of x and 1): first a pair
/// straddling each hyperplane, then random lines with one point in each piece between consecutive
/// hyperplane crossings (computed from the estimated hyperplanes, without queries), so that the
/// samples cover the arrangement near the origin.
/// </summary>
internal static class SamplePoints
{
    /// <summary><paramref name="count"/> inputs around the arrangement of <paramref name="planes"/>.</summary>
    public static Matrix Draw(IReadOnlyList<Hyperplane> planes, int dimension, int count, double scale, RandomStream random)
    {
        // Crossings further than this are shallow-angle ones far from every plane's nearest point.
        double reach = 10 * (scale + planes.Select(p => Math.Abs(p.Bias)).DefaultIfEmpty(0).Max());
        var points = new Matrix(count, dimension);
        int filled = 0;
        foreach (var plane in planes)
        {
            var point = new double[dimension];
            for (int i = 0; i < dimension; i++) point[i] = scale * random.NextNormal();
            double value = plane.Value(point);
            foreach (double side in (ReadOnlySpan<double>)[-1, 1])
            {
                if (filled == count) return points;
                double offset = side * scale * (0.1 + random.NextDouble());
                var row = points.Row(filled++);
                for (int i = 0; i < dimension; i++) row[i] = point[i] + (offset - value) * plane.Normal[i];
            }
        }
        while (filled < count)
        {
            var line = SearchLine.Random(dimension, scale, random);
            var crossings = planes.Select(p => line.Crossing(p.Normal, p.Bias)).Where(t => Math.Abs(t) <= reach).Order().ToList();
            double pad = crossings.Count > 1 ? (crossings[^1] - crossings[0]) / crossings.Count : scale;
            var ts = new List<double>(crossings.Count + 1);
            if (crossings.Count == 0) ts.Add(0);
            else
            {
                ts.Add(crossings[0] - pad);
                for (int k = 1; k < crossings.Count; k++) ts.Add((crossings[k - 1] + crossings[k]) / 2);
                ts.Add(crossings[^1] + pad);
            }
            foreach (double t in ts)
            {
                if (filled == count) break;
                line.At(t).CopyTo(points.Row(filled++));
            }
        }
        return points;
    }
}

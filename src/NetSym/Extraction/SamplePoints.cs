using NetSym.LinearAlgebra;
using NetSym.Randomness;

namespace NetSym.Extraction;

/// <summary>
/// Inputs that see every unit of the last recovered layer on both sides, for the least-squares fits (a
/// unit on one side of every sample is affine there, and its feature is then a combination of the
/// others): first a pair straddling each unit's surface (a Gaussian point walked onto it along a ray,
/// region by region, then stepped off on both sides; drawn wider until one is found), then random lines
/// with one point in each piece between consecutive boundary crossings of the prefix (jittered off the
/// line), so that the samples cover the arrangement near the origin and span the input space. In a box
/// (<see cref="SearchSpace"/>) a first-layer unit's pair straddles the crossing of a segment to a corner
/// (<see cref="SearchSpace.Across"/>), every point stays in it, and the rest are uniform in it. All of it is computed from the prefix, without queries.
/// </summary>
internal static class SamplePoints
{
    /// <summary>Draws for a unit's straddling pair, four at each spread from 1 to 64 times the scale.</summary>
    private const int StraddleDraws = 28;

    /// <summary>Activation regions a draw may cross on its way to a unit's surface.</summary>
    private const int WalkRegions = 64;

    /// <summary>
    /// <paramref name="count"/> inputs around the surfaces of the last layer of <paramref name="prefix"/>,
    /// and with <paramref name="linear"/> (for a fit with the skip features, <see cref="FeatureFit"/>) of the
    /// layer before it too.
    /// </summary>
    public static Matrix Draw(NetworkPrefix prefix, int count, SearchSpace space, RandomStream random, bool linear)
    {
        double scale = space.Scale;
        int d = prefix.InputSize, last = prefix.Depth - 1, filled = 0;
        var points = new Matrix(count, d);
        // The layer before the last too: its outputs are the skip features of a linear fit, and one dead at
        // nearly every input (nn.Linear-initialised 40-20-10-10-1 has a unit of layer 2 active at 0.6 % of
        // them) leaves a column of zeros unless a sample straddles it.
        int[] layers = linear && prefix.Depth >= 2 ? [last, last - 1] : [last];
        foreach (var (layer, j) in layers.SelectMany(l => Enumerable.Range(0, prefix.Layer(l).Count).Select(j => (l, j))))
        {
            for (int draw = 0; draw < StraddleDraws; draw++)
            {
                // Wider every few draws: a unit dead or always on near the origin has its surface further out.
                int unit = j;
                var surface = space.Box is not null && layer == 0 ? space.Across(prefix.Layer(0)[j], random)
                    : prefix.WalkOntoSurface(space.Point(1 << draw / 4, random), at => (at.Z[layer][unit], at.Gradients[layer][unit]), WalkRegions);
                if (surface is not var (point, direction) || !space.Contains(point)) continue;
                var there = prefix.At(point);
                double[] backward = [.. direction.Select(v => -v)];
                // Off the surface on both sides, a fraction of the scale away while that is still on the side
                // meant (and in the box), else short of the next boundary: a point just off the surface leaves
                // the unit's feature tiny there, and for a unit active at few samples its weight in the fit barely fixed.
                double room = Math.Min(there.Exit(direction, (layer, j)), there.Exit(backward, (layer, j)));
                foreach (double side in (ReadOnlySpan<double>)[-1, 1])
                {
                    if (filled == count) return points;
                    double inside = space.Room(point, side > 0 ? direction : backward);
                    room = Math.Min(room, inside);
                    double far = Math.Min(scale * (0.1 + random.NextDouble()), 0.5 * inside);
                    var row = points.Row(filled++);
                    for (int i = 0; i < d; i++) row[i] = point[i] + side * far * direction[i];
                    if (Math.Sign(prefix.At(row).Z[layer][j]) == side) continue;
                    double offset = side * Math.Min(far, 0.5 * room);
                    for (int i = 0; i < d; i++) row[i] = point[i] + offset * direction[i];
                }
                break;
            }
        }
        // In a box the rest are uniform in it: lines through the origin mean nothing there.
        if (space.Box is not null)
        {
            space.Draw(count - filled, 1, random).Data.CopyTo(points.Data, filled * d);
            return points;
        }
        // Crossings further than this are shallow-angle ones far from the origin.
        double reach = 10 * scale;
        while (filled < count)
        {
            var line = SearchLine.Random(d, scale, random);
            var crossings = prefix.Crossings(line, reach);
            var ts = new List<double>(crossings.Count + 1);
            if (crossings.Count == 0) ts.Add(0);
            else
            {
                double pad = crossings.Count > 1 ? (crossings[^1] - crossings[0]) / crossings.Count : scale;
                ts.Add(crossings[0] - pad);
                for (int k = 1; k < crossings.Count; k++) ts.Add((crossings[k - 1] + crossings[k]) / 2);
                ts.Add(crossings[^1] + pad);
            }
            foreach (double t in ts)
            {
                if (filled == count) break;
                // Jittered off the line: points of one line span only a plane, so without it the
                // sample spans fewer than d + 1 dimensions whenever d exceeds twice the width.
                var row = points.Row(filled++);
                line.At(t).CopyTo(row);
                for (int i = 0; i < d; i++) row[i] += 0.1 * scale * random.NextNormal();
            }
        }
        return points;
    }
}

using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Extraction;

/// <summary>
/// Where the extractor draws its inputs and search lines: all of ℝ^d, with Gaussian inputs at the
/// input scale and long random lines, or a box (<c>--domain</c>), with uniform inputs and chords between
/// two uniform points, every query inside it.
/// </summary>
/// <remarks>
/// In a box a random direction leaves soon: at [0,1]^784 a line through a uniform point in a direction
/// uniform on the sphere stays inside for a few hundredths, and meets almost no unit's surface. The
/// chord through two uniform points moves every coordinate at once and crosses a surface through the
/// middle of the box half the time.
/// </remarks>
internal sealed class SearchSpace
{
    /// <summary>The margin of a chord's ends inside the box, relative to its length, against the rounding of origin + t·direction.</summary>
    private const double ChordMargin = 1e-6;

    /// <summary>A column of a linear part whose remainder off the columns before it is below this fraction of the largest adds no unit (<see cref="Carry"/>).</summary>
    private const double CarriedColumn = 1e-6;

    /// <summary>The most that a far point of a box lies inside its corner, as a share of each side (<see cref="Draw"/>).</summary>
    private const double CornerReach = 0.1;

    private SearchSpace(int dimension, double scale, Box? box)
    {
        Dimension = dimension;
        Scale = scale;
        Box = box;
    }

    /// <summary>All of ℝ^<paramref name="dimension"/>, inputs of spread <paramref name="scale"/>.</summary>
    public static SearchSpace Unbounded(int dimension, double scale) => new(dimension, scale, null);

    /// <summary>
    /// The box <paramref name="box"/>; its scale is the root mean square of its sides (1 for [0,1]^d).
    /// </summary>
    /// <exception cref="ArgumentException">A coordinate of the box is a single value: f then says nothing of the weights on it.</exception>
    public static SearchSpace Within(Box box)
    {
        ArgumentNullException.ThrowIfNull(box);
        double squares = 0;
        for (int i = 0; i < box.Dimension; i++)
        {
            double side = box.Upper[i] - box.Lower[i];
            if (!(side > 0))
                throw new ArgumentException($"the domain {box} fixes coordinate {i} at {box.Lower[i]:R}: f on it says nothing of the weights on that input, so they cannot be extracted (give that coordinate an interval)");
            squares += side * side;
        }
        return new SearchSpace(box.Dimension, Math.Sqrt(squares / box.Dimension), box);
    }

    public int Dimension { get; }

    /// <summary>The spread of the inputs: the input scale, or the box's root-mean-square side.</summary>
    public double Scale { get; }

    /// <summary>The box; null for all of ℝ^d.</summary>
    public Box? Box { get; }

    /// <summary>
    /// <paramref name="count"/> inputs: Gaussian of <paramref name="spread"/> times the scale, row by row; in a
    /// box uniform in it, or for a spread above 1 near its corners (each coordinate within a uniform share
    /// of up to <see cref="CornerReach"/> of its side, or a tenth of that, from a bound drawn at random). A unit
    /// whose surface cuts off a corner of the box is in its minority state at a few in 10,000 uniform inputs,
    /// and at a few in 100 such far ones (at [0,1]^100, nn.Linear-initialised).
    /// </summary>
    public Matrix Draw(int count, double spread, RandomStream random)
    {
        var inputs = new Matrix(count, Dimension);
        for (int r = 0; r < count; r++) Fill(inputs.Row(r), spread, random);
        return inputs;
    }

    /// <summary>One input drawn as by <see cref="Draw"/>.</summary>
    public double[] Point(double spread, RandomStream random)
    {
        var x = new double[Dimension];
        Fill(x, spread, random);
        return x;
    }

    /// <summary>
    /// A search line and the half-length to sweep: a random line (origin Gaussian of <paramref name="spread"/>
    /// times the scale) swept over ±<paramref name="halfLength"/>; in a box the chord through two uniform
    /// points (near corners for a spread above 1, <see cref="Draw"/>), extended to the box's faces (a hair
    /// inside), centred on its middle.
    /// </summary>
    public (SearchLine Line, double HalfLength) Line(double spread, double halfLength, RandomStream random)
    {
        if (Box is null) return (SearchLine.Random(Dimension, spread * Scale, random), halfLength);
        return Chord(Point(spread, random), Point(spread, random));
    }

    /// <summary>
    /// A search line through <paramref name="point"/> and the half-length to sweep: a direction uniform on
    /// the sphere, swept over ±<paramref name="halfLength"/> about the point; in a box the chord through the
    /// point and a uniform one, as in <see cref="Line"/>.
    /// </summary>
    public (SearchLine Line, double HalfLength) Through(double[] point, double halfLength, RandomStream random) =>
        Box is null ? (SearchLine.Through(point, random), halfLength) : Chord(point, Point(1, random));

    /// <summary>The chord of the box through <paramref name="p"/> and <paramref name="q"/>, centred on its middle, its ends a hair inside.</summary>
    private (SearchLine Line, double HalfLength) Chord(double[] p, double[] q)
    {
        // Two draws of continuous coordinates coincide with probability 2^−53 per coordinate.
        double length = Math.Sqrt(p.Select((v, i) => (q[i] - v) * (q[i] - v)).Sum());
        var direction = p.Select((v, i) => (q[i] - v) / length).ToArray();
        double back = Room(p, [.. direction.Select(v => -v)]), ahead = Room(p, direction);
        double half = (back + ahead) / 2 * (1 - ChordMargin);
        var origin = p.Select((v, i) => v + (ahead - back) / 2 * direction[i]).ToArray();
        return (new SearchLine(origin, direction), half);
    }

    /// <summary>
    /// In a box: where the segment from a uniform point to the corner at which the first-layer
    /// <paramref name="unit"/> takes the other sign crosses the unit's surface, and the segment's direction
    /// of increasing z; null when z keeps its sign at that corner (or without a box). A move along the normal
    /// from a point inside often leaves the box before it reaches the surface (at d = 784 a coordinate near a
    /// face always does; a surface that cuts off a corner is reached from almost nowhere); this segment, in
    /// the box throughout, always reaches it.
    /// </summary>
    public (double[] Point, double[] Direction)? Across(Hyperplane unit, RandomStream random)
    {
        if (Box is null) return null;
        var start = Point(1, random);
        double z0 = unit.Value(start);
        var corner = new double[Dimension];
        for (int i = 0; i < corner.Length; i++) corner[i] = unit.Normal[i] > 0 == z0 > 0 ? Box.Lower[i] : Box.Upper[i];
        double z1 = unit.Value(corner);
        if (!(z0 * z1 < 0)) return null;
        double t = z0 / (z0 - z1), length = 0;
        var point = new double[Dimension];
        var direction = new double[Dimension];
        for (int i = 0; i < point.Length; i++)
        {
            point[i] = start[i] + t * (corner[i] - start[i]);
            direction[i] = (corner[i] - start[i]) * Math.Sign(z1);
            length += direction[i] * direction[i];
        }
        length = Math.Sqrt(length);
        for (int i = 0; i < direction.Length; i++) direction[i] /= length;
        return (point, direction);
    }

    /// <summary>
    /// Units on throughout the box that carry the linear part x ↦ Lᵀx, <paramref name="linear"/> = L of d × m:
    /// one per vector q of an orthonormal basis of L's columns (Gram–Schmidt; a column whose remainder is
    /// below 10⁻⁶ of the largest column adds none), with the bias b that puts q·x + b in [r/2, 3r/2] on the
    /// box (r the range of q·x there). Their weights into the m outputs are qᵀL (<c>Weights</c>, m × units),
    /// and they add Σ (qᵀL)·b to the outputs, which the output bias gives up (<c>Bias</c>): on the box,
    /// Σ_q (qᵀL)·ReLU(q·x + b) − Σ_q (qᵀL)·b = Lᵀx.
    /// </summary>
    /// <exception cref="InvalidOperationException">Without a box.</exception>
    public (Hyperplane[] Units, Matrix Weights, double[] Bias) Carry(Matrix linear)
    {
        if (Box is null) throw new InvalidOperationException("units on throughout need a box");
        int d = linear.Rows, m = linear.Columns;
        var basis = new List<double[]>();
        double largest = 0;
        for (int k = 0; k < m; k++) largest = Math.Max(largest, Math.Sqrt(Enumerable.Range(0, d).Sum(i => linear[i, k] * linear[i, k])));
        for (int k = 0; k < m; k++)
        {
            var q = Enumerable.Range(0, d).Select(i => linear[i, k]).ToArray();
            // Twice, so that the remainder is orthogonal to rounding.
            for (int pass = 0; pass < 2; pass++)
                foreach (var b in basis)
                {
                    double along = PrefixPoint.Dot(q, b);
                    for (int i = 0; i < d; i++) q[i] -= along * b[i];
                }
            double norm = Math.Sqrt(PrefixPoint.Dot(q, q));
            if (norm > CarriedColumn * largest) basis.Add([.. q.Select(v => v / norm)]);
        }
        var units = new Hyperplane[basis.Count];
        var weights = new Matrix(m, basis.Count);
        var bias = new double[m];
        for (int j = 0; j < basis.Count; j++)
        {
            var q = basis[j];
            double low = 0, range = 0;
            for (int i = 0; i < d; i++)
            {
                low += Math.Min(q[i] * Box.Lower[i], q[i] * Box.Upper[i]);
                range += Math.Abs(q[i]) * (Box.Upper[i] - Box.Lower[i]);
            }
            units[j] = new Hyperplane(q, range / 2 - low);
            for (int k = 0; k < m; k++)
            {
                double u = 0;
                for (int i = 0; i < d; i++) u += q[i] * linear[i, k];
                weights[k, j] = u;
                bias[k] += u * units[j].Bias;
            }
        }
        return (units, weights, bias);
    }

    /// <summary>How far <paramref name="point"/> may move along <paramref name="direction"/> and stay in the box; +∞ without one.</summary>
    public double Room(ReadOnlySpan<double> point, ReadOnlySpan<double> direction)
    {
        if (Box is null) return double.PositiveInfinity;
        double room = double.PositiveInfinity;
        for (int i = 0; i < point.Length; i++)
        {
            if (direction[i] > 0) room = Math.Min(room, (Box.Upper[i] - point[i]) / direction[i]);
            else if (direction[i] < 0) room = Math.Min(room, (Box.Lower[i] - point[i]) / direction[i]);
        }
        return Math.Max(room, 0);
    }

    /// <summary>Whether <paramref name="point"/> may be queried: always without a box.</summary>
    public bool Contains(ReadOnlySpan<double> point) => Box is null || Box.Contains(point);

    private void Fill(Span<double> x, double spread, RandomStream random)
    {
        if (Box is null)
        {
            for (int i = 0; i < x.Length; i++) x[i] = spread * Scale * random.NextNormal();
            return;
        }
        // Half the far points lie ten times closer to their corner: a unit on only within a few hundredths of its
        // range of its largest value is on there at nearly every such point of the right corner.
        double reach = spread > 1 && random.NextDouble() < 0.5 ? CornerReach / 10 : CornerReach;
        for (int i = 0; i < x.Length; i++)
        {
            double lower = Box.Lower[i], side = Box.Upper[i] - lower;
            if (spread > 1)
            {
                double inside = side * reach * random.NextDouble();
                x[i] = random.NextDouble() < 0.5 ? lower + inside : Box.Upper[i] - inside;
                continue;
            }
            // Clamped: lower + side·u can round past the upper bound.
            x[i] = Math.Min(lower + side * random.NextDouble(), Box.Upper[i]);
        }
    }
}

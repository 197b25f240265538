namespace NetSym.Extraction;

/// <summary>
/// The clustering of kinks into hidden units (research note §4, simplified for the first layer):
/// a kink lying on a known hyperplane is another witness of that unit and costs no query; a kink on
/// none gets its own normal from a gradient jump and joins the candidate whose normal and offset it
/// matches, or starts a new candidate. A candidate is confirmed once kinks on two different lines agree
/// with it (and is then tested for a unit, see <see cref="DeepExtractor"/>); one never seen again (a
/// corrupted gradient, a piece of a deeper surface) is discarded. Deeper layers file here the local
/// planes of kinks that could not be traced into a unit, so that kinks of the same piece cost nothing.
/// </summary>
/// <param name="inputScale">The input scale: the plane test is |w·x + b| ≤ 1e−6·(scale + ‖x‖).</param>
internal sealed class HyperplaneCatalog(double inputScale)
{
    /// <summary>Relative distance of a kink from a known hyperplane for it to count as lying on it.</summary>
    private const double PlaneTolerance = 1e-6;

    /// <summary>Largest 1 − |cos| between two normals of the same unit, before refinement.</summary>
    private const double NormalTolerance = 1e-6;

    private readonly List<(Hyperplane Plane, HashSet<int> Lines)> _candidates = [];

    /// <summary>The candidate whose hyperplane <paramref name="x"/> lies on (the nearest when several do); null if none.</summary>
    public int? Locate(ReadOnlySpan<double> x)
    {
        double norm = 0;
        foreach (double v in x) norm += v * v;
        double tolerance = PlaneTolerance * (inputScale + Math.Sqrt(norm));
        int? found = null;
        double best = double.PositiveInfinity;
        for (int c = 0; c < _candidates.Count; c++)
        {
            double distance = Math.Abs(_candidates[c].Plane.Value(x));
            if (distance <= tolerance && distance < best) (best, found) = (distance, c);
        }
        return found;
    }

    /// <summary>Counts a kink on <paramref name="line"/> as a witness of candidate <paramref name="candidate"/>.</summary>
    public void AddWitness(int candidate, int line) => _candidates[candidate].Lines.Add(line);

    /// <summary>
    /// Files a kink at <paramref name="x"/> with a measured <paramref name="normal"/>: a witness of the
    /// candidate of the same normal and offset, else a new candidate. Returns whether it was new.
    /// </summary>
    public bool Add(double[] normal, ReadOnlySpan<double> x, int line)
    {
        double bias = 0;
        for (int i = 0; i < normal.Length; i++) bias -= normal[i] * x[i];
        double norm = 0;
        foreach (double v in x) norm += v * v;
        double offsetTolerance = 100 * PlaneTolerance * (inputScale + Math.Sqrt(norm));
        for (int c = 0; c < _candidates.Count; c++)
        {
            var plane = _candidates[c].Plane;
            double cos = 0;
            for (int i = 0; i < normal.Length; i++) cos += normal[i] * plane.Normal[i];
            if (1 - Math.Abs(cos) > NormalTolerance) continue;
            if (Math.Abs(bias - Math.Sign(cos) * plane.Bias) > offsetTolerance) continue;
            _candidates[c].Lines.Add(line);
            return false;
        }
        _candidates.Add((new Hyperplane(normal, bias), [line]));
        return true;
    }

    /// <summary>Number of candidates filed.</summary>
    public int Count => _candidates.Count;

    /// <summary>The hyperplane of candidate <paramref name="candidate"/>.</summary>
    public Hyperplane Plane(int candidate) => _candidates[candidate].Plane;

    /// <summary>Whether candidate <paramref name="candidate"/> has been seen on two lines.</summary>
    public bool IsConfirmed(int candidate) => _candidates[candidate].Lines.Count >= 2;

    /// <summary>Candidates seen on one line only.</summary>
    public int Unconfirmed => _candidates.Count(c => c.Lines.Count < 2);
}

namespace NetSym.Extraction;

/// <summary>
/// The coordinates in which <see cref="SurfaceTracer"/> solves for a deeper unit z = θ·φ(x) + β, small
/// even at d = 784. Every deeper pre-activation depends on x only through the first layer, so its
/// gradient lies in the span of the first layer's normals, an orthonormal basis Q of r ≤ n₁ vectors:
/// the d gradient equations J_φᵀ·θ = n of a piece reduce to their r components Qᵀ·J_φᵀ·θ = Qᵀ·n, and
/// the input's own coefficients θ_x (the features of a depth-1 prefix end with x, the skip that absorbs
/// its unknown orientations: a sum of first-layer normals) are Q·ξ with r unknowns ξ instead of d.
/// When the normals span ℝ^d (n₁ ≥ d), Q is the identity and nothing is reduced.
/// </summary>
internal sealed class TraceCoordinates
{
    /// <summary>A first-layer normal whose part outside the span of the earlier ones is below this adds no direction.</summary>
    private const double Independent = 1e-8;

    private readonly double[][]? _basis;
    private readonly int _d, _stored, _tail;

    /// <summary>The coordinates for the units after <paramref name="prefix"/> (at least one layer).</summary>
    public TraceCoordinates(NetworkPrefix prefix)
    {
        _d = prefix.InputSize;
        _basis = Orthonormal(prefix.Layer(0), _d);
        bool inputTail = prefix.Depth == 1;
        _stored = inputTail ? prefix.Widths[0] : prefix.FeatureSize;
        _tail = inputTail ? _basis?.Length ?? _d : 0;
    }

    /// <summary>Q's columns, orthonormal: the span of the first layer's normals; null when it is all of ℝ^d.</summary>
    public IReadOnlyList<double[]>? Basis => _basis;

    /// <summary>Unknowns: θ over the stored features, ξ (or θ_x), β.</summary>
    public int Unknowns => _stored + _tail + 1;

    /// <summary>Gradient equations per piece: r, or d when nothing is reduced.</summary>
    public int GradientRows => _basis?.Length ?? _d;

    /// <summary>Adds the equations of the piece at <paramref name="at"/> with normal <paramref name="n"/>: the gradient equations, then φ·θ + β = 0.</summary>
    public void Equations(PrefixPoint at, double[] n, List<double[]> rows, List<double> rhs)
    {
        for (int c = 0; c < GradientRows; c++)
        {
            // Component c: along q_c (or the axis e_c), (J_φ·q_c)·θ = n·q_c.
            var q = _basis?[c];
            var row = new double[Unknowns];
            if (q is null)
                for (int f = 0; f < _stored; f++) row[f] = at.FeatureJacobian[f, c];
            else
            {
                var rates = at.FeatureJacobian.Apply(q);
                Array.Copy(rates, row, _stored);
            }
            // The tail's Jacobian is the identity, so its coefficients enter as ξ_c = q_c·θ_x (θ_x,c without a basis).
            if (_tail > 0) row[_stored + c] = 1;
            rows.Add(row);
            rhs.Add(q is null ? n[c] : PrefixPoint.Dot(n, q));
        }
        var value = new double[Unknowns];
        Array.Copy(at.Features, value, _stored);
        for (int c = 0; c < _tail; c++) value[_stored + c] = _basis is null ? at.X[c] : PrefixPoint.Dot(at.X, _basis[c]);
        value[^1] = 1;
        rows.Add(value);
        rhs.Add(0);
    }

    /// <summary>The length of <see cref="Reduce"/>'s result: the stored features and the input's components along Q.</summary>
    public int ReducedFeatures => _stored + _tail;

    /// <summary>
    /// A vector over the features (the features φ of a point, or a unit's θ) in these coordinates: the
    /// stored entries, then the input's part projected onto Q (Qᵀ·x, or ξ = Qᵀ·θ_x). A unit whose θ_x lies
    /// in the span of Q, as every deeper unit's does, has θ·φ = Reduce(θ)·Reduce(φ) and the same norm.
    /// </summary>
    public double[] Reduce(ReadOnlySpan<double> features)
    {
        var reduced = new double[ReducedFeatures];
        features[.._stored].CopyTo(reduced);
        var tail = features[_stored..];
        for (int c = 0; c < _tail; c++) reduced[_stored + c] = _basis is null ? tail[c] : PrefixPoint.Dot(tail, _basis[c]);
        return reduced;
    }

    /// <summary>θ over all the features (θ_x = Q·ξ) and β, from a solution of the equations.</summary>
    public (double[] Theta, double Beta) Unit(ReadOnlySpan<double> solution)
    {
        var theta = new double[_stored + (_tail > 0 ? _d : 0)];
        solution[.._stored].CopyTo(theta);
        for (int c = 0; c < _tail; c++)
        {
            if (_basis is null) theta[_stored + c] = solution[_stored + c];
            else
                for (int i = 0; i < _d; i++) theta[_stored + i] += solution[_stored + c] * _basis[c][i];
        }
        return (theta, solution[_stored + _tail]);
    }

    /// <summary>An orthonormal basis of the span of <paramref name="units"/>' normals (Gram–Schmidt, twice); null when it is all of ℝ^d.</summary>
    private static double[][]? Orthonormal(IReadOnlyList<Hyperplane> units, int d)
    {
        if (units.Count >= d) return null;
        var basis = new List<double[]>();
        foreach (var unit in units)
        {
            var v = (double[])unit.Normal.Clone();
            double before = Math.Sqrt(PrefixPoint.Dot(v, v));
            for (int pass = 0; pass < 2; pass++)
                foreach (var q in basis)
                {
                    double along = PrefixPoint.Dot(v, q);
                    for (int i = 0; i < d; i++) v[i] -= along * q[i];
                }
            double norm = Math.Sqrt(PrefixPoint.Dot(v, v));
            if (!(norm > Independent * before)) continue;
            for (int i = 0; i < d; i++) v[i] /= norm;
            basis.Add(v);
        }
        return basis.Count == d ? null : [.. basis];
    }
}

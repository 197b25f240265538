namespace NetSym.Extraction;

/// <summary>
/// The Jacobian J_φ of the features φ of a <see cref="PrefixPoint"/> with respect to the input: one row
/// per feature. Rows of hidden units are stored; when φ ends with the input itself (a prefix of depth 0
/// or 1) those rows are the identity and are not stored, which at d = 784 saves d² entries per point and
/// makes the products below O(F·d) in the stored rows only.
/// </summary>
/// <param name="rows">The gradients of the leading features, each of length d.</param>
/// <param name="inputSize">d.</param>
/// <param name="inputTail">Whether the last d features are the input x.</param>
internal sealed class FeatureJacobian(double[][] rows, int inputSize, bool inputTail)
{
    /// <summary>Number of features F.</summary>
    public int Count => rows.Length + (inputTail ? inputSize : 0);

    /// <summary>∂φ_f/∂x_i.</summary>
    public double this[int feature, int input] =>
        feature < rows.Length ? rows[feature][input] : feature - rows.Length == input ? 1 : 0;

    /// <summary>J_φᵀ·θ: the gradient with respect to x of θ·φ.</summary>
    public double[] Transposed(ReadOnlySpan<double> theta)
    {
        var gradient = inputTail ? theta[rows.Length..].ToArray() : new double[inputSize];
        for (int f = 0; f < rows.Length; f++)
        {
            double w = theta[f];
            if (w == 0) continue;
            var g = rows[f];
            for (int i = 0; i < inputSize; i++) gradient[i] += w * g[i];
        }
        return gradient;
    }

    private double[]? _rowNorms;

    /// <summary>
    /// An upper bound on ‖J_φᵀ·θ‖: Σ_f |θ_f|·‖∇φ_f‖ over the stored rows (their norms computed once), plus
    /// ‖θ_tail‖ for the input's identity rows. O(F) instead of the gradient's O(F·d).
    /// </summary>
    public double GradientBound(ReadOnlySpan<double> theta)
    {
        _rowNorms ??= [.. rows.Select(r => Math.Sqrt(PrefixPoint.Dot(r, r)))];
        double bound = 0;
        for (int f = 0; f < rows.Length; f++) bound += Math.Abs(theta[f]) * _rowNorms[f];
        if (inputTail)
        {
            var tail = theta[rows.Length..];
            bound += Math.Sqrt(PrefixPoint.Dot(tail, tail));
        }
        return bound;
    }

    /// <summary>‖J_φ‖, the Frobenius norm: the largest ‖J_φᵀ·θ‖ a unit θ could have is at most this.</summary>
    public double Norm()
    {
        _rowNorms ??= [.. rows.Select(r => Math.Sqrt(PrefixPoint.Dot(r, r)))];
        return Math.Sqrt(PrefixPoint.Dot(_rowNorms, _rowNorms) + (inputTail ? inputSize : 0));
    }

    /// <summary>J_φ·v: the rate of change of every feature along <paramref name="v"/>.</summary>
    public double[] Apply(ReadOnlySpan<double> v)
    {
        var rates = new double[Count];
        for (int f = 0; f < rows.Length; f++) rates[f] = PrefixPoint.Dot(rows[f], v);
        if (inputTail) v.CopyTo(rates.AsSpan(rows.Length));
        return rates;
    }
}

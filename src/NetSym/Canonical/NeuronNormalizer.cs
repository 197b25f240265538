using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Symmetries;

namespace NetSym.Canonical;

/// <summary>
/// Brings every hidden neuron to a normal form under its activation's affine symmetries, without
/// permuting: the first half of the canonical form, and the common ground of alignment.
/// </summary>
/// <remarks>
/// Rules, applied to a neuron's incoming weights w and bias β (the result is one representative of
/// the neuron's orbit under the activation's group, so two neurons related by a symmetry get the
/// same normal form):
/// <list type="bullet">
/// <item>a reflection (a &lt; 0 in the activation's group: tanh, sigmoid, hardtanh, ReLU6, |x|, identity)
/// is used when the entry of w with the largest magnitude (lowest index among equals) is negative, so
/// that afterwards it is positive; when w = 0 it is used when β lies below the reflection's fixed
/// point b/(1 − a) (0 for tanh, sigmoid and |x|, 3 for ReLU6), so that afterwards β is at or above it;</item>
/// <item>positive scaling (ReLU, leaky ReLU, |x|) scales (w, β) to unit Euclidean norm;</item>
/// <item>the affine family of the identity map scales w to unit norm and shifts β to 0 (when w = 0,
/// only the shift).</item>
/// </list>
/// A scale within a few rounding errors of 1 is taken as exactly 1, so that normalising a normal
/// form changes nothing, bit for bit. A neuron with w = 0 and β = 0 is left as it is.
/// </remarks>
public static class NeuronNormalizer
{
    /// <summary>The symmetry that normalises a neuron with incoming weights w and bias β under ρ's group.</summary>
    public static AffineSymmetry Normalizer(Activation activation, ReadOnlySpan<double> w, double bias)
    {
        var group = activation.Symmetries;
        if (group.IsTrivial) return AffineSymmetry.Identity;
        int top = 0;
        for (int k = 1; k < w.Length; k++) if (Math.Abs(w[k]) > Math.Abs(w[top])) top = k;
        bool zeroWeights = w.Length == 0 || w[top] == 0;

        bool affineFamily = group.Continuous.Any(f => f.Kind == SymmetryFamilyKind.Affine);
        AffineSymmetry? reflection = group.Discrete.Where(d => d.A < 0).Cast<AffineSymmetry?>().FirstOrDefault()
            ?? (affineFamily ? new AffineSymmetry(-1, 0, -1, 0) : null);

        var s = AffineSymmetry.Identity;
        if (reflection is { } r)
        {
            bool reflect = zeroWeights ? bias < r.B / (1 - r.A) : w[top] < 0;
            if (reflect) s = r;
        }
        double b = s.A * bias + s.B;
        double norm2 = 0;
        foreach (double v in w) norm2 += v * v;

        if (affineFamily)
        {
            double a = zeroWeights ? 1 : SnapToOne(1 / Math.Sqrt(norm2), w.Length);
            s = new AffineSymmetry(a, -a * b, a, -a * b).Compose(s);
        }
        else if (group.Continuous.Any(f => f.Kind == SymmetryFamilyKind.PositiveScaling) && norm2 + b * b > 0)
        {
            double lambda = SnapToOne(1 / Math.Sqrt(norm2 + b * b), w.Length + 1);
            s = new AffineSymmetry(lambda, 0, lambda, 0).Compose(s);
        }
        return s;
    }

    /// <summary>
    /// Normalises every hidden neuron, layer by layer (a layer's normalisation rescales the next
    /// layer's incoming weights, so order matters). Returns the normal form and the element g with
    /// g·network = normal form.
    /// </summary>
    public static (Network Normalized, GroupElement Element) Normalize(Network network)
    {
        var form = LayerSweep.Run(network, order: null);
        return (form.Network, form.Element);
    }

    // A norm computed from n rounded squares is off by up to about n·ε: a row that is already of unit
    // norm must not be rescaled by such noise, or canonicalisation would not be idempotent.
    private static double SnapToOne(double scale, int terms) =>
        Math.Abs(scale - 1) <= 4.0 * (terms + 1) * FloatingPoint.MachineEpsilon ? 1 : scale;
}

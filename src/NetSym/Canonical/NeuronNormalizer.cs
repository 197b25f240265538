using NetSym.Networks;
using NetSym.Symmetries;

namespace NetSym.Canonical;

/// <summary>
/// Brings every hidden neuron to a normal form under its activation's affine symmetries, without
/// permuting: the first half of the canonical form, and the common ground of alignment.
/// </summary>
/// <remarks>
/// Rules, applied to a neuron's incoming weights w and bias β:
/// <list type="bullet">
/// <item>a reflection (a &lt; 0 in the activation's group: tanh, sigmoid, hardtanh, ReLU6, |x|, identity)
/// is used when the entry of w with the largest magnitude (lowest index among equals) is negative,
/// so that afterwards it is positive;</item>
/// <item>positive scaling (ReLU, leaky ReLU, |x|) scales (w, β) to unit Euclidean norm;</item>
/// <item>the affine family of the identity map scales w to unit norm and β to 0.</item>
/// </list>
/// A neuron whose incoming weights are all zero is left as it is (it is constant: reduction removes it).
/// </remarks>
public static class NeuronNormalizer
{
    /// <summary>The symmetry that normalises a neuron with incoming weights w and bias β under ρ's group.</summary>
    public static AffineSymmetry Normalizer(Activation activation, ReadOnlySpan<double> w, double bias)
    {
        var group = activation.Symmetries;
        int top = 0;
        for (int k = 1; k < w.Length; k++) if (Math.Abs(w[k]) > Math.Abs(w[top])) top = k;
        if (w.Length == 0 || w[top] == 0) return AffineSymmetry.Identity;

        var s = AffineSymmetry.Identity;
        bool affineFamily = group.Continuous.Any(f => f.Kind == SymmetryFamilyKind.Affine);
        if (w[top] < 0)
        {
            var reflection = group.Discrete.Where(d => d.A < 0).Cast<AffineSymmetry?>().FirstOrDefault();
            if (reflection is { } r) s = r;
            else if (affineFamily) s = new AffineSymmetry(-1, 0, -1, 0);
        }
        double norm2 = 0;
        foreach (double v in w) norm2 += v * v;
        double b = s.A * bias + s.B;
        if (affineFamily)
        {
            double a = 1 / Math.Sqrt(norm2);
            s = new AffineSymmetry(a, -a * b, a, -a * b).Compose(s);
        }
        else if (group.Continuous.Any(f => f.Kind == SymmetryFamilyKind.PositiveScaling))
        {
            double lambda = 1 / Math.Sqrt(norm2 + b * b);
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
        var group = SymmetryGroup.Of(network);
        var total = GroupElement.Identity(group.HiddenWidths);
        var current = network;
        for (int l = 0; l < network.Layers.Count - 1; l++)
        {
            var layer = current.Layers[l];
            var step = GroupElement.Identity(group.HiddenWidths);
            for (int j = 0; j < layer.OutputSize; j++)
                step.Affine[l][j] = Normalizer(layer.Activation, layer.Weights.Slice(j * layer.InputSize, layer.InputSize), layer.Bias[j]);
            current = step.Apply(current);
            total = step.Compose(total);
        }
        return (current, total);
    }
}

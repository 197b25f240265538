using NetSym.Networks;
using NetSym.Symmetries;

namespace NetSym.Canonical;

/// <summary>
/// Brings every hidden neuron to a normal form under its activation's affine symmetries, without
/// permuting: the first half of the canonical form, and the common ground of alignment.
/// </summary>
/// <remarks>
/// The rule is the group's (<see cref="AffineSymmetryGroup.Normalizer"/>), read from its parts, never from
/// the activation's name: the reflection makes the largest incoming weight positive; a scaling family scales
/// (w, β − x₀) to unit norm (ReLU, leaky ReLU, |x|, x³); the affine family of the identity map scales w to unit
/// norm and moves β to 0; a translation family (eˣ) moves β to 0; a period (sin, cos) brings β into
/// [−p/2, p/2]. The result is one representative of the neuron's orbit, so two neurons related by a
/// symmetry get the same normal form (up to rounding; exactly for the piecewise-linear catalog, where a
/// scale within rounding of 1 is taken as 1 so that normalising a normal form changes nothing, bit for bit).
/// A neuron with w = 0 and β = 0 is left as it is.
/// </remarks>
public static class NeuronNormalizer
{
    /// <summary>The symmetry that normalises a neuron with incoming weights w and bias β under ρ's group.</summary>
    public static AffineSymmetry Normalizer(Activation activation, ReadOnlySpan<double> w, double bias)
    {
        ArgumentNullException.ThrowIfNull(activation);
        return activation.Symmetries.Normalizer(w, bias);
    }

    /// <summary>
    /// Normalises every hidden neuron, layer by layer (a layer's normalisation rescales the next
    /// layer's incoming weights, so order matters). Returns the normal form and the element g with
    /// g·network = normal form.
    /// </summary>
    public static (Network Normalized, GroupElement Element) Normalize(Network network)
    {
        var form = LayerSweep.Run(network, order: null);
        return (form.Network, form.Element!);
    }
}

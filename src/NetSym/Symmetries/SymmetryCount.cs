using NetSym.Networks;

namespace NetSym.Symmetries;

/// <summary>
/// The size of a symmetry group: the exact order of its discrete part and the dimension of its
/// continuous part (Michelucci 2022: ∏ n_l! for dense layers, ∏ filters! for convolutions, times the
/// activations' discrete symmetries per unit).
/// </summary>
public sealed record SymmetryCount(GroupOrder Order, int ContinuousDimension)
{
    /// <summary>The count for the generic network of a (dense or convolutional) architecture with one hidden activation.</summary>
    /// <remarks>
    /// Every unit of a hidden layer — a neuron, or a filter of a convolution with its bias — can be
    /// permuted with the others and acted on by ρ's affine group: rescaling a filter by λ and its
    /// outgoing channel weights by 1/λ is a symmetry exactly as for a neuron.
    /// </remarks>
    public static SymmetryCount Of(LayeredArchitecture architecture, Activation hidden)
    {
        var units = architecture.HiddenUnits;
        var powers = new Dictionary<int, int>();
        int d = hidden.Symmetries.DiscreteOrder;
        if (d > 1) powers[d] = units.Sum();
        var order = new GroupOrder([.. units], powers) { InfiniteCyclic = hidden.Symmetries.HasInfiniteDiscretePart ? units.Sum() : 0 };
        return new SymmetryCount(order, units.Sum() * hidden.Symmetries.ContinuousDimension);
    }

    /// <summary>
    /// The count for a concrete network's architecture (activations, skip connections and masks included); a
    /// network with convolution, pooling or addition layers is counted from its <see cref="PermutationSpec"/>.
    /// </summary>
    public static SymmetryCount Of(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!network.HasDenseLayersOnly)
        {
            var spec = PermutationSpec.Derive(network);
            return new SymmetryCount(spec.Order, spec.ContinuousDimension);
        }
        var group = SymmetryGroup.Of(network);
        return new SymmetryCount(group.DiscreteOrder, group.ContinuousDimension);
    }
}

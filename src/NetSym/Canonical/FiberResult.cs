using NetSym.Reduction;
using NetSym.Symmetries;

namespace NetSym.Canonical;

/// <summary>The outcome of <see cref="Fiber.Describe"/>: every network realising the given network's function, as far as it is known.</summary>
/// <param name="Reduction">The given network reduced exactly (tolerance 0, no domain): the smallest network of the fiber found by the reducer.</param>
/// <param name="Canonical">The reduced network's canonical form: the fiber's representative, the same for every network of the fiber that the theorem covers.</param>
/// <param name="Group">The symmetry group of the reduced network's architecture.</param>
/// <param name="Conditions">The theorem's conditions, each checked.</param>
/// <param name="Additions">The degenerate additions that give larger networks of the fiber.</param>
public sealed record FiberResult(
    ReductionResult Reduction,
    CanonicalForm Canonical,
    SymmetryGroup Group,
    IReadOnlyList<FiberCondition> Conditions,
    IReadOnlyList<DegenerateAdditionKind> Additions)
{
    /// <summary>
    /// Whether the description is complete: every condition holds, so every network realising the function
    /// is an element of the canonical network's orbit under <see cref="Group"/> (<see cref="OrbitSize"/>
    /// distinct parameter settings of the reduced architecture), enlarged by <see cref="Additions"/>.
    /// </summary>
    public bool Complete => Conditions.All(c => c.Holds);

    /// <summary>
    /// The number of parameter settings of the reduced architecture that realise the function when
    /// <see cref="Complete"/>: the group's order, since no non-identity element fixes a network with no
    /// twins and no constant unit. Null when the description is not complete or the group is not finite.
    /// </summary>
    public GroupOrder? OrbitSize => Complete && Group.ContinuousDimension == 0 && Group.DiscreteOrder.IsFinite ? Group.DiscreteOrder : null;
}

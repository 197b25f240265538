using NetSym.Networks;

namespace NetSym.Dimension;

/// <summary>
/// Which neurons' breakpoints a batch from <see cref="InputSampler.Kinks"/> got to. A neuron with a
/// breakpoint is <see cref="Reached"/> when some row was placed beside one of its crossings (so the batch
/// has a point in a region that the neuron's bent hyperplane bounds), found when one of the batch's lines
/// crossed it, and <see cref="NeverFound"/> when no line did: its kink lies beyond the lines' scales, or
/// its pre-activation does not vary along them (a dead or constant neuron), and the batch says nothing of
/// the regions it separates.
/// </summary>
/// <param name="Neurons">Neurons with at least one breakpoint (those of layers whose activation bends).</param>
/// <param name="Reached">Neurons beside one of whose crossings a row was placed, in order.</param>
/// <param name="CrossedOnly">Neurons crossed by some line but beside none of whose crossings a row lies.</param>
/// <param name="NeverFound">Neurons no line crossed, in order.</param>
public sealed record KinkCoverage(int Neurons, IReadOnlyList<Neuron> Reached, IReadOnlyList<Neuron> CrossedOnly, IReadOnlyList<Neuron> NeverFound);

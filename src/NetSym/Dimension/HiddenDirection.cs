using NetSym.Networks;

namespace NetSym.Dimension;

/// <summary>
/// A vector v with J·v = 0 (mod p) outside the span of the symmetry group's tangent vectors: an
/// infinitesimal hidden symmetry on the batch. It is one vector of the kernel's reduced basis
/// (1 at <see cref="FreeParameter"/>, 0 at the kernel's other free parameters).
/// </summary>
/// <param name="FreeParameter">The parameter at which the vector is 1.</param>
/// <param name="Parameters">The parameters it moves (its support), increasing, as indices of <see cref="Network.GetParameters"/>.</param>
/// <param name="Residues">Its entries mod p on <paramref name="Parameters"/>.</param>
/// <param name="Lift">
/// The exact entries as small fractions when every residue has one (<see cref="SmallRational.Reconstruct"/>)
/// and the lifted vector is also in the kernel modulo an independent second prime; otherwise null.
/// </param>
/// <param name="Neurons">The hidden neurons whose incoming weights, bias or outgoing weights it moves.</param>
/// <param name="ExplainedBy">Indices into the result's causes whose neurons' parameters it moves.</param>
public sealed record HiddenDirection(
    int FreeParameter,
    IReadOnlyList<int> Parameters,
    IReadOnlyList<long> Residues,
    IReadOnlyList<SmallRational>? Lift,
    IReadOnlyList<Neuron> Neurons,
    IReadOnlyList<int> ExplainedBy);

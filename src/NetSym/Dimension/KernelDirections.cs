namespace NetSym.Dimension;

/// <summary>
/// The kernel of the parameter Jacobian beyond the symmetry group's tangent space: the hidden
/// directions, or why they were not computed.
/// </summary>
/// <param name="Computed">Whether the directions were computed.</param>
/// <param name="Status">How they were obtained, or why not.</param>
/// <param name="Prime">The prime p of the kernel, when computed.</param>
/// <param name="CheckPrime">The independent prime that lifted vectors were checked against, when computed.</param>
/// <param name="KernelDimension">dim ker J mod p (P − rank), when computed.</param>
/// <param name="TangentRank">Rank of the group's tangent vectors (at most dim of the continuous group; lower where a neuron is all zeros).</param>
/// <param name="Directions">One vector per dimension of ker J beyond the tangents: KernelDimension − TangentRank of them.</param>
public sealed record KernelDirections(
    bool Computed,
    string Status,
    long? Prime,
    long? CheckPrime,
    int KernelDimension,
    int TangentRank,
    IReadOnlyList<HiddenDirection> Directions)
{
    /// <summary>Not computed, and why.</summary>
    public static KernelDirections Skipped(string reason) => new(false, reason, null, null, 0, 0, []);
}

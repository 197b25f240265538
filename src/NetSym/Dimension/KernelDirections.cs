namespace NetSym.Dimension;

/// <summary>
/// The kernel of the parameter Jacobian beyond the symmetry group's tangent space: the hidden
/// directions, or why they were not computed.
/// </summary>
/// <param name="Status">Computed, or why not.</param>
/// <param name="Prime">The prime p of the kernel, when computed.</param>
/// <param name="CheckPrime">The independent prime that lifted vectors were checked against, when computed.</param>
/// <param name="KernelDimension">dim ker J mod p (P − rank), when computed.</param>
/// <param name="TangentRank">Rank of the group's tangent vectors (at most dim of the continuous group; lower where a neuron is all zeros).</param>
/// <param name="Directions">One vector per dimension of ker J beyond the tangents: KernelDimension − TangentRank of them.</param>
public sealed record KernelDirections(
    KernelStatus Status,
    long? Prime,
    long? CheckPrime,
    int KernelDimension,
    int TangentRank,
    IReadOnlyList<HiddenDirection> Directions)
{
    /// <summary>Whether the directions were computed.</summary>
    public bool Computed => Status == KernelStatus.Computed;

    /// <summary>When computed: the number of symmetry tangent vectors whose span was taken out.</summary>
    public int TangentVectors { get; init; }

    /// <summary>
    /// When computed: how many of the <see cref="Directions"/>' dimensions the found causes' kernel
    /// vectors span (modulo the tangents, ranks of unions, so never more than their count); see
    /// CauseDirections for which causes yield vectors.
    /// </summary>
    public int Explained { get; init; }

    /// <summary>When computed: the directions no found cause's vectors account for.</summary>
    public int Unexplained => Directions.Count - Explained;

    /// <summary>When computed for a float rank: the directions are exact although the rank is not.</summary>
    public bool UnderFloatRank { get; init; }

    /// <summary>Not computed, and why.</summary>
    public static KernelDirections Skipped(KernelStatus reason) => new(reason, null, null, 0, 0, []);

    /// <summary>Why not, before any work: the rank meets the bound, directions were not asked for, or the batch is too small.</summary>
    /// <returns>The skipped result, or null when the directions should be computed.</returns>
    public static KernelDirections? SkipBefore(int rank, int bound, int rows, bool requested) =>
        rank >= bound ? Skipped(KernelStatus.RankMeetsBound)
        : !requested ? Skipped(KernelStatus.NotRequested)
        : rows < bound ? Skipped(KernelStatus.BatchTooSmall)
        : null;
}

namespace NetSym.Symmetries;

/// <summary>
/// One class of a <see cref="PermutationSpec"/>: producer layers (convolutions or dense layers) whose output
/// channels share one permutation π and one factor λ_c per channel — new channel k is λ_{π(k)} times old
/// channel π(k) in every producer — because residual additions sum them. Layers that read these channels
/// (directly, or after pooling and additions) take π and 1/λ on their input channels.
/// </summary>
/// <param name="Index">Position in <see cref="PermutationSpec.Classes"/>.</param>
/// <param name="Producers">The convolution and dense layers whose outputs carry the channels, by increasing layer index.</param>
/// <param name="Additions">The addition layers that tie the producers (and carry the channels too).</param>
/// <param name="Channels">Number of channels (neurons of a dense producer).</param>
/// <param name="Factors">The per-channel factors every producer's and addition's activation (and every max-pool that reads the channels) admits.</param>
/// <param name="PermutationOwner">
/// The class whose π this class uses: itself, or an earlier class when a depthwise convolution ties its output
/// channels to its input channels (its factors stay its own).
/// </param>
/// <param name="Blocks">
/// The channel blocks π permutes within (the owner's blocks): one block of every channel, or the channel groups
/// of grouped convolutions, which π never mixes; all singletons when the channels are fixed.
/// </param>
/// <param name="Fixed">Whether these channels are the network's output (or tied to its input): never permuted or scaled.</param>
public sealed record ChannelClass(int Index, IReadOnlyList<int> Producers, IReadOnlyList<int> Additions, int Channels,
    ChannelFactors Factors, int PermutationOwner, IReadOnlyList<int[]> Blocks, bool Fixed)
{
    /// <summary>Whether the class has a permutation of its own (not tied to an earlier class's).</summary>
    public bool OwnsPermutation => PermutationOwner == Index;

    /// <summary>The sizes of <see cref="Blocks"/> above 1: the class's own permutations are ∏ S_size (none when tied to another class).</summary>
    public IReadOnlyList<int> PermutableBlockSizes => OwnsPermutation ? [.. Blocks.Where(b => b.Length > 1).Select(b => b.Length)] : [];
}

using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Symmetries;

/// <summary>One member of an orbit: the element applied, the network it gave, and the check that it computes the same function.</summary>
/// <param name="Element">The group element g of a dense network; null for a network that is not dense-only, whose g is <see cref="Transform"/>.</param>
/// <param name="Network">g·θ.</param>
/// <param name="MaxOutputDifference">max |f_θ(x) − f_{g·θ}(x)| over the check inputs.</param>
/// <param name="Verified">Whether that difference is within the tolerance.</param>
public sealed record OrbitMember(GroupElement? Element, Network Network, double MaxOutputDifference, bool Verified)
{
    /// <summary>g for a network that is not dense-only: an element of its <see cref="PermutationSpec"/>; null for a dense network.</summary>
    public ChannelTransform? Transform { get; init; }
}

/// <summary>
/// Random points of a network's orbit under its symmetry group, each checked on random inputs
/// to compute the same function.
/// </summary>
public static class OrbitSampler
{
    /// <summary>
    /// The memory <see cref="Sample"/> takes: the network and its <paramref name="count"/> copies, all
    /// returned together (the group elements and the check inputs are small beside them).
    /// </summary>
    public static MemoryEstimate EstimateMemory(Network network, int count)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new MemoryEstimate(
        [
            new("network", MemoryEstimate.Doubles(1, network.ParameterCount)),
            new($"{count} copies of the network", MemoryEstimate.Doubles(count, network.ParameterCount)),
        ]);
    }

    /// <summary>
    /// Draws <paramref name="count"/> random elements (of <see cref="SymmetryGroup.Of"/> for a dense network, of
    /// <see cref="PermutationSpec.Derive"/> otherwise: <see cref="PermutationSpec.RandomElement"/>) and applies them. Each is verified on
    /// <paramref name="checkInputs"/> standard normal inputs, evaluated on <paramref name="backend"/>:
    /// max |Δf| ≤ <paramref name="relativeTolerance"/>·(1 + max |f|). The inputs are drawn from
    /// <c>key.Split("inputs")</c> (<see cref="RandomNetworks.GaussianInputs"/>), element k (from 0) from
    /// the stream of <c>key.Split("orbit").Split(k)</c>.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="count">Elements to draw.</param>
    /// <param name="key">The random key (see above).</param>
    /// <param name="backend">The linear-algebra engine of the check.</param>
    /// <param name="checkInputs">Inputs each member is checked on.</param>
    /// <param name="relativeTolerance">The check's tolerance, relative to 1 + max |f|.</param>
    /// <param name="progress">Told of each member as it is drawn and checked.</param>
    public static IReadOnlyList<OrbitMember> Sample(Network network, int count, RandomKey key, LinearAlgebraBackend backend,
        int checkInputs = 64, double relativeTolerance = 1e-9, IProgress<ProgressReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(backend);
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), "count must be non-negative");
        if (!(relativeTolerance >= 0)) throw new ArgumentException($"tolerance must be a non-negative number, got {relativeTolerance}");
        var group = network.HasDenseLayersOnly ? SymmetryGroup.Of(network) : null;
        var spec = group is null ? PermutationSpec.Derive(network) : null;
        var x = RandomNetworks.GaussianInputs(checkInputs, network.InputSize, key.Split(RandomPurpose.Inputs));
        var reference = Forward.Evaluate(network, x, backend);
        var elements = key.Split(RandomPurpose.Orbit);
        double scale = 1 + reference.Data.Select(Math.Abs).DefaultIfEmpty(0).Max();

        var members = new List<OrbitMember>();
        var stages = new ProgressStages(progress, count);
        for (int k = 0; k < count; k++)
        {
            stages.Begin($"member {k + 1} of {count}");
            var stream = elements.Split(k).Stream();
            var g = group?.RandomElement(stream);
            var transform = spec?.RandomElement(stream);
            var moved = g?.Apply(network) ?? spec!.Apply(network, transform!);
            var y = Forward.Evaluate(moved, x, backend);
            double diff = 0;
            for (int i = 0; i < y.Data.Length; i++) diff = Math.Max(diff, Math.Abs(y.Data[i] - reference.Data[i]));
            members.Add(new OrbitMember(g, moved, diff, diff <= relativeTolerance * scale) { Transform = transform });
        }
        stages.Complete();
        return members;
    }
}

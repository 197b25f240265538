using System.Globalization;
using NetSym.Networks;

namespace NetSym.Reduction;

/// <summary>The outcome of <see cref="Reducer.Reduce"/>: the reduced network and the report of what was done.</summary>
/// <param name="Network">The reduced network: same input and output sizes, no more neurons than the original.</param>
/// <param name="Steps">What was done to which neuron, in order.</param>
/// <param name="KeptNeurons">
/// Per layer (output included), the original indices of the neurons the reduced network keeps, in order; for a
/// convolutional or residual network, of each layer's output channels (pooling and additions included).
/// </param>
/// <param name="Domain">The box the reducer was given, or null.</param>
/// <param name="Tolerance">The tolerance the reducer was given (0: exact).</param>
public sealed record ReductionResult(
    Network Network,
    IReadOnlyList<ReductionStep> Steps,
    IReadOnlyList<int[]> KeptNeurons,
    Box? Domain,
    double Tolerance)
{
    /// <summary>Whether some step used the domain, so that the reduced network equals the original on the domain only.</summary>
    public bool HoldsOnDomainOnly => Steps.Any(s => s.HoldsOnDomainOnly);

    /// <summary>Number of hidden neurons removed (placeholders are kept, so they do not count).</summary>
    public int RemovedNeuronCount => Steps.Count(s => !s.KeptAsPlaceholder);

    /// <summary>What the reduced network is guaranteed to compute, in words.</summary>
    public string Guarantee
    {
        get
        {
            if (Steps.Count == 0) return "unchanged: no redundant neuron found";
            string where = HoldsOnDomainOnly ? $"on the domain {Domain} only" : "everywhere";
            return Tolerance == 0
                ? $"computes the same function as the original {where}"
                : $"computes the same function as the original {where}, up to the tolerance {Tolerance.ToString("R", CultureInfo.InvariantCulture)} (weights with |w| ≤ tolerance treated as zero, twins matched to that relative tolerance)";
        }
    }
}

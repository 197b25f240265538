using System.Globalization;
using NetSym.Cli.Rendering;
using NetSym.Embedding;
using NetSym.Networks;

namespace NetSym.Cli.Analysis;

/// <summary>
/// The path-lifting embedding of a ReLU-family network: its number of paths and its L^0, L^1, L^2
/// and L^∞ path norms, all without materialising Φ. Other activations: not applicable, and why.
/// </summary>
internal sealed class EmbeddingSection : IAnalysisSection
{
    private static readonly double[] Exponents = [0, 1, 2, double.PositiveInfinity];

    /// <inheritdoc />
    public string Title => "Embedding";

    /// <inheritdoc />
    public ReportSection Describe(AnalysisSubject subject)
    {
        var network = subject.Model.Network;
        if (NotApplicable(network) is { } reason)
            return new ReportSection("embedding", Title) { Facts = [new("applicable", "Applicable", false), new("reason", "Why", reason)] };
        var count = PathCount.Of(network);
        return new ReportSection("embedding", Title)
        {
            Facts =
            [
                new("applicable", "Applicable", true),
                new("path_count", "Paths", count.Total.ToString(CultureInfo.InvariantCulture), "entries of Φ(θ), exact"),
                network.HasDenseLayersOnly
                    ? new("enumerable", "Φ enumerable", count.Total <= PathLifting.DefaultMaxPaths, $"within the default limit of {PathLifting.DefaultMaxPaths:N0} entries ('netsym embed' lists it)")
                    : new("enumerable", "Φ enumerable", false, "Φ is listed for dense layers only; counts and norms cover convolution, pooling and addition layers"),
                new("path_norms", "Path norms", new GroupValue(
                [
                    .. Exponents.Select(q =>
                    {
                        string key = double.IsPositiveInfinity(q) ? "inf" : q.ToString("R", CultureInfo.InvariantCulture);
                        return new Fact(key, $"q={key}", PathNorms.Compute(network, q).Value);
                    }),
                ]), "‖Φ(θ)‖_q; q = 0 counts the non-zero paths"),
            ],
            Method = "paths counted exactly in one pass over the layers; each path norm is one float64 pass of the all-ones input through |w|^q, |b|^q (Gonon et al. 2024); Φ is never materialised"
                + (network.HasDenseLayersOnly ? "" : "; a max-pool passes every tap's paths (a sum over its window, weight 1), an average pool weighs each tap 1/k, an addition sums its sources"),
        };
    }

    /// <summary>Why path lifting does not apply to <paramref name="network"/> (an activation that is not positively homogeneous), or null.</summary>
    public static string? NotApplicable(Network network)
    {
        try
        {
            PathLifting.EnsureSupported(network);
            return null;
        }
        catch (ArgumentException e)
        {
            return "not applicable: " + e.Message;
        }
    }
}

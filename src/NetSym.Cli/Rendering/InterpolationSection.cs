using System.Globalization;
using NetSym.Canonical;
using NetSym.LinearAlgebra;

namespace NetSym.Cli.Rendering;

/// <summary>The loss along the straight path from A to B and from A to the aligned B, as <c>align --interpolate</c> reports it.</summary>
internal static class InterpolationSection
{
    public static ReportSection Describe(InterpolationPathResult before, InterpolationPathResult after, string inputs, string? targets, LinearAlgebraBackend backend) =>
        new("interpolation", "Loss along the straight path")
        {
            Facts =
            [
                new("inputs", "Inputs", inputs),
                new("loss", "Loss", targets is null
                    ? "mean squared distance of f_θ(α)(X) from (1 − α)·f_A(X) + α·f_B(X) (0 at both ends)"
                    : $"mean squared error against the targets in {targets}"),
                new("steps", "Points on the path", before.Alphas.Count, "α = 0, …, 1 equally spaced"),
                new("barrier_before", "Barrier before", before.Barrier, $"max over α of L(α) − ((1 − α)·L(0) + α·L(1)), A to B; at α = {Alpha(before.BarrierAlpha)}"),
                new("barrier_after", "Barrier after", after.Barrier, $"the same from A to the aligned B; at α = {Alpha(after.BarrierAlpha)}"),
            ],
            Tables =
            [
                new ReportTable("path", "Loss on the path",
                    [new("alpha", "α"), new("loss_before", "A → B"), new("loss_after", "A → aligned B")],
                    [.. before.Alphas.Select((alpha, k) => (IReadOnlyList<ReportValue>)[alpha, before.Losses[k], after.Losses[k]])]),
            ],
            Method = $"θ(α) = (1 − α)·θ_A + α·θ_B, each point evaluated in float64 on backend {backend.Description} (Frankle et al. 2020; Ainsworth et al. 2023)",
        };

    private static string Alpha(double alpha) => alpha.ToString("0.###", CultureInfo.InvariantCulture);
}

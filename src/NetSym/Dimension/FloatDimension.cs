using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Dimension;

/// <summary>The float64 rank: singular values of the parameter Jacobian above a stated tolerance.</summary>
internal static class FloatDimension
{
    /// <summary>The stages <see cref="Compute"/> reports: Jacobian, singular values, kernel directions.</summary>
    public const int Stages = 3;

    public static FunctionalDimensionResult Compute(Network network, Matrix inputs, FunctionalDimensionOptions options, LinearAlgebraBackend la,
        ProgressStages? stages)
    {
        stages?.Begin($"parameter Jacobian on {inputs.Rows} points");
        var j = ParameterJacobian.Compute(network, inputs, la);
        stages?.Begin($"singular values of the {j.Rows} × {j.Columns} Jacobian");
        var sigma = j.Rows == 0 ? [] : la.SingularValues(j.Data, j.Rows, j.Columns);
        var (rank, tolerance) = RankPolicy.FromSingularValues(sigma, j.Rows, j.Columns, options.Tolerance);
        int bound = FunctionalDimension.Bound(network);
        bool exactPossible = FunctionalDimension.SupportsExact(network);
        var pattern = exactPossible && inputs.Rows > 0 ? ActivationPattern.Certify(network, inputs, la) : null;
        var causes = DeficitCauses.Find(network, inputs, pattern, j.Rows, bound, rank, la);
        stages?.Begin("deficit causes and kernel directions");
        return new FunctionalDimensionResult(rank, bound, network.ParameterCount, inputs.Rows, j.Rows,
            RankMethod.Float, tolerance, sigma, [], pattern?.SamplesOnKinks ?? [], 0, la.Description, causes, Directions(network, inputs, options, la, rank, bound, j.Rows, causes));
    }

    // Singular values alone give no kernel vectors; for a piecewise-linear network the exact kernel does.
    private static KernelDirections Directions(Network network, Matrix inputs, FunctionalDimensionOptions options, LinearAlgebraBackend la,
        int rank, int bound, int rows, IReadOnlyList<DeficitCause> causes)
    {
        if (KernelDirections.SkipBefore(rank, bound, rows, options.KernelDirections) is { } skipped) return skipped;
        if (!FunctionalDimension.SupportsExact(network)) return KernelDirections.Skipped(KernelStatus.NeedsPiecewiseLinear);
        if (!network.HasDenseLayersOnly) return KernelDirections.Skipped(KernelStatus.NeedsDenseLayers);
        var session = new ExactSession(network, options, la);
        session.Add(inputs, track: true);
        var kernel = session.Directions(causes);
        return kernel with { UnderFloatRank = true };
    }
}

using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Dimension;

/// <summary>The float64 rank: singular values of the parameter Jacobian above a stated tolerance.</summary>
internal static class FloatDimension
{
    public static FunctionalDimensionResult Compute(Network network, Matrix inputs, FunctionalDimensionOptions options, LinearAlgebraBackend la)
    {
        var j = ParameterJacobian.Compute(network, inputs, la);
        var sigma = j.Rows == 0 ? [] : la.SingularValues(j.Data, j.Rows, j.Columns);
        var (rank, tolerance) = RankPolicy.FromSingularValues(sigma, j.Rows, j.Columns, options.Tolerance);
        int bound = FunctionalDimension.Bound(network);
        bool exactPossible = FunctionalDimension.SupportsExact(network);
        var pattern = exactPossible && inputs.Rows > 0 ? ActivationPattern.Certify(network, inputs, la) : null;
        var causes = DeficitCauses.Find(network, pattern, j.Rows, bound, rank);
        return new FunctionalDimensionResult(rank, bound, network.ParameterCount, inputs.Rows, j.Rows,
            RankMethod.Float, tolerance, sigma, [], [], 0, la.Description, causes, Directions(network, inputs, options, la, rank, bound, j.Rows, causes));
    }

    // Singular values alone give no kernel vectors; for a piecewise-linear network the exact kernel does.
    private static KernelDirections Directions(Network network, Matrix inputs, FunctionalDimensionOptions options, LinearAlgebraBackend la,
        int rank, int bound, int rows, IReadOnlyList<DeficitCause> causes)
    {
        if (rank >= bound) return KernelDirections.Skipped("none: the rank meets the bound, so the kernel is the symmetry group's tangent space");
        if (!options.KernelDirections) return KernelDirections.Skipped("not requested");
        if (rows < bound) return KernelDirections.Skipped("not computed: the batch has fewer Jacobian rows than the bound, so most of the kernel only reflects missing points");
        if (!FunctionalDimension.SupportsExact(network))
            return KernelDirections.Skipped("not computed: kernel vectors come from the exact kernel over F_p, which needs piecewise-linear activations; the float engine computes singular values only");
        var session = new ExactSession(network, options, la);
        session.Add(inputs, track: true);
        var kernel = session.Directions(causes);
        return kernel with { Status = $"exact, although the rank above is float: {kernel.Status} (inputs on a kink dropped)" };
    }
}

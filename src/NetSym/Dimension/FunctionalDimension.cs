using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Symmetries;

namespace NetSym.Dimension;

/// <summary>
/// Rank of the parameter Jacobian on a batch (batch functional dimension), exactly over F_p for
/// piecewise-linear networks or from float64 singular values for any network.
/// </summary>
public static class FunctionalDimension
{
    /// <summary>float64 machine epsilon 2^-52, the ε of NumPy's default rank tolerance.</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>The upper bound P − dim(continuous symmetry group): each continuous symmetry direction is in the Jacobian's kernel.</summary>
    public static int Bound(Network network) => network.ParameterCount - SymmetryGroup.Of(network).ContinuousDimension;

    /// <summary>Whether the exact method applies: every activation piecewise linear (finite doubles are rational, so its slopes are too).</summary>
    public static bool SupportsExact(Network network) => network.Layers.All(l => l.Activation.IsPiecewiseLinear);

    /// <summary>The rank of J = ∂(f_θ(x_1), …, f_θ(x_N))/∂θ on the rows of <paramref name="inputs"/>.</summary>
    /// <exception cref="ArgumentException">Exact asked for a network that is not piecewise linear (the message suggests float), bad options, inputs of the wrong width.</exception>
    public static FunctionalDimensionResult Compute(Network network, Matrix inputs, FunctionalDimensionOptions? options = null, LinearAlgebraBackend? backend = null)
    {
        options ??= FunctionalDimensionOptions.Default;
        options.Validate();
        var la = backend ?? LinearAlgebraBackends.Default;
        var method = options.Method ?? (SupportsExact(network) ? RankMethod.Exact : RankMethod.Float);
        if (method == RankMethod.Exact && !SupportsExact(network))
        {
            var bad = network.Layers.First(l => !l.Activation.IsPiecewiseLinear).Activation;
            throw new ArgumentException($"exact rank needs piecewise-linear activations with rational slopes, but the network uses {bad.Spec}; use --float");
        }
        return method == RankMethod.Exact ? Exact(network, inputs, options, la) : Float(network, inputs, options, la);
    }

    private static FunctionalDimensionResult Float(Network network, Matrix inputs, FunctionalDimensionOptions options, LinearAlgebraBackend la)
    {
        var j = ParameterJacobian.Compute(network, inputs, la);
        var sigma = j.Rows == 0 ? [] : la.SingularValues(j.Data, j.Rows, j.Columns);
        double tolerance = options.Tolerance ?? (sigma.Length == 0 ? 0 : sigma[0] * Math.Max(j.Rows, j.Columns) * MachineEpsilon);
        int rank = sigma.Count(s => s > tolerance);
        return new FunctionalDimensionResult(rank, Bound(network), network.ParameterCount, inputs.Rows, j.Rows,
            RankMethod.Float, tolerance, sigma, [], [], 0, la.Description);
    }

    private static FunctionalDimensionResult Exact(Network network, Matrix inputs, FunctionalDimensionOptions options, LinearAlgebraBackend la)
    {
        var pattern = ActivationPattern.Certify(network, inputs, la);
        var dropped = pattern.SamplesOnKinks;
        if (dropped.Count > 0)
        {
            var keep = Enumerable.Range(0, inputs.Rows).Except(dropped).ToList();
            var kept = new Matrix(keep.Count, inputs.Columns);
            for (int i = 0; i < keep.Count; i++) inputs.Row(keep[i]).CopyTo(kept.Row(i));
            pattern = pattern.Subset(keep);
            inputs = kept;
        }
        var random = new Random(options.Seed);
        var primes = new List<long>();
        int rank = 0, rows = inputs.Rows * network.OutputSize;
        for (int k = 0; k < options.Primes; k++)
        {
            var field = PrimeField.Random(random);
            primes.Add(field.P);
            var j = ModularParameterJacobian.Compute(network, inputs, field, pattern, la);
            // The Jacobian is not needed afterwards: eliminate in place rather than holding two copies.
            rank = Math.Max(rank, ModularRank.ComputeInPlace(field, j.Data, j.Rows, j.Columns, la).Rank);
        }
        return new FunctionalDimensionResult(rank, Bound(network), network.ParameterCount, inputs.Rows, rows,
            RankMethod.Exact, null, null, primes, dropped, pattern.ExactSamples, la.Description);
    }
}

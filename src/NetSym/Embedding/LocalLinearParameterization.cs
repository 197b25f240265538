using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Embedding;

/// <summary>
/// The local linear parameterisation of Stock &amp; Gribonval (2022): for positively homogeneous
/// activations, R_θ(x)_o = ⟨Φ_o(θ), A_o(x, pattern(θ, x))⟩, where the entry of A for a path is the
/// product of the slopes of the neurons it visits (its starting bias's neuron and its output
/// included), times x_k for a path from input coordinate k and times 1 for a bias path.
/// </summary>
/// <remarks>
/// Each neuron computes ρ(z) = ρ'(z)·z, so unrolling the network with the slopes frozen writes the
/// output as a sum over paths of (weights along the path)·(slopes along the path)·(start). With the
/// pattern held fixed, A does not depend on θ, whence the parameter Jacobian J_θ(X) = A_X·DΦ(θ)
/// (<see cref="PathLiftingJacobian"/>).
/// </remarks>
public static class LocalLinearParameterization
{
    /// <summary>A(x_i, pattern(θ, x_i)) for every row x_i of the batch: the pattern is the network's own at each input.</summary>
    /// <exception cref="ArgumentException">Wrong input width, or an activation that is not positively homogeneous.</exception>
    public static ProductPathVectors Activations(Network network, Matrix inputs, LinearAlgebraBackend backend) =>
        Activations(network, inputs, SlopePattern.Of(network, inputs, backend));

    /// <summary>
    /// A(x_i, pattern) for a given pattern (e.g. another batch's: ⟨Φ, A(x, pattern(θ, x'))⟩ extends the
    /// affine piece of x' to x).
    /// </summary>
    /// <exception cref="ArgumentException">Shapes that do not fit, or an activation that is not positively homogeneous.</exception>
    public static ProductPathVectors Activations(Network network, Matrix inputs, SlopePattern pattern)
    {
        PathLifting.EnsureSupported(network);
        var vectors = new ProductPathVectors(inputs, pattern.Slopes);
        vectors.Validate(network);
        return vectors;
    }
}

using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Embedding;

/// <summary>
/// The activation pattern of a batch: for every layer an n × N_l matrix of the slopes ρ'(z) that the
/// neurons' pre-activations z select — for ReLU 1 (active) or 0 (inactive), for leaky_relu(α) 1 or
/// α, for abs ±1. At a kink the slope is the one <see cref="Activation.Derivative(double)"/> takes,
/// as in the parameter Jacobian (ReLU: 0 at z = 0).
/// </summary>
public sealed record SlopePattern(IReadOnlyList<Matrix> Slopes)
{
    /// <summary>pattern(θ, X): the slopes at every input of the batch.</summary>
    /// <exception cref="ArgumentException">The inputs have the wrong number of columns.</exception>
    public static SlopePattern Of(Network network, Matrix inputs, LinearAlgebraBackend backend)
    {
        var trace = Forward.Trace(network, inputs, backend);
        var slopes = new Matrix[network.Layers.Count];
        for (int l = 0; l < slopes.Length; l++)
        {
            var pre = trace.PreActivations[l];
            slopes[l] = new Matrix(pre.Rows, pre.Columns);
            network.Layers[l].Activation.Derivative(pre.Data, slopes[l].Data);
        }
        return new SlopePattern(slopes);
    }
}

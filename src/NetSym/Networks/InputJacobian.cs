using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// ∂f(x)/∂x for every input of a batch, by batched reverse mode.
/// </summary>
public static class InputJacobian
{
    /// <summary>
    /// An (N·m) × n0 matrix: row i·m + o is the gradient of output o at input i. At a kink of a
    /// piecewise-linear ρ the one-sided derivative of <see cref="Activation.Derivative(double)"/> is used.
    /// </summary>
    public static Matrix Compute(Network network, Matrix inputs, LinearAlgebraBackend backend)
    {
        var la = backend ?? throw new ArgumentNullException(nameof(backend));
        return Backpropagation.Run(Forward.Trace(network, inputs, la), la, wantInput: true).InputGradient!;
    }
}

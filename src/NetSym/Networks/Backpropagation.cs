using NetSym.LinearAlgebra;

namespace NetSym.Networks;

/// <summary>
/// Reverse mode for all outputs of all inputs at once: row r = i·m + o of every matrix belongs to
/// output o of input i. For each layer it yields δ_l = ∂f_o(x_i)/∂z_l (pre-activation), and for the
/// input node ∂f_o(x_i)/∂x. Each step is one GEMM per source node over all N·m rows.
/// </summary>
internal static class Backpropagation
{
    /// <summary>δ per layer (R × width) and, when asked, the input gradient (R × n0).</summary>
    public static (Matrix[] Deltas, Matrix? InputGradient) Run(ForwardTrace trace, LinearAlgebraBackend la, bool wantInput)
    {
        var seeds = LayerKernel.OutputSeeds(trace.BatchSize, trace.Network.OutputSize);
        var deltas = LayerKernel.Reverse(trace.Network, seeds, new DoubleReverseArithmetic(trace, la), wantInput, out var input);
        return (deltas, input);
    }
}

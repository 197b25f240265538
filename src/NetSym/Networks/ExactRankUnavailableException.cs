namespace NetSym.Networks;

/// <summary>
/// Exact arithmetic was asked of an activation that is not piecewise linear with rational slopes
/// (tanh, gelu, softplus, …): its Jacobian entries are not polynomials in the dyadic weights, so no
/// rank mod p bounds the true rank. A float64 rank is the alternative.
/// </summary>
/// <param name="activationSpec">The activation that rules exact arithmetic out, as <see cref="Activation.Spec"/> spells it.</param>
/// <param name="message">What was asked and why it cannot be done.</param>
public sealed class ExactRankUnavailableException(string activationSpec, string message) : ArgumentException(message)
{
    /// <summary>The first activation found that is not piecewise linear with rational slopes.</summary>
    public string ActivationSpec { get; } = activationSpec;

    /// <summary>The message for a whole network or plan whose activations include <paramref name="activationSpec"/>.</summary>
    /// <param name="activationSpec">The offending activation.</param>
    /// <param name="subject">What uses it, e.g. "the network" or "the sweep".</param>
    public static ExactRankUnavailableException For(string activationSpec, string subject) =>
        new(activationSpec, $"exact rank needs piecewise-linear activations with rational slopes, but {subject} uses {activationSpec}");
}

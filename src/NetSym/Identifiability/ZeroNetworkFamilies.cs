using System.Globalization;
using NetSym.Networks;
using NetSym.Networks.Discovery;

namespace NetSym.Identifiability;

/// <summary>
/// Constructive candidates for a non-degenerate network that realises the zero function, one per
/// family whose premise ρ may satisfy. Each is only a proposal: <see cref="ZeroFunctionCheck"/>
/// decides, so a family offered to a ρ outside it is simply rejected by verification.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>linear map</b> (2-3-1): ρ(x₁) + ρ(x₂) − ρ(x₁ + x₂) − ρ(0) = 0 for all x exactly when ρ is affine
/// (Cauchy's equation for a continuous ρ): the identity. No two of the neurons are twins, although the
/// layer as a whole is (an identity layer has all of GL(n) as symmetries, which a pairwise reducer does not see).</item>
/// <item><b>linear pair</b> (1-4-1): if ρ(x) + s·ρ(−x) = α·x + β, then
/// ρ(x) + s·ρ(−x) − ρ(x − 1) − s·ρ(1 − x) − α = 0. Softplus: log(1 + eˣ) − log(1 + e⁻ˣ) = x; ReLU:
/// max(x, 0) − max(−x, 0) = x; GELU, SiLU likewise. The neurons (1, 0), (−1, 0), (1, −1), (−1, 1) are
/// twins only under a symmetry with a = −1, which would make α = 0.</item>
/// <item><b>clip triangle</b> (1-3-1): for a piecewise-linear ρ with two breakpoints t₁ &lt; t₂, constant
/// outside them (hardtanh, ReLU6), neurons whose ramps span the x-intervals [0, 1], [1, 2] and [0, 2]
/// with outgoing weights 1, 1, −2: the slope changes cancel at 0, 1 and 2, so the sum is affine, and
/// constant, and 0 at −∞.</item>
/// </list>
/// </remarks>
public static class ZeroNetworkFamilies
{
    /// <summary>The candidates for <paramref name="activation"/>, with the linear pair found on the grid to <paramref name="tolerance"/>.</summary>
    public static IReadOnlyList<ZeroCandidate> Candidates(Activation activation, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(activation);
        var identity = new IdentityActivation();
        var candidates = new List<ZeroCandidate>
        {
            new(Network.Sequential(2,
            [
                ([1, 0, 0, 1, 1, 1], [0, 0, 0], activation),
                ([1, 1, -1], [-activation.Value(0)], identity),
            ]), "linear map", $"{activation}(x₁) + {activation}(x₂) − {activation}(x₁ + x₂) − {activation}(0) = 0 for all x exactly when {activation} is affine"),
        };
        var fits = LinearPairs(activation, tolerance);
        if (fits.Pairs.FirstOrDefault(p => p.Collapses) is { } pair)
        {
            double s = pair.Kind == LinearPairKind.Difference ? -1 : 1;
            candidates.Add(new(Network.Sequential(1,
            [
                ([1, -1, 1, -1], [0, 0, -1, 1], activation),
                ([1, s, -1, -s], [-pair.Slope], identity),
            ]), "linear pair", string.Create(CultureInfo.InvariantCulture,
                $"{pair.EquationOf(activation.Spec)} ({fits.Method}; relative residual {pair.Residual:G3}), so the two pairs differ by the constant {pair.Slope:G6}")));
        }
        if (activation.Pieces is { Breakpoints: [double t1, double t2], Slopes: [0.0, not 0.0, 0.0] })
        {
            double d = t2 - t1;
            candidates.Add(new(Network.Sequential(1,
            [
                // Ramps over [0, 1], [1, 2] and [0, 2]: a·x + b maps the interval's ends to t₁ and t₂.
                ([d, d, d / 2], [t1, t1 - d, t1], activation),
                ([1, 1, -2], [0], identity),
            ]), "clip triangle", $"{activation} is constant outside [{t1}, {t2}]: the ramps over [0, 1], [1, 2] and [0, 2] with weights 1, 1, −2 have cancelling slope changes at 0, 1 and 2 and equal plateaus"));
        }
        return candidates;
    }

    /// <summary>
    /// ρ(x) − ρ(−x) and ρ(x) + ρ(−x), in that order, each fitted by α·x + β to relative <paramref name="tolerance"/>
    /// as symmetry discovery fits and verifies them (<see cref="SymmetryDiscovery.LinearPairs"/> with its default
    /// points and seed), with how; a pair that <see cref="LinearPair.Collapses"/> is this family's premise.
    /// </summary>
    /// <returns>The fits and the method; no fits, and <c>NotFitted</c> saying why, when ρ is not finite or is constant on the points.</returns>
    /// <exception cref="ArgumentException">A tolerance that is not a positive finite number.</exception>
    public static (IReadOnlyList<LinearPair> Pairs, string Method, string? NotFitted) LinearPairs(Activation activation, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(activation);
        // Discovery's unresolved band is not used by the fits; it only must not lie below the tolerance.
        var options = DiscoveryOptions.Default with { Tolerance = tolerance, UnresolvedResidual = Math.Max(DiscoveryOptions.Default.UnresolvedResidual, tolerance) };
        options.Validate();
        string method = string.Create(CultureInfo.InvariantCulture,
            $"least squares on {options.GridPoints} points of [−{options.GridRadius:G6}, {options.GridRadius:G6}] and {options.RandomPoints} random ones (seed {options.Seed}), verified there and at ±10^k to 10^{options.TailExponent:G3}, tolerance {tolerance:G3} relative to max(S, |ρ(x)|, |ρ(−x)|), S the range of ρ on the grid");
        try
        {
            return (SymmetryDiscovery.LinearPairs(activation.Value, options), method, null);
        }
        catch (ArgumentException e)
        {
            // The options were validated above, so the verifier refused ρ itself.
            return ([], method, e.Message);
        }
    }
}

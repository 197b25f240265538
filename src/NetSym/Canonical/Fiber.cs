using System.Globalization;
using NetSym.Identifiability;
using NetSym.Networks;
using NetSym.Reduction;
using NetSym.Symmetries;

namespace NetSym.Canonical;

/// <summary>
/// Every network that realises the same function as a given one (its fiber under the parameter-to-function
/// map), for the networks where a theorem makes the answer complete: a tanh-type nonlinearity and a network
/// that is non-degenerate once reduced.
/// </summary>
/// <remarks>
/// <para>Sussmann (1992) for one hidden layer of tanh, and Vlačić &amp; Bölcskei (2021) for general
/// feed-forward architectures and every tanh-type ρ: the networks obtained from one network realising f
/// through ρ's affine symmetries are all the networks realising f, once the degenerate ones are set aside.
/// The degenerate ones are exactly what <see cref="Reducer"/> removes — a unit with zero outgoing weights,
/// a unit with zero incoming weights (a constant), and twins (a unit whose incoming weights and bias are
/// another's under a symmetry of ρ) — and what it leaves in place, a zero weight, which another
/// architecture realises with the edge absent.</para>
/// <para>So the fiber of a network is: reduce it exactly; if the reduced network keeps every layer and ρ is
/// tanh-type, the networks of the reduced architecture realising f are the orbit of its canonical form under
/// the symmetry group, all |G| of them distinct, and every larger network realising f is one of them enlarged by
/// <see cref="DegenerateAdditionKind"/> steps. Where a condition fails, the result says which, and the
/// orbit is then only part of the fiber (ReLU's hidden symmetries, networks that reduce to a constant,
/// nonlinearities outside the class).</para>
/// </remarks>
public static class Fiber
{
    /// <summary>The activations the theorem is proved for.</summary>
    public const string TheoremScope = "tanh (Vlačić & Bölcskei 2021, Sussmann 1992) and the logistic sigmoid, σ(x) = (1 + tanh(x/2))/2, an affine reparameterisation of tanh, as is any ρ = c·tanh(a·x + b) + d (TanhTypeTest)";

    /// <summary>Describes the fiber of <paramref name="network"/>: reduced exactly, canonicalised, its group and the conditions checked.</summary>
    public static FiberResult Describe(Network network, IProgress<ProgressReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.RequireDenseLayers("the fiber");
        var stages = new ProgressStages(progress, 2);
        stages.Begin("reducing");
        var reduction = Reducer.Reduce(network);
        stages.Begin("canonicalising");
        var canonical = Canonicalizer.Canonicalize(reduction.Network);
        stages.Complete();
        var reduced = reduction.Network;
        return new FiberResult(reduction, canonical, SymmetryGroup.Of(reduced), Conditions(reduced, reduction), Enum.GetValues<DegenerateAdditionKind>());
    }

    /// <summary>
    /// Why the theorem says nothing about a network with convolution, pooling or addition layers, reduced channel by channel:
    /// its conditions (dead, constant and twin units, tanh-type hidden layers) are about dense layers, and no theorem
    /// covers channels.
    /// </summary>
    internal const string ChannelNetworkGap =
        "reduced channel by channel, but the uniqueness theorem is for networks of dense layers only "
        + "(none says that different canonical forms of a convolutional or residual network are different functions)";

    /// <summary>
    /// The conditions that fail for a network already reduced exactly, as "NAME: detail" with <paramref name="label"/> in front; empty when the
    /// theorem covers it. A network with convolution, pooling or addition layers has the one gap <see cref="ChannelNetworkGap"/>.
    /// </summary>
    internal static IEnumerable<string> Gaps(ReductionResult reduction, string label) =>
        reduction.Network.HasDenseLayersOnly
            ? Conditions(reduction.Network, reduction).Where(c => !c.Holds).Select(c => $"{label}: {c.Detail}")
            : [$"{label}: {ChannelNetworkGap}"];

    private static FiberCondition[] Conditions(Network reduced, ReductionResult reduction)
    {
        var hidden = reduced.Layers.Take(reduced.Layers.Count - 1).ToArray();
        var tests = hidden.Select(l => l.Activation).Distinct().Select(a => TanhTypeTest.Check(a)).ToArray();
        var outside = tests.Where(t => t.Verdict is not (TanhTypeVerdict.ProvedByPapers or TanhTypeVerdict.CheckedNumerically)).Select(t => t.Activation).ToArray();
        var numeric = tests.Where(t => t.Verdict == TanhTypeVerdict.CheckedNumerically).ToArray();
        int placeholders = reduction.Steps.Count(s => s.KeptAsPlaceholder);
        return
        [
            new("tanh_type", outside.Length == 0, outside.Length == 0
                ? hidden.Length == 0 ? "no hidden layer: the network is affine"
                    : numeric.Length == 0 ? $"every hidden activation is one the theorem is proved for: {TheoremScope}"
                    : $"tanh-type by TanhTypeTest: {string.Join("; ", tests.Select(t => t.Reason))}"
                : $"{string.Join(", ", outside.Select(a => a.Spec))} {(outside.Length == 1 ? "is" : "are")} outside the theorem's class ({TheoremScope}); "
                  + (outside.Any(a => a.IsPiecewiseLinear) ? "piecewise-linear networks can realise one function in ways no symmetry relates (hidden symmetries: see fdim), so the orbit is only part of the fiber" : "the orbit is part of the fiber, and whether it is all of it is not proved")),
            DeadOrConstant(reduced, reduction),
            new("no_twins", true,
                "no unit's incoming weights and bias are another's under a symmetry of ρ (checked exactly by the reducer, which merged "
                + Count(reduction, ReductionRule.Twin) + ")"),
            new("no_empty_layer", placeholders == 0, placeholders == 0
                ? "every hidden layer keeps a unit after reduction"
                : $"{placeholders} hidden layer(s) lost every unit: the function is constant from there on (or carried by skip connections alone), which the theorem does not cover"),
        ];
    }

    // Read off the reduced network itself, so that a unit the reducer left behind shows here.
    private static FiberCondition DeadOrConstant(Network reduced, ReductionResult reduction)
    {
        var bad = new List<string>();
        for (int l = 0; l < reduced.Layers.Count - 1; l++)
        {
            var layer = reduced.Layers[l];
            for (int j = 0; j < layer.OutputSize; j++)
            {
                bool reads = false, read = false;
                for (int k = 0; k < layer.InputSize; k++) reads |= layer.Weight(j, k) != 0;
                foreach (var (consumer, offset) in reduced.Graph.Readers(l + 1))
                    for (int r = 0; r < reduced.Layers[consumer].OutputSize; r++) read |= reduced.Layers[consumer].Weight(r, offset + j) != 0;
                if (!reads || !read) bad.Add($"({l},{j})");
            }
        }
        string removed = $"before this, the reducer removed {Count(reduction, ReductionRule.ZeroOutgoing, ReductionRule.ZeroIncoming)} of that kind";
        return new("no_dead_or_constant_unit", bad.Count == 0, bad.Count == 0
            ? $"every hidden unit of the reduced network has a non-zero incoming and a non-zero outgoing weight (checked exactly; {removed})"
            : $"units {string.Join(", ", bad.Take(10))}{(bad.Count > 10 ? ", …" : "")} have all incoming or all outgoing weights zero ({removed})");
    }

    private static string Count(ReductionResult reduction, params ReductionRule[] rules)
    {
        int n = reduction.Steps.Count(s => rules.Contains(s.Rule));
        return n == 1 ? "1 unit" : n.ToString(CultureInfo.InvariantCulture) + " units";
    }

}

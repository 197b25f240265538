using System.Globalization;
using NetSym.Networks;

namespace NetSym.Reduction;

/// <summary>
/// Reduction: removes the hidden neurons a network does not need, keeping its function.
/// </summary>
/// <remarks>
/// <para>Rules, applied layer by layer (the output layer is never reduced) and repeated until none applies:</para>
/// <list type="number">
/// <item><b>zero outgoing</b>: every weight u by which later layers read the neuron is 0 — removed;</item>
/// <item><b>zero incoming</b>: every incoming weight is 0, so the neuron outputs the constant ρ(β):
/// each consumer row adds u·ρ(β) to its bias;</item>
/// <item>with a domain, from certified interval bounds [lo, hi] on the pre-activation
/// (<see cref="IntervalBounds"/>), for a piecewise-linear ρ that is not globally affine:
/// <b>constant on the domain</b> when [lo, hi] lies in a piece where ρ is constant (ReLU with hi ≤ 0,
/// hardtanh or ReLU6 saturated) — folded into the biases; <b>affine on the domain</b> when [lo, hi]
/// lies in one piece with slope s ≠ 0 (ReLU with lo ≥ 0), where the neuron is s·(w·x + β) + t — every
/// consumer row adds u·s·w to its weights on the neuron's sources, reading them directly (new skip
/// connections; a masked edge wherever no path through the neuron existed), and u·(s·β + t) to its bias;</item>
/// <item><b>twins</b>: the incoming (w′, β′) of a later neuron is (a·w, a·β + b) for an earlier neuron's
/// (w, β) and an affine symmetry (a, b, c, d) of ρ (positive multiples for ReLU, ± for tanh,
/// (−w, −β) with σ(−z) = 1 − σ(z) for the sigmoid, …), with identical connectivity: y′ = c·y + d, so the
/// consumers add c·u′ to u and u′·d to their bias, and the later neuron is removed.</item>
/// </list>
/// <para>
/// A layer never becomes empty: when its last neuron goes, it is folded as above and then kept as a
/// placeholder with zero incoming weights, bias and outgoing weights — the layer's function is then
/// constant and already in its consumers' biases. Layer indices and the remaining neurons' order are
/// preserved. With tolerance 0 every decision is exact (rules 1, 2 and 4 hold for all inputs, rule 3 on
/// the domain); the reduced parameters are then the original ones up to the rounding of the folds.
/// </para>
/// <para>
/// A network with convolution, pooling or addition layers is reduced channel by channel instead
/// (<see cref="ChannelReducer"/>: unused, dead, constant and twin channels of its permutation spec's classes),
/// exactly and on every input; a domain is not used there.
/// </para>
/// </remarks>
public static class Reducer
{
    /// <summary>
    /// The memory <see cref="Reduce"/> takes: the network, its working copy (a double and a mask flag
    /// per weight; a convolutional network's copy has no mask) and the reduced network, at most as large as the network.
    /// </summary>
    public static MemoryEstimate EstimateMemory(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        long p = network.ParameterCount;
        return new MemoryEstimate(
        [
            new("network", MemoryEstimate.Doubles(1, p)),
            new("working copy for the reduction", MemoryEstimate.Doubles(1, p) + p),
            new("reduced network", MemoryEstimate.Doubles(1, p)),
        ]);
    }

    /// <summary>Reduces <paramref name="network"/> to a fixed point of the rules.</summary>
    /// <param name="network">The network to reduce.</param>
    /// <param name="domain">A box of inputs on which domain facts may be used; null for global facts only.</param>
    /// <param name="tolerance">|x| ≤ tolerance counts as zero and twins may differ by that much relative to their scale; 0 is exact.</param>
    /// <param name="progress">
    /// Told of each hidden layer of the first two passes (the second usually finds the fixed point; the
    /// rare further passes rename the last stage).
    /// </param>
    /// <exception cref="ArgumentException">A negative, NaN or infinite tolerance, or a domain whose dimension is not the input size.</exception>
    /// <exception cref="NotSupportedException">A domain for a network with convolution, pooling or addition layers, or such a network with a masked dense layer.</exception>
    public static ReductionResult Reduce(Network network, Box? domain = null, double tolerance = 0, IProgress<ProgressReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!double.IsFinite(tolerance) || tolerance < 0)
            throw new ArgumentException($"the tolerance must be a finite number ≥ 0, got {F(tolerance)}", nameof(tolerance));
        if (domain is not null && domain.Dimension != network.InputSize)
            throw new ArgumentException($"the domain has {domain.Dimension} coordinates, the network has {network.InputSize} inputs", nameof(domain));
        if (!network.HasDenseLayersOnly)
        {
            // Interval bounds through convolutions are not there yet: the channel rules are global facts only.
            if (domain is not null) network.RequireDenseLayers("reduction on a domain");
            return ChannelReducer.Reduce(network, tolerance, progress);
        }

        var work = new ReductionWorkspace(network);
        var steps = new List<ReductionStep>();
        int hidden = work.LayerCount - 1;
        var stages = new ProgressStages(progress, 2 * hidden);
        int pass = 0;
        bool changed;
        do
        {
            changed = false;
            pass++;
            // Bounds of the network as the pass finds it. No step changes a remaining neuron's pre-activation
            // on the domain (beyond the tolerance), so they hold for the whole pass; a step makes another pass.
            var bounds = domain is null ? default : DomainBounds(work, domain);
            for (int l = 0; l < hidden; l++)
            {
                string stage = $"pass {pass}{(pass > 1 ? " (to a fixed point)" : "")}: hidden layer {l + 1} of {hidden}, {work.AliveCount(l)} neurons";
                if (pass <= 2) stages.Begin(stage);
                else stages.Rename(stage);
                changed |= RemoveZeroOutgoing(work, l, tolerance, steps);
                changed |= FoldZeroIncoming(work, l, tolerance, steps);
                if (bounds.Bounds is not null) changed |= FoldOnDomain(work, l, bounds.Bounds, bounds.Kept[l], steps);
                // A renamed stage may not report its fraction again from 0: it would go back.
                changed |= MergeTwins(work, l, tolerance, steps, pass <= 2 ? stages.Within : null);
            }
        } while (changed);

        var (reduced, kept) = work.ToNetwork();
        stages.Complete();
        return new ReductionResult(reduced, steps, kept, domain, tolerance);
    }

    private static bool RemoveZeroOutgoing(ReductionWorkspace work, int l, double tolerance, List<ReductionStep> steps)
    {
        bool changed = false;
        // Removing a neuron leaves the others' outgoing weights as they are.
        var outgoing = work.MaxAbsOutgoing(l);
        foreach (int j in work.AliveNeurons(l))
        {
            if (outgoing[j] > tolerance || work.IsPlaceholder(l, j)) continue;
            bool placeholder = Retire(work, l, j);
            string reason = tolerance == 0 ? "every outgoing weight is 0" : $"every outgoing weight has |u| ≤ {F(tolerance)}";
            steps.Add(new ReductionStep(l, j, ReductionRule.ZeroOutgoing, null, placeholder, reason));
            changed = true;
        }
        return changed;
    }

    private static bool FoldZeroIncoming(ReductionWorkspace work, int l, double tolerance, List<ReductionStep> steps)
    {
        var activation = work.Activation(l);
        bool changed = false;
        foreach (int j in work.AliveNeurons(l))
        {
            if (work.MaxAbsIncoming(l, j) > tolerance || work.IsPlaceholder(l, j)) continue;
            double beta = work.Bias(l, j), value = activation.Value(beta);
            work.FoldConstant(l, j, value);
            bool placeholder = Retire(work, l, j);
            string weights = tolerance == 0 ? "every incoming weight is 0" : $"every incoming weight has |w| ≤ {F(tolerance)}";
            steps.Add(new ReductionStep(l, j, ReductionRule.ZeroIncoming, null, placeholder,
                $"{weights}: constant {activation}({F(beta)}) = {F(value)}"));
            changed = true;
        }
        return changed;
    }

    private static (IntervalBounds? Bounds, int[][] Kept) DomainBounds(ReductionWorkspace work, Box domain)
    {
        var (current, kept) = work.ToNetwork();
        return (IntervalBounds.Compute(current, domain), kept);
    }

    // kept: the original indices of layer l's neurons in the network the bounds were computed for.
    private static bool FoldOnDomain(ReductionWorkspace work, int l, IntervalBounds bounds, int[] kept, List<ReductionStep> steps)
    {
        var activation = work.Activation(l);
        // A globally affine ρ (the identity) gains nothing from the domain: folding it would only trade its neurons for a product matrix.
        if (activation.Pieces is not { } pieces || pieces.Slopes.Distinct().Count() == 1) return false;
        bool changed = false;
        for (int i = 0; i < kept.Length; i++)
        {
            int j = kept[i];
            if (!work.IsAlive(l, j) || work.IsPlaceholder(l, j)) continue;
            var (lo, hi) = bounds.PreActivation(l, i);
            if (ClosedPiece(pieces, lo, hi) is not { } p) continue;
            double slope = pieces.Slopes[p];
            double anchor = pieces.Breakpoints[p > 0 ? p - 1 : p];
            double value = activation.Value(anchor);
            string where = $"pre-activation in [{F(lo)}, {F(hi)}] on the domain, where {activation}";
            if (slope == 0)
            {
                work.FoldConstant(l, j, value);
                bool placeholder = Retire(work, l, j);
                steps.Add(new ReductionStep(l, j, ReductionRule.ConstantOnDomain, null, placeholder, $"{where} is constant {F(value)}"));
            }
            else
            {
                double intercept = value - slope * anchor;
                var added = work.FoldAffine(l, j, slope, intercept);
                bool placeholder = Retire(work, l, j);
                string rewired = added.Count == 0 ? "" :
                    "; now read directly: " + string.Join(", ", added.Select(a => $"{string.Join(" and ", a.AddedNodes.Select(NodeName))} by layer {a.Consumer}"));
                steps.Add(new ReductionStep(l, j, ReductionRule.AffineOnDomain, null, placeholder, $"{where} is affine, {F(slope)}·z + {F(intercept)}{rewired}"));
            }
            changed = true;
        }
        return changed;
    }

    // The pairs make the search quadratic in the width, the layer's cost on wide layers: within is
    // told the share of pairs examined, every hundredth of the neurons.
    private static bool MergeTwins(ReductionWorkspace work, int l, double tolerance, List<ReductionStep> steps, Action<double>? within)
    {
        var activation = work.Activation(l);
        var neurons = work.AliveNeurons(l);
        var candidates = neurons.Select(j => new ReductionTwins.Candidate(work.IncomingRow(l, j), work.Bias(l, j))).ToArray();
        var signatures = neurons.Select(j => work.ConnectivitySignature(l, j)).ToArray();
        var merged = new bool[neurons.Length];
        bool changed = false;
        int n = neurons.Length, step = Math.Max(1, n / 100);
        for (int a = 0; a < n; a++)
        {
            if (within is not null && a % step == 0) within(1 - (double)(n - a) * (n - a) / ((double)n * n));
            if (merged[a]) continue;
            for (int b = a + 1; b < neurons.Length; b++)
            {
                if (merged[b] || signatures[a] != signatures[b]) continue;
                if (ReductionTwins.Match(activation.Symmetries, candidates[a], candidates[b], tolerance) is not { } s) continue;
                work.Merge(l, neurons[a], neurons[b], s.C, s.D);
                merged[b] = true;
                steps.Add(new ReductionStep(l, neurons[b], ReductionRule.Twin, neurons[a], false,
                    $"(w, β) is neuron {neurons[a]}'s under the symmetry {s} of {activation}, so y = {F(s.C)}·y{neurons[a]} + {F(s.D)}"));
                changed = true;
            }
        }
        return changed;
    }

    // Removes j, or keeps it as a zero placeholder when it is the last neuron of its layer; true when kept.
    private static bool Retire(ReductionWorkspace work, int l, int j)
    {
        if (work.AliveCount(l) > 1)
        {
            work.Remove(l, j);
            return false;
        }
        work.MakePlaceholder(l, j);
        return true;
    }

    // The piece p = [t_{p−1}, t_p] (t_{−1} = −∞, t_K = +∞) that contains [lo, hi], if one does: ρ is
    // affine on the closed piece by continuity.
    private static int? ClosedPiece(PiecewiseLinearPieces pieces, double lo, double hi)
    {
        var t = pieces.Breakpoints;
        int p = 0;
        while (p < t.Count && t[p] < hi) p++;
        return p == 0 || t[p - 1] <= lo ? p : null;
    }

    private static string NodeName(int node) => node == 0 ? "the input" : $"layer {node - 1}";

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}

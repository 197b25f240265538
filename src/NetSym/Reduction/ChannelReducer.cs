using System.Globalization;
using NetSym.Networks;
using NetSym.Symmetries;
using LayerKind = NetSym.Networks.LayerKind;

namespace NetSym.Reduction;

/// <summary>
/// Reduction of a convolutional or residual network, channel by channel: the unit is a class of its
/// <see cref="PermutationSpec"/> (producers tied by additions, with the poolings after them), so a channel is
/// removed from every producer, addition and pooling of its class at once, and from every layer that reads it.
/// </summary>
/// <remarks>
/// <para>Rules, applied class by class (never to the network's input or output channels) and repeated until none applies:</para>
/// <list type="number">
/// <item><b>unused</b> (<see cref="ReductionRule.ZeroOutgoing"/>): every kernel slice and dense column block that
/// reads the channel is 0 — removed, whatever the producers compute;</item>
/// <item><b>dead</b> (<see cref="ReductionRule.ZeroIncoming"/> with the constant 0): every producer's kernel row of
/// the channel is 0 and its ρ(b) = 0 (ReLU with b ≤ 0), and every addition of the class has ρ(0) = 0, so the
/// channel is 0 on every input at every position, as is its pooling (padding included) — removed;</item>
/// <item><b>constant</b> (<see cref="ReductionRule.ZeroIncoming"/>): a class with one producer and no addition
/// whose row is 0 and ρ(b) = v ≠ 0 — folded into its readers' biases (v · the sum of the slice), but only where
/// every read sees v at every tap: no reading convolution and no average pooling of the class is padded (zero
/// padding would read 0 at the border). Otherwise the channel is left as it is;</item>
/// <item><b>twins</b> (<see cref="ReductionRule.Twin"/>): in a class with one producer and no addition, channel k's
/// (row, bias) is the image of channel j's under an affine symmetry (a, b, c, d) of ρ (<see cref="ReductionTwins"/>),
/// so y_k = c·y_j + d at every position: the readers add c times k's slices onto j's and k is removed. Pooling keeps
/// the relation when it acts per channel: always for d = 0 and c &gt; 0; c &lt; 0 not through a max-pool
/// (max(−t) = −min(t)); d ≠ 0 only where constants fold (as rule 3).</item>
/// </list>
/// <para>
/// Classes that a grouped convolution produces or reads are skipped: removing one of their channels would leave
/// groups of unequal sizes. A class never becomes empty: its last channel is kept as a zero placeholder, as
/// <see cref="Reducer"/> keeps a layer's last neuron. With tolerance 0 every decision is exact and the reduced
/// network computes the original function on every input; the tolerance is used as the dense reducer uses it.
/// </para>
/// </remarks>
internal static class ChannelReducer
{
    /// <summary>Reduces <paramref name="network"/> (not dense-only) to a fixed point of the rules.</summary>
    /// <exception cref="NotSupportedException">A masked dense layer, which <see cref="PermutationSpec.Derive"/> refuses.</exception>
    public static ReductionResult Reduce(Network network, double tolerance, IProgress<ProgressReport>? progress)
    {
        var spec = PermutationSpec.Derive(network);
        var work = new ChannelWorkspace(network, spec);
        var reducible = spec.Classes.Where(c => !c.Fixed && !TouchesGroupedConvolution(network, spec, c)).ToList();
        var steps = new List<ReductionStep>();
        var stages = new ProgressStages(progress, 2 * reducible.Count);
        int pass = 0;
        bool changed;
        do
        {
            changed = false;
            pass++;
            foreach (var c in reducible)
            {
                string stage = $"pass {pass}{(pass > 1 ? " (to a fixed point)" : "")}: channels of layer {c.Producers[0]}, {work.AliveCount(c.Index)} channels";
                if (pass <= 2) stages.Begin(stage);
                else stages.Rename(stage);
                var readers = new ClassReaders(network, spec, c);
                changed |= RemoveUnused(work, c, tolerance, steps);
                changed |= RemoveConstant(work, c, readers, tolerance, steps);
                changed |= MergeTwins(work, c, readers, tolerance, steps);
            }
        } while (changed);

        var (reduced, kept) = work.ToNetwork();
        stages.Complete();
        return new ReductionResult(reduced, steps, kept, null, tolerance);
    }

    /// <summary>How the layers after a class read it: what decides whether a constant or a twin's offset can be folded, and whether sign flips pass.</summary>
    private sealed class ClassReaders
    {
        public ClassReaders(Network network, PermutationSpec spec, ChannelClass c)
        {
            var layers = network.Layers;
            for (int l = 0; l < layers.Count; l++)
            {
                var layer = layers[l];
                if (layer.Kind is LayerKind.MaxPool or LayerKind.AveragePool && spec.ClassOf(l + 1) == c.Index)
                {
                    HasMaxPool |= layer.Kind == LayerKind.MaxPool;
                    if (layer.Kind == LayerKind.AveragePool && layer.Window!.IsPadded) PaddedLayers.Add(l);
                }
                if (layer.Kind == LayerKind.Convolution && spec.ClassOf(layer.Sources[0]) == c.Index && layer.Window!.IsPadded) PaddedLayers.Add(l);
            }
        }

        /// <summary>Whether a max-pool acts on the class (sign flips do not pass it).</summary>
        public bool HasMaxPool { get; }

        /// <summary>Padded convolutions reading the class and padded average poolings in it: a constant is not constant after them.</summary>
        public List<int> PaddedLayers { get; } = [];
    }

    private static bool RemoveUnused(ChannelWorkspace work, ChannelClass c, double tolerance, List<ReductionStep> steps)
    {
        bool changed = false;
        foreach (int j in work.AliveChannels(c.Index))
        {
            if (work.MaxAbsOutgoing(c.Index, j) > tolerance || work.IsPlaceholder(c, j)) continue;
            string slices = tolerance == 0 ? "is 0" : $"has |u| ≤ {F(tolerance)}";
            string reason = $"every kernel slice and column block that reads it ({Readers(work, c)}) {slices}{Tied(c)}";
            steps.Add(Step(c, j, ReductionRule.ZeroOutgoing, null, Retire(work, c, j), reason));
            changed = true;
        }
        return changed;
    }

    // Dead channels (0 everywhere, in any class) and constant ones (one producer, folded where exact).
    private static bool RemoveConstant(ChannelWorkspace work, ChannelClass c, ClassReaders readers, double tolerance, List<ReductionStep> steps)
    {
        bool changed = false;
        foreach (int j in work.AliveChannels(c.Index))
        {
            if (work.MaxAbsIncoming(c, j) > tolerance || work.IsPlaceholder(c, j)) continue;
            string weights = (Weights(work, c) == "kernel" ? "every kernel entry " : "every incoming weight ") + (tolerance == 0 ? "is 0" : $"has |w| ≤ {F(tolerance)}");
            var values = c.Producers.Select(p => (Layer: p, Activation: Activation(work, p), Bias: work.Bias(p, j))).ToList();
            bool zero = values.All(v => Zero(v.Activation.Value(v.Bias), tolerance))
                && c.Additions.All(a => Zero(Activation(work, a).Value(0), tolerance));
            string constants = string.Join(", ", values.Select(v => $"{v.Activation}({F(v.Bias)}) = {F(v.Activation.Value(v.Bias))}"));
            if (zero)
            {
                string additions = c.Additions.Count == 0 ? "" : $", and every addition's {string.Join(", ", c.Additions.Select(a => $"{Activation(work, a)}(0) = 0"))}";
                steps.Add(Step(c, j, ReductionRule.ZeroIncoming, null, Retire(work, c, j),
                    $"{weights}: constant {constants}{additions}, so the channel is 0 everywhere{Tied(c)}"));
                changed = true;
                continue;
            }
            // A non-zero constant folds only through one producer, and only where no zero padding meets it.
            if (c.Producers.Count > 1 || c.Additions.Count > 0 || readers.PaddedLayers.Count > 0) continue;
            double value = values[0].Activation.Value(values[0].Bias);
            work.FoldConstant(c.Index, j, value);
            steps.Add(Step(c, j, ReductionRule.ZeroIncoming, null, Retire(work, c, j),
                $"{weights}: constant {constants}, read without zero padding by {Readers(work, c)}"));
            changed = true;
        }
        return changed;
    }

    private static bool MergeTwins(ChannelWorkspace work, ChannelClass c, ClassReaders readers, double tolerance, List<ReductionStep> steps)
    {
        if (c.Producers.Count > 1 || c.Additions.Count > 0) return false;
        int p = c.Producers[0];
        var activation = Activation(work, p);
        var channels = work.AliveChannels(c.Index);
        var candidates = channels.Select(j => new ReductionTwins.Candidate(work.Row(p, j), work.Bias(p, j))).ToArray();
        var merged = new bool[channels.Length];
        bool changed = false;
        for (int a = 0; a < channels.Length; a++)
        {
            if (merged[a]) continue;
            for (int b = a + 1; b < channels.Length; b++)
            {
                if (merged[b]) continue;
                if (ReductionTwins.Match(activation.Symmetries, candidates[a], candidates[b], tolerance) is not { } s) continue;
                // Pooling and zero padding commute with y ↦ c·y only for c > 0 through a max-pool, and with no offset d where a constant cannot fold.
                if (s.C < 0 && readers.HasMaxPool || s.D != 0 && readers.PaddedLayers.Count > 0) continue;
                work.AddSlices(c.Index, channels[a], channels[b], s.C);
                if (s.D != 0) work.FoldConstant(c.Index, channels[b], s.D);
                work.Remove(c, channels[b]);
                merged[b] = true;
                changed = true;
                steps.Add(Step(c, channels[b], ReductionRule.Twin, channels[a], false,
                    $"({Weights(work, c)}, bias) is channel {channels[a]}'s under the symmetry {s} of {activation}, so y = {F(s.C)}·y{channels[a]}{(s.D == 0 ? "" : $" + {F(s.D)}")} at every position"));
            }
        }
        return changed;
    }

    // Removes channel j, or keeps it as a zero placeholder when it is the last of its class; true when kept.
    private static bool Retire(ChannelWorkspace work, ChannelClass c, int j)
    {
        if (work.AliveCount(c.Index) > 1)
        {
            work.Remove(c, j);
            return false;
        }
        work.MakePlaceholder(c, j);
        return true;
    }

    private static bool TouchesGroupedConvolution(Network network, PermutationSpec spec, ChannelClass c)
    {
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            if (layer.Kind == LayerKind.Convolution && layer.Groups > 1 && (spec.ClassOf(l + 1) == c.Index || spec.ClassOf(layer.Sources[0]) == c.Index)) return true;
        }
        return false;
    }

    private static ReductionStep Step(ChannelClass c, int channel, ReductionRule rule, int? mergedInto, bool placeholder, string reason) =>
        new(c.Producers[0], channel, rule, mergedInto, placeholder, reason) { IsChannel = true };

    private static Activation Activation(ChannelWorkspace work, int layer) => work.Network.Layers[layer].Activation;

    // A convolution's row is a kernel, a dense layer's (a hidden layer after a flatten) a row of weights.
    private static string Weights(ChannelWorkspace work, ChannelClass c) =>
        c.Producers.All(p => work.Network.Layers[p].Kind == LayerKind.Dense) ? "weights" : "kernel";

    private static bool Zero(double value, double tolerance) => Math.Abs(value) <= tolerance;

    private static string Readers(ChannelWorkspace work, ChannelClass c)
    {
        var layers = work.Consumers(c.Index).ToList();
        return layers.Count switch
        {
            0 => "no layer",
            1 => $"layer {layers[0]}",
            _ => $"layers {string.Join(", ", layers)}",
        };
    }

    // Names the other producers and additions of a tied class, so that the step says where else the channel went.
    private static string Tied(ChannelClass c) => c.Producers.Count == 1 && c.Additions.Count == 0 ? ""
        : $"; removed from layers {string.Join(", ", c.Producers.Concat(c.Additions).Order())} of its residual stream";

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}

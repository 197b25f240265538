using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Identifiability;

/// <summary>
/// Necessary and sufficient conditions for a one-hidden-layer ReLU network
/// f(x) = Σ_i v_i·relu(w_i·x + b_i) + c (identity output) to be identifiable from a box Ω — its function on Ω
/// determines its parameters up to permutation and positive rescaling of the hidden neurons — after
/// Stock &amp; Gribonval (2022), who treat the shallow case on a bounded domain.
/// </summary>
/// <remarks>
/// <para>The conditions, each necessary, together sufficient:</para>
/// <list type="number">
/// <item><b>non-zero neurons</b>: w_i ≠ 0 and v_i ≠ 0 (otherwise w_i, or v_i, or b_i traded against c, moves freely);</item>
/// <item><b>hyperplanes meet Ω</b>: H_i = {w_i·x + b_i = 0} meets the open box. Otherwise neuron i is 0 on Ω
/// (v_i is free) or affine there (b_i + δ and c − v_i·δ give the same function on Ω);</item>
/// <item><b>distinct hyperplanes</b>: H_i ≠ H_j for i ≠ j. Two neurons with (w_j, b_j) = λ(w_i, b_i), λ &gt; 0,
/// are twins (only v_i + λ·v_j is determined); with λ &lt; 0 the conditions here say nothing (undetermined);</item>
/// <item><b>no cancelling subset</b>: Σ_{i∈S} v_i·w_iᵀ ≠ 0 for every non-empty S. Since relu(z) = relu(−z) + z,
/// flipping the neurons of S to (−w_i, −b_i, v_i) changes f by the affine map −Σ_S v_i(w_i·x + b_i),
/// which the output bias absorbs exactly when its linear part vanishes; a flip is no positive rescaling.</item>
/// </list>
/// <para>Sufficiency: with 1–3 the non-differentiability set of f on Ω is the union of the m distinct pieces
/// H_i ∩ Ω, across which the gradient jumps by v_i·w_iᵀ ≠ 0. Another m-neuron network with the same f on Ω
/// must put one neuron on each H_i with the same jump, i.e. (λw_i, λb_i, v_i/|λ|) for some λ ≠ 0 — a
/// rescaling when λ &gt; 0, a rescaled flip when λ &lt; 0 — and the flips must cancel as in 4.</para>
/// <para>Everything is decided exactly: the ranges of w·x + b over the box in dyadic arithmetic, shared
/// hyperplanes by exact cross-multiplication, and condition 4 from the kernel of the matrix with
/// columns vec(v_i·w_iᵀ) mod p — full column rank proves it; otherwise every 0/1 vector of the kernel is
/// fixed by its entries at the free columns, which are enumerated (up to 2^<see cref="MaxFreeColumns"/>), and
/// each candidate is checked over Q.</para>
/// </remarks>
public static class ShallowIdentifiability
{
    /// <summary>The largest kernel dimension whose 0/1 vectors are enumerated.</summary>
    public const int MaxFreeColumns = 20;

    /// <summary>Checks the conditions on <paramref name="domain"/> (null: the whole input space).</summary>
    /// <exception cref="ArgumentException">A domain whose dimension is not the network's input size.</exception>
    public static ShallowIdentifiabilityResult Check(Network network, LinearAlgebraBackend backend, int seed, Box? domain = null)
    {
        network.RequireDenseLayers("shallow identifiability");
        if (domain is not null && domain.Dimension != network.InputSize)
            throw new ArgumentException($"the domain has {domain.Dimension} coordinates, the network has {network.InputSize} inputs");
        if (NotApplicable(network, domain) is { } reason)
            return new ShallowIdentifiabilityResult(false, reason, IdentifiabilityVerdict.Undetermined, null, reason, [], [], domain);

        var hidden = network.Layers[0];
        var output = network.Layers[1];
        int m = hidden.OutputSize;
        var facts = Enumerable.Range(0, m).Select(i => Facts(hidden, output, i, domain)).ToList();
        Pair(hidden, facts);

        var conditions = new List<IdentifiabilityCondition>();
        var degenerate = facts.Where(f => !f.WeightsNonzero || !f.OutgoingNonzero).ToList();
        conditions.Add(new(IdentifiabilityConditionKind.ShallowNonzero, degenerate.Count == 0, degenerate.Count == 0
            ? "every hidden neuron has w ≠ 0 and v ≠ 0"
            : $"neuron {degenerate[0].Neuron} has " + (degenerate[0].WeightsNonzero ? "all outgoing weights 0: its w and b are free" : "w = 0: it is constant, and its bias trades against the output bias or its v is free")));
        string where = domain is null ? "the input space" : $"the open box {domain}";
        var missing = facts.Where(f => f.WeightsNonzero && !f.MeetsDomain).ToList();
        conditions.Add(new(IdentifiabilityConditionKind.ShallowHyperplanesMeetDomain, missing.Count == 0, missing.Count == 0
            ? $"all {facts.Count(f => f.WeightsNonzero)} hyperplanes meet {where}"
            : $"{missing.Count} hyperplane(s) miss {where}; neuron {missing[0].Neuron} is {missing[0].Side}, w·x + b ∈ [{missing[0].Low:G6}, {missing[0].High:G6}]"));
        var shared = facts.Where(f => f.SharedWith is not null).ToList();
        var twin = shared.FirstOrDefault(f => f.SameOrientation == true);
        conditions.Add(new(IdentifiabilityConditionKind.ShallowDistinctHyperplanes, shared.Count == 0, shared.Count == 0
            ? "no two neurons share a hyperplane"
            : twin is not null
                ? $"neurons {twin.SharedWith} and {twin.Neuron} are twins: (w, b) positively proportional, only the sum of their outgoing weights is determined"
                : $"neurons {shared[0].SharedWith} and {shared[0].Neuron} share a hyperplane with opposite orientations"));

        bool basic = conditions.All(c => c.Holds == true);
        var (cancelling, subset) = basic
            ? CancellingSubset(hidden, output, PrimeField.Draws(seed).First(), backend)
            : (new(IdentifiabilityConditionKind.ShallowNoCancellingSubset, null, "not evaluated: the conditions above fail"), null);
        conditions.Add(cancelling);

        var (verdict, decidedBy) =
            conditions[0].Holds == false ? (IdentifiabilityVerdict.NotIdentifiable, conditions[0])
            : conditions[1].Holds == false ? (IdentifiabilityVerdict.NotIdentifiable, conditions[1])
            : conditions[2].Holds == false ? (twin is not null ? IdentifiabilityVerdict.NotIdentifiable : IdentifiabilityVerdict.Undetermined, conditions[2])
            : cancelling.Holds == false ? (IdentifiabilityVerdict.NotIdentifiable, cancelling)
            : cancelling.Holds == true ? (IdentifiabilityVerdict.Identifiable, cancelling)
            : (IdentifiabilityVerdict.Undetermined, cancelling);
        return new ShallowIdentifiabilityResult(true, null, verdict, decidedBy.Kind, decidedBy.Detail, conditions, facts, domain)
        {
            CancellingSubset = subset,
        };
    }

    private static string? NotApplicable(Network network, Box? domain)
    {
        if (network.Layers.Count != 2) return $"the conditions are for one hidden layer; this network has {network.Layers.Count - 1}";
        if (!network.IsSequential) return "the conditions are for a dense network without skip connections or masks";
        if (!network.Layers[0].Activation.IsRelu) return $"the conditions are for ReLU hidden neurons; these use {network.Layers[0].Activation.Spec}";
        if (!network.Layers[1].Activation.IsIdentity) return $"the conditions are for an identity output layer; it uses {network.Layers[1].Activation.Spec}";
        if (domain is not null && Enumerable.Range(0, domain.Dimension).FirstOrDefault(k => domain.Lower[k] == domain.Upper[k], -1) is int flat and >= 0)
            return $"the box has no interior (coordinate {flat} is the single value {domain.Lower[flat]}); the conditions are for an open domain";
        return null;
    }

    /// <summary>The exact range of w·x + b over the box and the neuron's other facts (shared hyperplanes filled in by <see cref="Pair"/>).</summary>
    private static HyperplaneFacts Facts(Layer hidden, Layer output, int i, Box? domain)
    {
        bool weights = Enumerable.Range(0, hidden.InputSize).Any(k => hidden.Weight(i, k) != 0);
        bool outgoing = Enumerable.Range(0, output.OutputSize).Any(o => output.Weight(o, i) != 0);
        if (!weights)
        {
            double b = hidden.Bias[i];
            return new HyperplaneFacts(i, false, outgoing, b, b, false, null, null);
        }
        if (domain is null) return new HyperplaneFacts(i, true, outgoing, double.NegativeInfinity, double.PositiveInfinity, true, null, null);
        int d = hidden.InputSize;
        var w = new Dyadic[d];
        var atLow = new Dyadic[d];
        var atHigh = new Dyadic[d];
        for (int k = 0; k < d; k++)
        {
            double wk = hidden.Weight(i, k);
            w[k] = Dyadic.FromDouble(wk);
            // w·x is smallest at the lower bound where w > 0 and at the upper bound where w < 0.
            atLow[k] = Dyadic.FromDouble(wk >= 0 ? domain.Lower[k] : domain.Upper[k]);
            atHigh[k] = Dyadic.FromDouble(wk >= 0 ? domain.Upper[k] : domain.Lower[k]);
        }
        var bias = Dyadic.FromDouble(hidden.Bias[i]);
        var low = Dyadic.DotProduct(bias, w, atLow);
        var high = Dyadic.DotProduct(bias, w, atHigh);
        return new HyperplaneFacts(i, true, outgoing, low.ToDouble(), high.ToDouble(), low.Sign < 0 && high.Sign > 0, null, null);
    }

    /// <summary>
    /// Marks neurons that share a hyperplane with an earlier one. (w′, b′) = λ(w, b) gives the same quotients
    /// w′_k/w′_t and b′/w′_t at the entry t of largest |w| — correctly rounded divisions of equal rationals
    /// are equal doubles — so candidates are grouped by those quotients and then confirmed exactly.
    /// </summary>
    private static void Pair(Layer hidden, List<HyperplaneFacts> facts)
    {
        int d = hidden.InputSize;
        var groups = new Dictionary<string, List<int>>();
        foreach (int i in facts.Where(f => f.WeightsNonzero).Select(f => f.Neuron).ToList())
        {
            int t = Top(hidden, i);
            double wt = hidden.Weight(i, t);
            // + 0.0 turns −0 into +0: 0/−1 and 0/1 are the same quotient, and opposite pairs through the origin must meet.
            string key = t + ":" + string.Join(",", Enumerable.Range(0, d).Select(k => BitConverter.DoubleToInt64Bits(hidden.Weight(i, k) / wt + 0.0)))
                + ":" + BitConverter.DoubleToInt64Bits(hidden.Bias[i] / wt + 0.0);
            if (!groups.TryGetValue(key, out var members)) groups[key] = members = [];
            foreach (int j in members)
            {
                if (!Proportional(hidden, j, i, t)) continue;
                facts[i] = facts[i] with { SharedWith = j, SameOrientation = Math.Sign(hidden.Weight(i, t)) == Math.Sign(hidden.Weight(j, t)) };
                break;
            }
            members.Add(i);
        }
    }

    private static int Top(Layer hidden, int i)
    {
        int t = 0;
        for (int k = 1; k < hidden.InputSize; k++)
            if (Math.Abs(hidden.Weight(i, k)) > Math.Abs(hidden.Weight(i, t))) t = k;
        return t;
    }

    /// <summary>(w_i, b_i)·w_j[t] = (w_j, b_j)·w_i[t] exactly.</summary>
    private static bool Proportional(Layer hidden, int j, int i, int t)
    {
        var wjt = Dyadic.FromDouble(hidden.Weight(j, t));
        var wit = Dyadic.FromDouble(hidden.Weight(i, t));
        bool Same(double a, double b) => Dyadic.FromDouble(a) * wjt == Dyadic.FromDouble(b) * wit;
        return Same(hidden.Bias[i], hidden.Bias[j]) && Enumerable.Range(0, hidden.InputSize).All(k => Same(hidden.Weight(i, k), hidden.Weight(j, k)));
    }

    private static (IdentifiabilityCondition Condition, List<int>? Subset) CancellingSubset(Layer hidden, Layer output, PrimeField field, LinearAlgebraBackend la)
    {
        int m = hidden.OutputSize, d = hidden.InputSize, outputs = output.OutputSize, rows = outputs * d;
        // Column i is vec(v_i·w_iᵀ) mod p.
        var matrix = new Matrix(rows, m);
        for (int i = 0; i < m; i++)
            for (int o = 0; o < outputs; o++)
                for (int k = 0; k < d; k++)
                    matrix[o * d + k, i] = field.Multiply(field.FromDouble(output.Weight(o, i)), field.FromDouble(hidden.Weight(i, k)));
        var kernel = ModularKernel.Compute(field, matrix, la);
        int free = kernel.FreeColumns.Count;
        const IdentifiabilityConditionKind Kind = IdentifiabilityConditionKind.ShallowNoCancellingSubset;
        if (free == 0)
            return (new(Kind, true, $"the {m} matrices v_i·w_iᵀ are linearly independent (rank {m} mod p), so no subset sums to 0"), null);
        if (free > MaxFreeColumns)
            return (new(Kind, null, $"not evaluated: the matrices v_i·w_iᵀ span only {m - free} of {m} dimensions, and 2^{free} kernel combinations are too many to search"), null);

        // Gray code over the free columns: one kernel vector added or removed per step.
        var basis = kernel.Basis;
        long p = field.P;
        var current = new long[m];
        for (long step = 1; step < 1L << free; step++)
        {
            int flip = System.Numerics.BitOperations.TrailingZeroCount(step);
            bool adding = ((step ^ (step >> 1)) >> flip & 1) == 1;
            for (int i = 0; i < m; i++)
                current[i] = (current[i] + (adding ? (long)basis[flip, i] : p - (long)basis[flip, i])) % p;
            if (current.Any(c => c > 1)) continue;
            var subset = Enumerable.Range(0, m).Where(i => current[i] == 1).ToList();
            if (SumsToZero(hidden, output, subset))
                return (new(Kind, false,
                    $"Σ v_i·w_iᵀ = 0 over neurons {{{string.Join(", ", subset)}}}: flipping them to (−w, −b, v) changes f only by a constant, which the output bias absorbs"), subset);
        }
        return (new(Kind, true, $"no 0/1 vector in the {free}-dimensional kernel of [vec(v_i·w_iᵀ)] gives a zero sum (all 2^{free} − 1 combinations checked)"), null);
    }

    /// <summary>Σ_{i∈S} v_i[o]·w_i[k] = 0 for every (o, k), in exact dyadic arithmetic.</summary>
    private static bool SumsToZero(Layer hidden, Layer output, List<int> subset)
    {
        var v = new Dyadic[subset.Count];
        var w = new Dyadic[subset.Count];
        for (int o = 0; o < output.OutputSize; o++)
            for (int k = 0; k < hidden.InputSize; k++)
            {
                for (int s = 0; s < subset.Count; s++)
                {
                    v[s] = Dyadic.FromDouble(output.Weight(o, subset[s]));
                    w[s] = Dyadic.FromDouble(hidden.Weight(subset[s], k));
                }
                if (Dyadic.DotProduct(Dyadic.Zero, v, w).Sign != 0) return false;
            }
        return true;
    }
}

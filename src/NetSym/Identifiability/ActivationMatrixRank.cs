using System.Numerics;
using NetSym.Embedding;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Identifiability;

/// <summary>How the rank of α(X, θ) was computed.</summary>
internal enum AlphaRoute
{
    /// <summary>From the n×n Gram matrix αα&#7488;, built layer by layer without materialising α.</summary>
    Gram,

    /// <summary>From α written out, one column per path.</summary>
    Materialised,
}

/// <summary>The ranks of α(X, θ) for every output, and how they were found.</summary>
/// <param name="PerOutput">rank α_o for every output o.</param>
/// <param name="Route">Gram recursion or materialised matrix.</param>
internal sealed record AlphaRanks(int[] PerOutput, AlphaRoute Route);

/// <summary>
/// The rank of the activation matrix α(X, θ) of the local linear parameterisation: one row per
/// sample, one column per path ending at an output, entry x_k·∏ ρ′(v) (or ∏ ρ′(v) for a bias path)
/// over the hidden neurons v the path visits. A(X, θ) = α_o scaled by output o's slopes in block o,
/// so rank A = Σ_o rank α_o restricted to the samples where output o's slope is non-zero — for an
/// identity output layer N_L · rank α (Proposition 11 of Bona-Pellissier, Bachoc &amp; Malgouyres).
/// </summary>
/// <remarks>
/// <para><b>Without materialising α.</b> Row i of α is a face-splitting (row-wise Kronecker) product:
/// grouping the paths that end at a neuron v by their last edge, the Gram entry over those paths is
/// g_v(i, j) = s_v(i)·s_v(j)·(1 + Σ_{input k → v} x_ik·x_jk + Σ_{u → v} g_u(i, j)). In a dense layer every
/// neuron reads the same sources, so the layer's sum T = Σ_v g_v is
/// T_l = (S_l·S_lᵀ) ∘ H_l with H_l = 11ᵀ + Σ_{sources s} T_s and T_input = X·Xᵀ (∘ the Hadamard product,
/// S_l the n × N_l slopes). At the output layer H_L is α_o·α_oᵀ for every output o, so
/// rank α_o = rank H_L restricted to output o's live samples: n×n matrices and GEMMs of n×N_l,
/// whatever the number of paths (784-30-30-30-10 has 21 million per output).</para>
/// <para>Exactly, the Gram matrix is built mod p from the residues of X and of the slopes; its rank mod p
/// is at most rank_p α ≤ rank_Q α = rank_Q αα&#7488;, a certified lower bound like every rank mod p.
/// In floating point the rank of αα&#7488; with tolerance σ_max·n·ε means σ(α) &gt; σ_max(α)·√(n·ε).</para>
/// <para>A masked layer gives each neuron its own sources, which the layer sums above do not capture:
/// then α is written out, within a limit on its entries, and ranked directly — as it also is when
/// that is smaller than the Gram matrices (fewer paths than samples).</para>
/// </remarks>
internal static class ActivationMatrixRank
{
    /// <summary>Largest Gram matrix built (n² entries): 2 GiB of doubles.</summary>
    private const long MaxGramEntries = 1L << 28;

    /// <summary>Largest α (its reduced samples × paths, all outputs) whose rank over Q is computed in BigInteger arithmetic.</summary>
    public const long MaxRationalEntries = 50_000;

    /// <summary>
    /// rank α_o on the live samples of every output in <paramref name="arithmetic"/>, or null (with what was
    /// too large) when α can be neither summarised (masked layers, or n² too large) nor materialised within
    /// <paramref name="maxEntries"/>.
    /// </summary>
    public static AlphaRanks? Compute(Network network, Matrix inputs, Matrix[] slopes, IRankArithmetic arithmetic,
        long maxEntries, out Oversize? tooLarge, AlphaRoute? route = null)
    {
        tooLarge = null;
        route ??= Route(network, inputs.Rows, maxEntries, out tooLarge);
        return route is { } chosen ? Compute(network, inputs, slopes, arithmetic, chosen) : null;
    }

    /// <summary>rank α_o on the live samples of every output in <paramref name="arithmetic"/>, by <paramref name="route"/>.</summary>
    public static AlphaRanks Compute(Network network, Matrix inputs, Matrix[] slopes, IRankArithmetic arithmetic, AlphaRoute route)
    {
        var live = PatternSlopes.LiveRows(slopes[^1]);
        var ranks = route == AlphaRoute.Gram ? FromGram(network, inputs, slopes, live, arithmetic)
            : Materialise(network, inputs, slopes, live, arithmetic, PathCount.Of(network).PerOutput);
        return new AlphaRanks(ranks, route);
    }

    /// <summary>
    /// How α is ranked for <paramref name="samples"/> samples: materialised when that is within
    /// <paramref name="maxEntries"/> and smaller than the Gram matrix, else by the Gram recursion when every
    /// layer is dense and n² fits; null (with the reason) when neither. It depends on the sizes only, not on
    /// the arithmetic, so a search over primes chooses it once and passes it to
    /// <see cref="Compute(Network, Matrix, Matrix[], IRankArithmetic, AlphaRoute)"/>.
    /// </summary>
    public static AlphaRoute? Route(Network network, int samples, long maxEntries, out Oversize? tooLarge)
    {
        tooLarge = null;
        int n = samples;
        var paths = PathCount.Of(network).PerOutput;
        var materialisedEntries = paths.Aggregate(BigInteger.Zero, (a, b) => a + b) * n;
        bool canMaterialise = materialisedEntries <= Math.Min(maxEntries, Array.MaxLength);
        bool canGram = network.Layers.All(l => l.IsDense) && (long)n * n <= MaxGramEntries;
        AlphaRoute? route = canMaterialise && (!canGram || materialisedEntries <= (BigInteger)n * n) ? AlphaRoute.Materialised
            : canGram ? AlphaRoute.Gram : null;
        if (route is null)
        {
            tooLarge = network.Layers.Any(l => !l.IsDense)
                ? new Oversize(OversizeKind.AlphaMasked, materialisedEntries, maxEntries) { Samples = n }
                : new Oversize(OversizeKind.Alpha, materialisedEntries, maxEntries) { Samples = n, Gram = ((long)n * n, MaxGramEntries) };
        }
        return route;
    }

    /// <summary>
    /// rank α_o over Q for every output — exact, not a bound — or null when too large. Samples with the same
    /// hidden pattern π have rows (x, 1)·M_π, so only a maximal independent set of their (x, 1) (found over Q)
    /// is kept: at most N_0 + 1 rows per pattern, and the rank is unchanged. What remains must have at most
    /// <see cref="MaxRationalEntries"/> entries; they are exact dyadic products, eliminated in BigInteger.
    /// </summary>
    public static int[]? OverRationals(Network network, Matrix inputs, ActivationPattern pattern, Matrix[] slopes)
    {
        int d = inputs.Columns;
        var paths = PathCount.Of(network).PerOutput;
        var live = PatternSlopes.LiveRows(slopes[^1]);
        var reduced = live.Select(rows => rows.GroupBy(i => HiddenPattern(network, pattern, i)).SelectMany(group =>
        {
            var members = group.ToArray();
            var augmented = members.SelectMany(i => inputs.Row(i).ToArray().Append(1.0)).Select(Dyadic.FromDouble).ToArray();
            return RationalRank.IndependentRows(DyadicIntegers.Of(augmented), members.Length, d + 1).Select(k => members[k]);
        }).Order().ToArray()).ToArray();
        if (reduced.Select((rows, o) => rows.Length * paths[o]).Aggregate(BigInteger.Zero, (a, b) => a + b) > MaxRationalEntries) return null;

        var widths = network.Layers.Select(l => l.OutputSize).ToArray();
        var alpha = reduced.Select((rows, o) => new Dyadic[rows.Length * (int)paths[o]]).ToArray();
        var column = new int[paths.Count];
        var enumerator = new PathEnumerator(network);
        enumerator.Walk((input, neurons, _) =>
        {
            var at = new Neuron[neurons.Length];
            for (int k = 0; k < neurons.Length; k++) at[k] = enumerator.NeuronAt(neurons[k]);
            int o = at[^1].Index, width = (int)paths[o], c = column[o]++;
            var rows = reduced[o];
            for (int a = 0; a < rows.Length; a++)
            {
                int i = rows[a];
                var value = Dyadic.FromDouble(input < 0 ? 1 : inputs.Data[i * d + input]);
                for (int k = 0; k + 1 < neurons.Length; k++)
                    value *= Dyadic.FromDouble(slopes[at[k].Layer][i, at[k].Index]);
                alpha[o][a * width + c] = value;
            }
        });
        return [.. reduced.Select((rows, o) => RationalRank.Of(DyadicIntegers.Of(alpha[o]), rows.Length, (int)paths[o]))];
    }

    /// <summary>
    /// A certified upper bound on rank α_o for every output: Σ over the distinct hidden activation
    /// patterns π among the live samples of min(n_π, r_π), at most the number of paths. With the pattern
    /// fixed, a row of α is the linear image (x, 1)·M_π of its sample, and M_π has non-zero rows only for
    /// the starts of paths whose hidden neurons all have non-zero slope under π: r_π counts those input
    /// coordinates, plus one for the bias paths (the output's own bias is always one).
    /// </summary>
    public static int[] UpperBounds(Network network, ActivationPattern pattern, Matrix[] slopes)
    {
        var paths = PathCount.Of(network).PerOutput;
        var live = PatternSlopes.LiveRows(slopes[^1]);
        var bounds = new int[live.Length];
        for (int o = 0; o < live.Length; o++)
        {
            long sum = 0;
            foreach (var group in live[o].GroupBy(i => HiddenPattern(network, pattern, i)))
                sum += Math.Min(group.Count(), LiveStarts(network, slopes, group.First(), o));
            bounds[o] = (int)BigInteger.Min(paths[o], sum);
        }
        return bounds;
    }

    private static string HiddenPattern(Network network, ActivationPattern pattern, int sample)
    {
        var key = new System.Text.StringBuilder();
        for (int l = 0; l + 1 < network.Layers.Count; l++)
        {
            int width = network.Layers[l].OutputSize;
            foreach (byte piece in pattern.LayerPieces(l).Slice(sample * width, width)) key.Append((char)piece);
        }
        return key.ToString();
    }

    /// <summary>1 + the input coordinates from which a path reaches output o through hidden neurons of non-zero slope at the sample.</summary>
    private static int LiveStarts(Network network, Matrix[] slopes, int sample, int output)
    {
        int last = network.Layers.Count - 1;
        // reaches[l][j]: hidden neuron (l, j) has non-zero slope and a path to the output through such neurons.
        var reaches = new bool[last + 1][];
        reaches[last] = new bool[network.OutputSize];
        reaches[last][output] = true;
        for (int l = last - 1; l >= 0; l--)
        {
            reaches[l] = new bool[network.Layers[l].OutputSize];
            for (int j = 0; j < reaches[l].Length; j++)
                reaches[l][j] = slopes[l][sample, j] != 0 && FeedsReached(network, reaches, l + 1, j);
        }
        int inputs = 0;
        for (int k = 0; k < network.InputSize; k++)
            if (FeedsReached(network, reaches, 0, k)) inputs++;
        return inputs + 1;
    }

    /// <summary>Whether entry <paramref name="index"/> of node <paramref name="node"/> has an edge into a reached neuron.</summary>
    private static bool FeedsReached(Network network, bool[][] reaches, int node, int index)
    {
        foreach (var (m, offset) in network.Graph.Readers(node))
        {
            var reader = network.Layers[m];
            for (int r = 0; r < reader.OutputSize; r++)
                if (reaches[m][r] && reader.HasEdge(r, offset + index)) return true;
        }
        return false;
    }

    private static int[] FromGram(Network network, Matrix inputs, Matrix[] slopes, int[][] live, IRankArithmetic arithmetic)
    {
        int n = inputs.Rows, layers = network.Layers.Count;
        var grams = new double[]?[layers + 1];
        grams[0] = arithmetic.Gram(arithmetic.Map(inputs.Data), n, inputs.Columns);
        double[] h = [];
        for (int l = 0; l < layers; l++)
        {
            h = new double[(long)n * n];
            arithmetic.AddOne(h);
            foreach (var (s, _, _) in network.Graph.SourceBlocks(l))
            {
                arithmetic.Add(h, grams[s]);
                if (network.Graph.Readers(s)[^1].Layer == l) grams[s] = null; // its last reader: free it
            }
            if (l == layers - 1) break;
            var t = arithmetic.Gram(arithmetic.Map(slopes[l].Data), n, slopes[l].Columns);
            arithmetic.Hadamard(t, h);
            grams[l + 1] = t;
        }
        // H_L is α_o·α_oᵀ for every output: rank it once per distinct set of live samples.
        var byRows = new Dictionary<string, int>();
        return [.. live.Select(rows =>
        {
            string key = string.Join(",", rows);
            if (!byRows.TryGetValue(key, out int rank))
                byRows[key] = rank = arithmetic.Rank(Principal(h, n, rows), rows.Length, rows.Length);
            return rank;
        })];
    }

    private static double[] Principal(double[] square, int n, int[] rows)
    {
        var sub = new double[(long)rows.Length * rows.Length];
        for (int a = 0; a < rows.Length; a++)
            for (int b = 0; b < rows.Length; b++) sub[(long)a * rows.Length + b] = square[(long)rows[a] * n + rows[b]];
        return sub;
    }

    private static int[] Materialise(Network network, Matrix inputs, Matrix[] slopes, int[][] live, IRankArithmetic arithmetic,
        IReadOnlyList<BigInteger> paths)
    {
        int n = inputs.Rows, d = inputs.Columns;
        var starts = arithmetic.Map(inputs.Data);
        var factors = slopes.Select(s => arithmetic.Map(s.Data)).ToArray();
        var widths = network.Layers.Select(l => l.OutputSize).ToArray();
        var alpha = paths.Select(c => new double[n * (int)c]).ToArray();
        var column = new int[paths.Count];
        var enumerator = new PathEnumerator(network);
        var at = new Neuron[network.Layers.Count];
        enumerator.Walk((input, neurons, _) =>
        {
            for (int k = 0; k < neurons.Length; k++) at[k] = enumerator.NeuronAt(neurons[k]);
            int o = at[neurons.Length - 1].Index, width = (int)paths[o], c = column[o]++;
            var block = alpha[o];
            for (int i = 0; i < n; i++)
            {
                double value = input < 0 ? 1 : starts[i * d + input];
                // The output neuron's own slope scales the whole row; it is handled by the live samples.
                for (int k = 0; k + 1 < neurons.Length; k++)
                    value = arithmetic.Multiply(value, factors[at[k].Layer][i * widths[at[k].Layer] + at[k].Index]);
                block[i * width + c] = value;
            }
        });
        return [.. live.Select((rows, o) =>
        {
            int width = (int)paths[o];
            var sub = new double[rows.Length * width];
            for (int a = 0; a < rows.Length; a++) alpha[o].AsSpan(rows[a] * width, width).CopyTo(sub.AsSpan(a * width));
            return arithmetic.Rank(sub, rows.Length, width);
        })];
    }
}

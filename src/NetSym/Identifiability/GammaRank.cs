using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Identifiability;

/// <summary>The rank of Γ(X, θ), with the primes or the tolerance behind it and the dependent parameters where known.</summary>
/// <param name="Rank">R_Γ (exact: the largest rank mod p over the primes tried, a certified lower bound).</param>
/// <param name="Primes">Exact: the primes tried; float: empty.</param>
/// <param name="Tolerance">Float: the singular-value threshold; exact: null.</param>
/// <param name="Gap">Float: (σ_R, σ_{R+1}), NaN where absent; exact: null.</param>
/// <param name="DependentParameters">
/// Exact: the parameters (indices in <see cref="Network.GetParameters"/>) whose columns of Γ are
/// combinations of earlier columns mod p — one per unit of rank deficit; float: empty.
/// </param>
internal sealed record GammaRankResult(int Rank, IReadOnlyList<long> Primes, double? Tolerance, (double Last, double Next)? Gap,
    IReadOnlyList<int> DependentParameters);

/// <summary>
/// R_Γ = rank Γ(X, θ): the parameter Jacobian of θ ↦ f_θ(X) without the columns of the
/// <see cref="FixedWeights"/>, exactly (the certified modular Jacobian, ranked over F_p) or from its
/// float64 singular values.
/// </summary>
/// <remarks>
/// The columns are removed in place, row by row from the top (row r moves to a lower address than it
/// had, so nothing is overwritten before it is read), and the elimination runs in place: Γ costs
/// what the batch functional dimension costs, one Jacobian and one rank.
/// </remarks>
internal static class GammaRank
{
    /// <summary>rank Γ mod p over the given primes (their largest), from the certified pattern of the inputs (which must hold no kink).</summary>
    public static GammaRankResult Exact(Network network, Matrix inputs, ActivationPattern pattern, FixedWeights fixedWeights,
        IReadOnlyList<PrimeField> fields, LinearAlgebraBackend la)
    {
        var kept = KeptColumns(network.ParameterCount, fixedWeights.Columns);
        int rows = inputs.Rows * network.OutputSize;
        var best = BestRankOverPrimes.Find(rows == 0 ? [] : fields, Math.Min(rows, kept.Length), field =>
        {
            var j = ModularParameterJacobian.Compute(network, inputs, field, pattern, la);
            RemoveColumns(j, fixedWeights.Columns);
            return ModularRank.ComputeInPlace(field, j.Data.AsSpan(0, rows * kept.Length), rows, kept.Length, la);
        }, r => r.Rank);
        var pivots = new HashSet<int>(best?.Result.PivotColumns ?? []);
        var dependent = Enumerable.Range(0, kept.Length).Where(c => !pivots.Contains(c)).Select(c => kept[c]).ToList();
        return new GammaRankResult(best?.Rank ?? 0, best?.Tried ?? [], null, null, dependent);
    }

    /// <summary>rank Γ from float64 singular values, with the tolerance given or NumPy's σ_max·max(m, n)·ε (<see cref="RankPolicy"/>).</summary>
    public static GammaRankResult Float(Network network, Matrix inputs, FixedWeights fixedWeights, double? tolerance, LinearAlgebraBackend la)
    {
        int rows = inputs.Rows * network.OutputSize, columns = network.ParameterCount - fixedWeights.Columns.Count;
        if (rows == 0) return new GammaRankResult(0, [], tolerance ?? 0, (double.NaN, double.NaN), []);
        var j = ParameterJacobian.Compute(network, inputs, la);
        RemoveColumns(j, fixedWeights.Columns);
        var sigma = la.SingularValues(j.Data.AsSpan(0, rows * columns), rows, columns);
        var (rank, threshold) = RankPolicy.FromSingularValues(sigma, rows, columns, tolerance);
        var gap = (rank > 0 ? sigma[rank - 1] : double.NaN, rank < sigma.Length ? sigma[rank] : double.NaN);
        return new GammaRankResult(rank, [], threshold, gap, []);
    }

    /// <summary>The parameter indices that remain, in order: column c of Γ is parameter kept[c].</summary>
    public static int[] KeptColumns(int parameters, IReadOnlyList<int> removed)
    {
        var drop = new HashSet<int>(removed);
        return [.. Enumerable.Range(0, parameters).Where(k => !drop.Contains(k))];
    }

    /// <summary>Packs the rows of <paramref name="j"/> without the (increasing) removed columns at the start of its array.</summary>
    private static void RemoveColumns(Matrix j, IReadOnlyList<int> removed)
    {
        int columns = j.Columns, width = columns - removed.Count;
        var data = j.Data.AsSpan();
        for (int r = 0; r < j.Rows; r++)
        {
            long source = (long)r * columns, target = (long)r * width;
            int from = 0;
            foreach (int c in removed.Append(columns))
            {
                int length = c - from;
                // Overlapping copies move as if through a temporary buffer (Span.CopyTo's contract).
                data.Slice((int)(source + from), length).CopyTo(data.Slice((int)target, length));
                target += length;
                from = c + 1;
            }
        }
    }
}

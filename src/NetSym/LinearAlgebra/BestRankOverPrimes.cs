namespace NetSym.LinearAlgebra;

/// <summary>
/// The largest rank mod p over several primes. Each rank mod p of a rational matrix is a certified
/// lower bound on its rank over Q, so the largest is one too, and a prime that happens to divide
/// every maximal minor no longer lowers it (<see cref="ModularRankResult"/>).
/// </summary>
internal static class BestRankOverPrimes
{
    /// <summary>
    /// Ranks mod each prime of <paramref name="fields"/> in order and keeps the first of the largest;
    /// stops as soon as that rank reaches <paramref name="ceiling"/> (min(m, n), or a proven upper
    /// bound), since no prime can then do better.
    /// </summary>
    /// <param name="fields">The primes, in the order to try them.</param>
    /// <param name="ceiling">A rank no prime can exceed.</param>
    /// <param name="rankMod">The rank computation mod one prime.</param>
    /// <param name="rankOf">The rank a result states.</param>
    /// <returns>The best result, or null when no prime was given.</returns>
    public static BestRank<T>? Find<T>(IEnumerable<PrimeField> fields, int ceiling, Func<PrimeField, T> rankMod, Func<T, int> rankOf) =>
        FindEach(fields, [ceiling], rankMod, result => [rankOf(result)])?[0];

    /// <summary>
    /// The same policy for a computation that states several ranks at once (one per output, say): keeps,
    /// for each rank, the first of its largest values over the primes and the result that gave it; stops as
    /// soon as every rank reaches its ceiling.
    /// </summary>
    /// <param name="fields">The primes, in the order to try them.</param>
    /// <param name="ceilings">For each rank, a value no prime can exceed.</param>
    /// <param name="rankMod">The computation mod one prime.</param>
    /// <param name="ranksOf">The ranks a result states, one per ceiling.</param>
    /// <returns>One best result per ceiling (all sharing the list of primes tried), or null when no prime was given.</returns>
    public static BestRank<T>[]? FindEach<T>(IEnumerable<PrimeField> fields, IReadOnlyList<int> ceilings, Func<PrimeField, T> rankMod,
        Func<T, IReadOnlyList<int>> ranksOf)
    {
        var tried = new List<long>();
        var best = new (T Result, int Rank, PrimeField Field)[ceilings.Count];
        foreach (var field in fields)
        {
            tried.Add(field.P);
            var result = rankMod(field);
            var ranks = ranksOf(result);
            bool reached = true;
            for (int i = 0; i < best.Length; i++)
            {
                if (tried.Count == 1 || ranks[i] > best[i].Rank) best[i] = (result, ranks[i], field);
                reached &= best[i].Rank >= ceilings[i];
            }
            if (reached) break;
        }
        return tried.Count == 0 ? null : [.. best.Select(b => new BestRank<T>(b.Result, b.Rank, b.Field, tried))];
    }
}

/// <summary>What <see cref="BestRankOverPrimes.Find"/> kept.</summary>
/// <param name="Result">The computation's result mod <paramref name="Field"/>.</param>
/// <param name="Rank">Its rank: the largest over the primes tried.</param>
/// <param name="Field">The first prime that gave that rank.</param>
/// <param name="Tried">The primes tried, in order.</param>
internal sealed record BestRank<T>(T Result, int Rank, PrimeField Field, IReadOnlyList<long> Tried);

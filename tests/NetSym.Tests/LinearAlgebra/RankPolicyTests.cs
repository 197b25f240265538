using NetSym.LinearAlgebra;

namespace NetSym.Tests.LinearAlgebra;

public class RankPolicyTests
{
    [Fact]
    public void Machine_epsilon_is_the_spacing_at_one_and_unit_roundoff_half_of_it()
    {
        Assert.Equal(FloatingPoint.MachineEpsilon, Math.ScaleB(1, -52));
        Assert.Equal(1 + FloatingPoint.MachineEpsilon, Math.BitIncrement(1.0));
        Assert.Equal(FloatingPoint.UnitRoundoff, Math.ScaleB(1, -53));
        // 1 + u lies halfway between 1 and 1 + ε and rounds to even, 1; anything above u rounds up.
        Assert.Equal(1.0, 1 + FloatingPoint.UnitRoundoff);
        Assert.Equal(1 + FloatingPoint.MachineEpsilon, 1 + Math.BitIncrement(FloatingPoint.UnitRoundoff));
    }

    [Fact]
    public void A_given_tolerance_counts_the_singular_values_strictly_above_it()
    {
        double[] sigma = [3, 2, 1, 0.5];
        Assert.Equal(new FloatRank(2, 1), RankPolicy.FromSingularValues(sigma, 4, 6, tolerance: 1));
        Assert.Equal(new FloatRank(4, 0), RankPolicy.FromSingularValues(sigma, 4, 6, tolerance: 0));
        Assert.Equal(new FloatRank(0, 3), RankPolicy.FromSingularValues(sigma, 4, 6, tolerance: 3));
    }

    [Fact]
    public void The_default_tolerance_is_numpys_and_no_singular_values_have_rank_zero()
    {
        double[] sigma = [4, 1e-3, 1e-15];
        double tolerance = 4 * 7 * Math.ScaleB(1, -52);
        Assert.Equal(tolerance, RankPolicy.DefaultTolerance(4, 3, 7));
        Assert.Equal(new FloatRank(2, tolerance), RankPolicy.FromSingularValues(sigma, 3, 7));
        Assert.Equal(new FloatRank(3, tolerance), RankPolicy.FromSingularValues([4, 1e-3, Math.BitIncrement(tolerance)], 7, 3));
        Assert.Equal(new FloatRank(0, 0), RankPolicy.FromSingularValues([], 0, 5));
        Assert.Equal(new FloatRank(0, 0.5), RankPolicy.FromSingularValues([], 0, 5, tolerance: 0.5));
    }

    [Fact]
    public void The_best_rank_over_primes_is_the_first_largest_and_the_search_stops_at_the_ceiling()
    {
        PrimeField[] fields = [new(101), new(103), new(107), new(109)];
        var calls = new List<long>();
        BestRank<int>? Find(int ceiling, params int[] ranks) => BestRankOverPrimes.Find(fields, ceiling, field =>
        {
            calls.Add(field.P);
            return ranks[Array.IndexOf(fields, field)];
        }, r => r);

        var best = Find(5, 2, 3, 3, 1)!;
        Assert.Equal((3, 103L), (best.Rank, best.Field.P));
        Assert.Equal([101L, 103, 107, 109], best.Tried);

        calls.Clear();
        best = Find(4, 3, 4, 4, 4)!;
        Assert.Equal((4, 103L), (best.Rank, best.Field.P));
        Assert.Equal([101L, 103], best.Tried);
        Assert.Equal([101L, 103], calls);

        Assert.Null(BestRankOverPrimes.Find<int>([], 4, _ => 0, r => r));
    }

    [Fact]
    public void The_best_ranks_over_primes_are_kept_per_rank_and_the_search_stops_when_every_rank_is_at_its_ceiling()
    {
        PrimeField[] fields = [new(101), new(103), new(107), new(109)];
        var calls = new List<long>();
        BestRank<int[]>[]? FindEach(int[] ceilings, params int[][] ranks) => BestRankOverPrimes.FindEach(fields, ceilings, field =>
        {
            calls.Add(field.P);
            return ranks[Array.IndexOf(fields, field)];
        }, r => r);

        // Output 0 is best at 103 (first of the 3s), output 1 at 107; neither reaches 9, so every prime is tried.
        var best = FindEach([9, 9], [2, 1], [3, 0], [3, 4], [1, 4])!;
        Assert.Equal([(3, 103L), (4, 107L)], best.Select(b => (b.Rank, b.Field.P)));
        Assert.Equal([3, 0], best[0].Result);
        Assert.Equal([101L, 103, 107, 109], best[1].Tried);

        // Output 0 reaches its ceiling at 101, output 1 only at 107: the search stops there.
        calls.Clear();
        best = FindEach([2, 4], [2, 1], [1, 3], [0, 4], [2, 4])!;
        Assert.Equal([(2, 101L), (4, 107L)], best.Select(b => (b.Rank, b.Field.P)));
        Assert.Equal([101L, 103, 107], calls);

        Assert.Null(BestRankOverPrimes.FindEach<int[]>([], [4], _ => [0], r => r));
    }
}

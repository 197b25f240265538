using System.Numerics;

namespace NetSym.Symmetries;

/// <summary>
/// The exact order of a finite group given as a product of factorials (neuron permutations) and
/// prime powers (per-neuron sign or reflection symmetries), e.g. 10!·10!·2^20.
/// </summary>
public sealed record GroupOrder(IReadOnlyList<int> Factorials, IReadOnlyDictionary<int, int> Powers)
{
    /// <summary>The trivial group.</summary>
    public static GroupOrder One { get; } = new([], new Dictionary<int, int>());

    /// <summary>The exact order.</summary>
    public BigInteger Value
    {
        get
        {
            BigInteger v = BigInteger.One;
            foreach (int n in Factorials) v *= Factorial(n);
            foreach (var (b, e) in Powers) v *= BigInteger.Pow(b, e);
            return v;
        }
    }

    /// <summary>log10 of the order, computed without forming it (lgamma-free: exact sums of logs).</summary>
    public double Log10 =>
        Factorials.Sum(n => Enumerable.Range(2, Math.Max(0, n - 1)).Sum(k => Math.Log10(k)))
        + Powers.Sum(p => p.Value * Math.Log10(p.Key));

    /// <summary>Product of this order and another (direct product of the groups).</summary>
    public GroupOrder Times(GroupOrder other)
    {
        var powers = new Dictionary<int, int>(Powers);
        foreach (var (b, e) in other.Powers) powers[b] = powers.GetValueOrDefault(b) + e;
        return new GroupOrder([.. Factorials, .. other.Factorials], powers);
    }

    /// <summary>The factorisation as text: "8!·6!·2^14"; factors 0! and 1! are left out; "1" for the trivial group.</summary>
    public override string ToString()
    {
        var parts = Factorials.Where(n => n > 1).OrderByDescending(n => n).Select(n => $"{n}!")
            .Concat(Powers.Where(p => p.Value > 0).OrderBy(p => p.Key).Select(p => p.Value == 1 ? $"{p.Key}" : $"{p.Key}^{p.Value}"))
            .ToList();
        return parts.Count == 0 ? "1" : string.Join("·", parts);
    }

    private static BigInteger Factorial(int n)
    {
        BigInteger f = BigInteger.One;
        for (int k = 2; k <= n; k++) f *= k;
        return f;
    }
}

using System.Globalization;
using System.Numerics;

namespace NetSym.Symmetries;

/// <summary>
/// The exact order of a finite group given as a product of factorials (neuron permutations) and
/// prime powers (per-neuron sign or reflection symmetries), e.g. 10!·10!·2^20.
/// </summary>
/// <remarks>
/// The factorisation, <see cref="Log10"/>, <see cref="DigitCount"/> and <see cref="Scientific"/> cost
/// microseconds whatever the size; only <see cref="Value"/> forms the integer, which for a layer of a
/// million neurons has millions of digits.
/// </remarks>
public sealed record GroupOrder(IReadOnlyList<int> Factorials, IReadOnlyDictionary<int, int> Powers)
{
    // Below this n, log10(n!) is summed term by term (exact to rounding); from it on, Stirling's
    // series through 1/(1260 n^5), whose first omitted term 1/(1680 n^7) is below 1e-17 of ln n!.
    private const int StirlingFrom = 100;

    // Ranges this short are multiplied one factor at a time: below it the tree's recursion costs
    // more than it saves.
    private const int ProductLeaf = 32;

    /// <summary>
    /// The number of factors ℤ (one per neuron whose activation has a period, as sin has): the group is then
    /// countably infinite, and <see cref="ToString"/> names them; the finite factors are still given exactly.
    /// </summary>
    public int InfiniteCyclic { get; init; }

    /// <summary>Whether the group is finite (no factor ℤ).</summary>
    public bool IsFinite => InfiniteCyclic == 0;

    /// <summary>The trivial group.</summary>
    public static GroupOrder One { get; } = new([], new Dictionary<int, int>());

    /// <summary>
    /// The exact order. Factorials are formed by product trees (balanced products of ranges, so that
    /// the big multiplications are between operands of similar size), then multiplied together the
    /// same way: 100000! takes a fraction of a second where one factor at a time takes a minute.
    /// </summary>
    /// <exception cref="InvalidOperationException">The group is infinite.</exception>
    public BigInteger Value
    {
        get
        {
            if (!IsFinite) throw new InvalidOperationException($"the group {this} is infinite");
            var factors = Factorials.Where(n => n > 1).Select(n => RangeProduct(2, n)).ToList();
            foreach (var (b, e) in Powers)
                if (e > 0) factors.Add(b == 2 ? BigInteger.One << e : BigInteger.Pow(b, e));
            return Balanced(factors, 0, factors.Count);
        }
    }

    /// <summary>
    /// The memory <see cref="ToDecimalString"/> takes: per digit, the integer, its product tree and
    /// the powers of ten it is split by (under half a byte each, a few alive at once), the text being
    /// built and the finished string (two bytes each): about <see cref="DecimalBytesPerDigit"/> bytes
    /// a digit, with the caller's copies of the text.
    /// </summary>
    public MemoryEstimate EstimateDecimalMemory() =>
        MemoryEstimate.Of($"{DigitCount} decimal digits", DigitCount > long.MaxValue / DecimalBytesPerDigit ? long.MaxValue : DigitCount * DecimalBytesPerDigit);

    /// <summary>Bytes per digit that <see cref="EstimateDecimalMemory"/> counts, measured on 1000000! with its report.</summary>
    public const long DecimalBytesPerDigit = 16;

    /// <summary>The decimal digits of <see cref="Value"/>, converted by divide and conquer (see <see cref="DecimalText"/>).</summary>
    public string ToDecimalString() => DecimalText.Of(Value);

    /// <summary>log10 of the order, computed without forming it (term sums for small factorials, Stirling's series for large ones); +∞ for an infinite group.</summary>
    public double Log10 => IsFinite ? Factorials.Sum(Log10Factorial) + Powers.Sum(p => p.Value * Math.Log10(p.Key)) : double.PositiveInfinity;

    /// <summary>The number of decimal digits of <see cref="Value"/>, from <see cref="Log10"/> (the order is never a power of ten above 1, so no boundary is near).</summary>
    /// <exception cref="InvalidOperationException">The group is infinite.</exception>
    public long DigitCount => IsFinite ? (long)Math.Floor(Log10) + 1 : throw new InvalidOperationException($"the group {this} is infinite");

    /// <summary>
    /// The order in scientific notation, "8.263932e+5565708", with as many significant digits as
    /// <see cref="Log10"/>'s double precision guarantees (its fractional part loses one digit per
    /// digit of its integer part): at least 1, at most 12; the last digit may be off by one.
    /// </summary>
    public string Scientific
    {
        get
        {
            if (!IsFinite) return "infinite";
            double log = Log10;
            long exponent = (long)Math.Floor(log);
            int integerDigits = exponent < 10 ? 1 : (int)Math.Floor(Math.Log10(exponent)) + 1;
            int digits = Math.Clamp(14 - integerDigits, 1, 12);
            double mantissa = Math.Round(Math.Pow(10, log - exponent), digits - 1);
            // Rounding can carry the mantissa to 10 (9.9999996 → 10.000000).
            if (mantissa >= 10) { mantissa /= 10; exponent++; }
            return mantissa.ToString("F" + (digits - 1), CultureInfo.InvariantCulture) + "e+" + exponent.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Product of this order and another (direct product of the groups).</summary>
    public GroupOrder Times(GroupOrder other)
    {
        var powers = new Dictionary<int, int>(Powers);
        foreach (var (b, e) in other.Powers) powers[b] = powers.GetValueOrDefault(b) + e;
        return new GroupOrder([.. Factorials, .. other.Factorials], powers) { InfiniteCyclic = InfiniteCyclic + other.InfiniteCyclic };
    }

    /// <summary>The factorisation as text: "8!·6!·2^14", with "ℤ^8" for infinite factors; factors 0! and 1! are left out; "1" for the trivial group.</summary>
    public override string ToString()
    {
        var parts = Factorials.Where(n => n > 1).OrderByDescending(n => n).Select(n => $"{n}!")
            .Concat(Powers.Where(p => p.Value > 0).OrderBy(p => p.Key).Select(p => p.Value == 1 ? $"{p.Key}" : $"{p.Key}^{p.Value}"))
            .Concat(InfiniteCyclic switch { 0 => [], 1 => ["ℤ"], int m => [$"ℤ^{m}"] })
            .ToList();
        return parts.Count == 0 ? "1" : string.Join("·", parts);
    }

    private static double Log10Factorial(int n)
    {
        if (n < StirlingFrom)
        {
            double sum = 0;
            for (int k = 2; k <= n; k++) sum += Math.Log10(k);
            return sum;
        }
        double x = n, x2 = x * x;
        double ln = x * Math.Log(x) - x + 0.5 * Math.Log(2 * Math.PI * x)
            + 1 / (12 * x) - 1 / (360 * x * x2) + 1 / (1260 * x * x2 * x2);
        return ln / Math.Log(10);
    }

    /// <summary>lo·(lo+1)·…·hi, split in halves so that both operands of every big product have about the same size.</summary>
    private static BigInteger RangeProduct(long lo, long hi)
    {
        if (hi - lo < ProductLeaf)
        {
            BigInteger p = lo;
            for (long k = lo + 1; k <= hi; k++) p *= k;
            return p;
        }
        long mid = lo + (hi - lo) / 2;
        return RangeProduct(lo, mid) * RangeProduct(mid + 1, hi);
    }

    private static BigInteger Balanced(List<BigInteger> factors, int from, int to) => (to - from) switch
    {
        0 => BigInteger.One,
        1 => factors[from],
        _ => Balanced(factors, from, from + (to - from) / 2) * Balanced(factors, from + (to - from) / 2, to),
    };
}

using System.Numerics;
using BenchmarkDotNet.Attributes;
using NetSym.Symmetries;

namespace NetSym.Benchmarks;

/// <summary>
/// The exact group order of <c>count</c> for 1-20000-1 (20000!, 77,338 digits): the product tree of
/// <see cref="GroupOrder.Value"/> against the naive product 2·3·…·n in the same run, and the decimal
/// conversion <c>--digits</c> adds.
/// </summary>
[MemoryDiagnoser]
public class CountBenchmarks
{
    private const int N = 20000;
    private readonly int _n = N;
    private readonly GroupOrder _order = new([N], new Dictionary<int, int>());

    [Benchmark(Baseline = true, Description = "naive product 2·3·…·n")]
    public BigInteger Naive()
    {
        // The reference the product tree replaced: one small factor at a time.
        var product = BigInteger.One;
        for (var k = 2; k <= _n; k++) product *= k;
        return product;
    }

    [Benchmark(Description = "product tree (GroupOrder.Value)")]
    public BigInteger ProductTree() => _order.Value;

    [Benchmark(Description = "product tree + decimal digits (--digits)")]
    public int WithDigits() => _order.ToDecimalString().Length;
}

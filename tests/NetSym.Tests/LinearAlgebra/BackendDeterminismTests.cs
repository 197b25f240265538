using NetSym.Canonical;
using NetSym.Dimension;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.LinearAlgebra;

/// <summary>
/// What the same seed reproduces across the three engines (docs/randomness.md, "Across backends"):
/// exact results to the bit on every engine; float results to the bit on a rerun with one engine, and
/// across engines only to rounding, because each engine sums a dot product in its own order.
/// </summary>
public class BackendDeterminismTests
{
    private static readonly LinearAlgebraKind[] Kinds = Enum.GetValues<LinearAlgebraKind>();

    private static Network Dense(string activation, int seed) =>
        RandomNetworks.Create(Architecture.Parse("5-8-6-3"), ActivationCatalog.Parse(activation), Initialization.PyTorch, RandomKey.FromSeed(seed));

    private static Matrix Inputs(int rows) => InputSampler.Gaussian(5).Draw(rows, 3);

    [Fact]
    public void Exact_results_are_the_same_on_every_engine()
    {
        // 123 parameters, bound 109, 120 rows: the kernel directions are computed when there is a deficit.
        var network = Dense("relu", 1);
        var results = Kinds.Select(k => FunctionalDimension.Compute(network, Inputs(40), Engines.Get(k), new() { Method = RankMethod.Exact, Primes = 2, Seed = 3 })).ToList();
        foreach (var r in results.Skip(1))
        {
            Assert.Equal(results[0].Rank, r.Rank);
            Assert.Equal(results[0].Certified, r.Certified);
            Assert.Equal(results[0].Primes, r.Primes);
            Assert.Equal(results[0].OnBreakpoint, r.OnBreakpoint);
            Assert.Equal(results[0].Kernel.Status, r.Kernel.Status);
            Assert.Equal(results[0].Kernel.KernelDimension, r.Kernel.KernelDimension);
            Assert.Equal(results[0].Kernel.Directions.Count, r.Kernel.Directions.Count);
        }
    }

    [Fact]
    public void Float_results_repeat_to_the_bit_on_one_engine_and_agree_to_rounding_across_engines()
    {
        var network = Dense("tanh", 2);
        var other = Dense("tanh", 3);
        var x = Inputs(64);
        var equivalence = new EquivalenceOptions { Seed = 4, WitnessBudget = 256 };
        var outputs = Kinds.ToDictionary(k => k, k => Forward.Evaluate(network, x, Engines.Get(k)).Data);
        var ranks = Kinds.ToDictionary(k => k, k => FunctionalDimension.Compute(network, x, Engines.Get(k), new() { Method = RankMethod.Float }));
        var witnesses = Kinds.ToDictionary(k => k, k => Equivalence.Compare(network, other, Engines.Get(k), equivalence).Search!);
        foreach (var kind in Kinds)
        {
            var engine = Engines.Get(kind);
            Assert.Equal(outputs[kind], Forward.Evaluate(network, x, engine).Data);
            Assert.Equal(ranks[kind].SingularValues, FunctionalDimension.Compute(network, x, engine, new() { Method = RankMethod.Float }).SingularValues);
            Assert.Equal(witnesses[kind].Input, Equivalence.Compare(network, other, engine, equivalence).Search!.Input);

            var reference = LinearAlgebraKind.Reference;
            for (int i = 0; i < outputs[kind].Length; i++)
                Assert.True(Math.Abs(outputs[kind][i] - outputs[reference][i]) <= 1e-13 * (1 + Math.Abs(outputs[reference][i])), $"{kind} output {i}");
            Assert.Equal(ranks[reference].Rank, ranks[kind].Rank);
            for (int i = 0; i < ranks[kind].SingularValues!.Length; i++)
                Assert.True(Math.Abs(ranks[kind].SingularValues![i] - ranks[reference].SingularValues![i]) <= 1e-11 * ranks[reference].SingularValues![0], $"{kind} σ{i}");
        }
    }
}

using NetSym.Embedding;
using NetSym.Identifiability;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Identifiability;

public class ActivationMatrixRankTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var spec in new[] { "relu", "leaky_relu(0.1)", "abs", "identity" })
            foreach (var kind in new[] { "dense", "deep", "skip-masked", "nonlinear-output" })
                data.Add(spec, kind);
        return data;
    }

    private static Network Build(string spec, string kind, int seed)
    {
        var act = ActivationCatalog.Parse(spec);
        return kind switch
        {
            "dense" => TestNetworks.Dense("3-4-3-2", act, seed),
            "deep" => TestNetworks.Dense("2-3-3-2-1", act, seed),
            "skip-masked" => TestNetworks.SkipMasked(act, seed),
            _ => WithOutputActivation(TestNetworks.Dense("2-4-3", act, seed), act),
        };
    }

    private static Network WithOutputActivation(Network net, Activation act) =>
        net.WithLayer(net.Layers.Count - 1, net.Layers[^1].With(act));

    /// <summary>
    /// Independent reference: A(X) written out by the Embedding folder's own path machinery, one block per
    /// output (output slopes included), ranked block by block with MathNet's SVD.
    /// </summary>
    private static int[] ReferenceRanks(Network network, Matrix x)
    {
        var a = LocalLinearParameterization.Activations(network, x, LinearAlgebraBackends.Default).ToMatrix(network);
        var count = PathCount.Of(network);
        return [.. Enumerable.Range(0, network.OutputSize).Select(o =>
        {
            int start = (int)count.StartOf(o), width = (int)count.PerOutput[o];
            var block = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(x.Rows, width, (i, j) => a[i, start + j]);
            return block.Rank();
        })];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gram_recursion_materialised_alpha_and_the_reference_agree(string spec, string kind)
    {
        for (int seed = 0; seed < 3; seed++)
        {
            var network = Build(spec, kind, seed);
            // Few samples (rank limited by them) and many (rank limited by the paths and patterns).
            foreach (int n in new[] { 5, 40 })
            {
                var x = TestNetworks.GaussianInputs(n, network.InputSize, 100 * seed + n);
                var pattern = ActivationPattern.Certify(network, x, LinearAlgebraBackends.Default);
                Assert.Empty(pattern.Kinks);
                var slopes = PatternSlopes.Of(network, pattern);
                var field = PrimeField.Random(RandomKey.FromSeed(seed).Stream());
                var expected = ReferenceRanks(network, x);

                var materialised = ActivationMatrixRank.Compute(network, x, slopes, new ModularArithmetic(field, LinearAlgebraBackends.Default),
                    long.MaxValue, out _, AlphaRoute.Materialised)!;
                Assert.Equal(expected, materialised.PerOutput);
                var overQ = ActivationMatrixRank.OverRationals(network, x, pattern, slopes);
                if (kind != "skip-masked") Assert.NotNull(overQ); // small enough for BigInteger elimination
                if (overQ is not null) Assert.Equal(expected, overQ);
                var floatRanks = ActivationMatrixRank.Compute(network, x, slopes, new FloatArithmetic(null, LinearAlgebraBackends.Default),
                    long.MaxValue, out _, AlphaRoute.Materialised)!;
                Assert.Equal(expected, floatRanks.PerOutput);

                var bounds = ActivationMatrixRank.UpperBounds(network, pattern, slopes);
                Assert.All(expected.Zip(bounds), p => Assert.True(p.First <= p.Second, $"rank {p.First} above its bound {p.Second}"));
                if (kind == "skip-masked") continue; // the Gram recursion needs dense layers
                var gram = ActivationMatrixRank.Compute(network, x, slopes, new ModularArithmetic(field, LinearAlgebraBackends.Default),
                    long.MaxValue, out _, AlphaRoute.Gram)!;
                Assert.Equal(expected, gram.PerOutput);
                var floatGram = ActivationMatrixRank.Compute(network, x, slopes, new FloatArithmetic(null, LinearAlgebraBackends.Default),
                    long.MaxValue, out _, AlphaRoute.Gram)!;
                Assert.Equal(expected, floatGram.PerOutput);
            }
        }
    }

    [Fact]
    public void Proposition_11_an_identity_output_layer_gives_N_L_times_rank_alpha()
    {
        var network = TestNetworks.Dense("3-5-4-3", new ReluActivation(), 7);
        var x = TestNetworks.GaussianInputs(30, 3, 8);
        var result = LocalIdentifiability.Check(network, x, LinearAlgebraBackends.Default);
        Assert.Equal(3, result.AlphaRanks!.Count);
        Assert.All(result.AlphaRanks, r => Assert.Equal(result.AlphaRanks[0], r));
        Assert.Equal(3 * result.AlphaRanks[0], result.RA);
    }

    [Fact]
    public void Without_a_masked_layer_and_with_more_paths_than_samples_alpha_is_never_materialised()
    {
        // 6-8-8-8-1 has 6·8·8·8 + 8·8·8 + 8·8 + 8 + 1 = 3657 paths per output, far more than 30 samples.
        var network = TestNetworks.Dense("6-8-8-8-1", new ReluActivation(), 2);
        var x = TestNetworks.GaussianInputs(30, 6, 3);
        var pattern = ActivationPattern.Certify(network, x, LinearAlgebraBackends.Default);
        var slopes = PatternSlopes.Of(network, pattern);
        var field = PrimeField.Random(RandomKey.FromSeed(1).Stream());
        var chosen = ActivationMatrixRank.Compute(network, x, slopes, new ModularArithmetic(field, LinearAlgebraBackends.Default), 10_000_000, out _)!;
        Assert.Equal(AlphaRoute.Gram, chosen.Route);
        Assert.Equal(ReferenceRanks(network, x), chosen.PerOutput);
        // Beyond the entry limit a masked network cannot be summarised: the reason is given instead.
        var masked = TestNetworks.SkipMasked(new ReluActivation(), 4);
        var y = TestNetworks.GaussianInputs(30, 3, 5);
        var maskedSlopes = PatternSlopes.Of(masked, ActivationPattern.Certify(masked, y, LinearAlgebraBackends.Default));
        Assert.Null(ActivationMatrixRank.Compute(masked, y, maskedSlopes, new ModularArithmetic(field, LinearAlgebraBackends.Default), 10, out var why));
        Assert.Equal(OversizeKind.AlphaMasked, why!.Kind);
        Assert.Equal(10, why.Limit);
        Assert.Equal(30, why.Samples);
        Assert.Equal(PathCount.Of(masked).PerOutput.Aggregate(System.Numerics.BigInteger.Zero, (a, b) => a + b) * 30, why.Size);
    }
}

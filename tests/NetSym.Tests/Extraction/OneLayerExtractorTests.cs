using NetSym.Canonical;
using NetSym.Extraction;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Reduction;

namespace NetSym.Tests.Extraction;

/// <summary>One-hidden-layer ReLU networks are recovered from queries alone, exactly up to symmetry, with an honest count.</summary>
public class OneLayerExtractorTests
{
    private static (ExtractionResult Result, NetworkOracle Inner) Extract(Network truth, long seed, long? budget = null)
    {
        var inner = new NetworkOracle(truth);
        var oracle = CountingOracle.Create(inner, "truth", new OracleOptions { MaxQueries = budget });
        return (OneLayerExtractor.Extract(oracle, new ExtractionOptions { Seed = seed }, LinearAlgebraBackends.Default), inner);
    }

    [Theory]
    [InlineData(2, 2, 1, 1)]
    [InlineData(2, 16, 1, 2)]
    [InlineData(3, 5, 2, 3)]
    [InlineData(5, 8, 1, 4)]
    [InlineData(8, 12, 3, 5)]
    [InlineData(10, 10, 1, 6)]
    [InlineData(10, 16, 3, 7)]
    [InlineData(4, 16, 2, 8)]
    public void RecoversTheNetworkUpToSymmetry(int d, int n, int m, long seed)
    {
        var truth = ShallowTruth.Create(d, n, m, seed);
        var (result, inner) = Extract(truth, seed);
        Assert.True(result.Complete, result.Failure?.ToString());
        Assert.Equal([n], result.Widths);
        Assert.Equal(inner.RowsEvaluated, result.Ledger.Total);
        var comparison = Equivalence.Compare(truth, result.Network!, LinearAlgebraBackends.Default);
        Assert.Equal(EquivalenceVerdict.Equivalent, comparison.Verdict);
        Assert.NotNull(comparison.Map);
        Assert.True(comparison.CanonicalDeviation <= 1e-9, $"canonical deviation {comparison.CanonicalDeviation}");
        double error = ShallowTruth.MaxRelativeError(truth, result.Network!, 100_000, seed);
        Assert.True(error < Math.Pow(2, -30), $"max relative error {error}");
        Assert.True(result.MaxRelativeError < Math.Pow(2, -30));
    }
}

using NetSym.Canonical;
using NetSym.Identifiability;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Networks;

/// <summary>
/// Analyses that do not handle convolution, pooling or addition layers yet refuse such networks up front
/// with a NotSupportedException naming the analysis (the CLI prints it as one line, exit 2), instead of
/// failing somewhere inside or, worse, answering for the wrong model. Remove an entry when its analysis learns CNNs.
/// </summary>
public sealed class DenseOnlyAnalysesTests
{
    private static readonly LinearAlgebraBackend Backend = LinearAlgebraBackends.Default;

    public static TheoryData<string> Analyses() =>
    [
        "the fiber", "local identifiability", "shallow identifiability",
    ];

    [Theory]
    [MemberData(nameof(Analyses))]
    public void ConvolutionalNetworksAreRefusedByName(string analysis)
    {
        foreach (var network in ConvolutionalTestNetworks.All(new ReluActivation(), 5))
        {
            var refusal = Assert.Throws<NotSupportedException>(() => Run(analysis, network));
            Assert.StartsWith(analysis + " does not handle ", refusal.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Analyses))]
    public void DenseNetworksAreNotRefused(string analysis)
    {
        var network = TestNetworks.Dense("3-4-2", new ReluActivation(), 7);
        try { Run(analysis, network); }
        catch (NotSupportedException e) { Assert.Fail($"{analysis} refused a dense network: {e.Message}"); }
    }

    private static void Run(string analysis, Network network)
    {
        switch (analysis)
        {
            case "the fiber": Fiber.Describe(network); break;
            case "local identifiability": LocalIdentifiability.SuggestSampleSize(network); break;
            case "shallow identifiability": ShallowIdentifiability.Check(network, Backend, 1); break;
            default: throw new ArgumentOutOfRangeException(nameof(analysis), analysis, null);
        }
    }
}

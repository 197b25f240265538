using NetSym.Dimension;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Dimension;

/// <summary>
/// Functional dimension of convolutional networks, exact and float: never above P − (positive
/// scalings), counted here by hand — one per hidden channel whose output reaches the next layer only
/// through ReLU and pooling, since ρ(λz) = λρ(z), max and mean commute with λ > 0 and every position
/// of a channel shares its kernel and bias — and reaching it where every channel is live. The bound the
/// library reports comes from the spec derived from the graph; the hand counts check it.
/// </summary>
public class ConvolutionalDimensionTests
{
    private static readonly LinearAlgebraBackend Backend = LinearAlgebraBackends.Default;

    /// <summary>
    /// The VGG- and 1-d-shaped test networks: each hidden convolution's channels go through ReLU and a
    /// pool into the next convolution or the dense head, one scaling each.
    /// </summary>
    private static int ChainScalings(Network network) =>
        network.Layers.Take(network.Layers.Count - 1).Where(l => l.Kind == LayerKind.Convolution).Sum(l => l.Units);

    /// <summary>
    /// The residual test network: an addition ties the scalings of the channels it joins (stem, second
    /// conv of the block and the sum share one per channel: 4; the strided block's second conv, its
    /// shortcut and the sum: 6), and the other ReLU convolutions (the block's first convs, 4 and 6, and
    /// the grouped conv, 4) have one per channel: 24 in all.
    /// </summary>
    private const int ResNetScalings = 4 + 4 + 6 + 6 + 4;

    private static Matrix Batch(Network network, int seed) =>
        TestNetworks.GaussianInputs(FunctionalDimension.SuggestBatchSize(network, FunctionalDimension.MaxJacobianEntries), network.InputSize, seed);

    private static FunctionalDimensionResult Rank(Network network, RankMethod method, int seed) =>
        FunctionalDimension.Compute(network, Batch(network, seed), Backend, FunctionalDimensionOptions.Default with { Method = method });

    [Theory]
    [InlineData(RankMethod.Exact)]
    [InlineData(RankMethod.Float)]
    public void Rank_never_exceeds_parameters_less_the_positive_scalings(RankMethod method)
    {
        var relu = ActivationCatalog.Parse("relu");
        foreach (int seed in new[] { 600, 601, 602 })
        {
            var networks = new[]
            {
                (Net: ConvolutionalTestNetworks.Vgg(relu, seed), Scalings: 0),
                (Net: ConvolutionalTestNetworks.OneDimensional(relu, seed), Scalings: 0),
                (Net: ConvolutionalTestNetworks.ResNet(relu, seed), Scalings: ResNetScalings),
            };
            foreach (var (net, scalings) in networks)
            {
                int count = scalings > 0 ? scalings : ChainScalings(net);
                var result = Rank(net, method, seed + 10);
                Assert.True(result.Rank <= net.ParameterCount - count,
                    $"{net.Architecture} seed {seed}: rank {result.Rank} above P − scalings = {net.ParameterCount} − {count}");
            }
        }
    }

    [Fact]
    public void The_bound_subtracts_the_scalings_counted_by_hand()
    {
        var relu = ActivationCatalog.Parse("relu");
        Assert.Equal(ConvolutionalTestNetworks.ResNet(relu, 1).ParameterCount - ResNetScalings, FunctionalDimension.Bound(ConvolutionalTestNetworks.ResNet(relu, 1)));
        foreach (var net in new[] { ConvolutionalTestNetworks.Vgg(relu, 1), ConvolutionalTestNetworks.OneDimensional(relu, 1) })
            Assert.Equal(net.ParameterCount - ChainScalings(net), FunctionalDimension.Bound(net));
        // tanh has no continuous symmetry: the bound is P.
        var tanh = ConvolutionalTestNetworks.Vgg(ActivationCatalog.Parse("tanh"), 1);
        Assert.Equal(tanh.ParameterCount, FunctionalDimension.Bound(tanh));
    }

    [Fact]
    public void A_dead_channel_leaves_a_deficit_whose_directions_are_not_sought()
    {
        // Seed 601's 1-d network has a second convolution channel no Gaussian input switches on: its kernel
        // and bias drop out of J. Causes and kernel directions are derived for dense layers only.
        var net = ConvolutionalTestNetworks.OneDimensional(ActivationCatalog.Parse("relu"), 601);
        var result = Rank(net, RankMethod.Exact, 602);
        Assert.True(result.Deficit > 0);
        Assert.False(result.BatchTooSmall);
        Assert.Equal(KernelStatus.NeedsDenseLayers, result.Kernel.Status);
        Assert.Empty(result.Causes);
    }

    [Fact]
    public void Exact_and_float_ranks_agree()
    {
        foreach (var net in ConvolutionalTestNetworks.All(ActivationCatalog.Parse("relu"), 610))
            Assert.Equal(Rank(net, RankMethod.Float, 611).Rank, Rank(net, RankMethod.Exact, 611).Rank);
    }

    [Theory]
    [InlineData(600)]
    [InlineData(700)]
    public void Reaches_the_bound_when_every_channel_is_live(int seed)
    {
        // A channel that no input of the batch switches on (a dead ReLU channel) loses its kernel's rank:
        // the premise is checked, so that the equality below is about generic networks only.
        var relu = ActivationCatalog.Parse("relu");
        foreach (var net in new[] { ConvolutionalTestNetworks.Vgg(relu, seed), ConvolutionalTestNetworks.OneDimensional(relu, seed) })
        {
            var x = Batch(net, seed + 1);
            var trace = Forward.Trace(net, x, Backend);
            for (int l = 0; l < net.Layers.Count - 1; l++)
            {
                var layer = net.Layers[l];
                if (layer.Kind != LayerKind.Convolution) continue;
                int positions = layer.OutputShape.Positions;
                for (int c = 0; c < layer.Units; c++)
                    Assert.True(Enumerable.Range(0, x.Rows).Any(i => trace.PreActivations[l].Row(i).Slice(c * positions, positions).ContainsAnyExceptInRange(double.MinValue, 0)),
                        $"{net.Architecture} seed {seed}: channel {c} of layer {l} is dead on the batch; pick a generic seed");
            }
            var result = FunctionalDimension.Compute(net, x, Backend, FunctionalDimensionOptions.Default with { Method = RankMethod.Exact });
            Assert.Equal(net.ParameterCount - ChainScalings(net), result.Rank);
            // The bound from the spec derived from the graph is the hand count, and the exact rank certifies it.
            Assert.Equal(net.ParameterCount - ChainScalings(net), result.Bound);
            Assert.True(result.Certified);
        }
    }

    [Fact]
    public void Kink_inputs_reach_the_same_rank()
    {
        // analyze's default batch for a piecewise-linear network: points beside the breakpoint crossings
        // and max-pool switches of random lines, which the affine walk finds through every layer kind.
        var net = ConvolutionalTestNetworks.OneDimensional(ActivationCatalog.Parse("relu"), 700);
        var sampler = InputSampler.Kinks(net);
        var x = sampler.Draw(FunctionalDimension.SuggestBatchSize(net, FunctionalDimension.MaxJacobianEntries), 701);
        var result = FunctionalDimension.Compute(net, x, Backend, FunctionalDimensionOptions.Default with { Method = RankMethod.Exact });
        Assert.Equal(net.ParameterCount - ChainScalings(net), result.Rank);
        Assert.True(sampler.Coverage(x.Rows, 701).Reached.Count > 0);
    }
}

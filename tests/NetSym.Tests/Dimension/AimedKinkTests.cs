using NetSym.Dimension;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Dimension;

/// <summary>
/// The kink sampler of networks with convolutions (<see cref="KinkPoint.Aim"/>, <see cref="KinkTargets"/>): each
/// point lies on the drawn side of the breakpoints it aimed at, rows keep the prefix property, and on a CNN with a
/// dense unit that no Gaussian input wakes, or one that no Gaussian input turns off, the batch reaches the bound
/// P − dim(symmetries) where a Gaussian batch of the same size does not (exact and float ranks agreeing).
/// </summary>
public class AimedKinkTests
{
    private static readonly LinearAlgebraBackend Backend = LinearAlgebraBackends.Default;

    /// <summary>
    /// Input 2×6×6: conv 2→3 k3 p1 (ReLU), max-pool 2, dense 27→4 (ReLU), dense 4→2. Dense unit 0's bias is set
    /// 1 below the largest value its weights reach on 2,000 Gaussian inputs, so no Gaussian batch of that size wakes it
    /// (checked on the batch used), while larger inputs do.
    /// </summary>
    private static Network RareUnit(int seed)
    {
        var r = RandomKey.FromSeed(seed).Stream();
        double[] Draw(int n) => [.. Enumerable.Range(0, n).Select(_ => r.NextNormal() * 0.6)];
        var input = new NodeShape(2, 6, 6);
        var relu = ActivationCatalog.Parse("relu");
        var conv = Layer.Convolution(input, 3, ConvolutionalTestNetworks.Window([3, 3], [1, 1], [1, 1], [1, 1], [1, 1]), 1, Draw(3 * 2 * 9), Draw(3), relu, 0);
        var pool = Layer.Pooling(LayerKind.MaxPool, conv.OutputShape, ConvolutionalTestNetworks.Window([2, 2], [2, 2], [0, 0], [0, 0], [1, 1]), 1);
        var hidden = new Layer(27, 4, Draw(27 * 4), Draw(4), relu, [2]);
        var output = new Layer(4, 2, Draw(8), Draw(2), new IdentityActivation(), [3]);
        var net = new Network(input, [conv, pool, hidden, output]);
        var pre = Forward.Trace(net, TestNetworks.GaussianInputs(2000, net.InputSize, seed + 1), Backend).PreActivations[2];
        double reach = Enumerable.Range(0, pre.Rows).Max(i => pre[i, 0] - hidden.Bias[0]);
        var bias = hidden.Bias.ToArray();
        bias[0] = -reach - 1;
        return net.WithLayer(2, hidden.With(hidden.Weights, bias));
    }

    /// <summary>
    /// <see cref="RareUnit"/>'s architecture with dense unit 0 always active instead: its bias is set 1 above what
    /// lifts the lowest value its weights reach on 2,000 Gaussian inputs at scale 1,000 (the pilot's largest) to 0,
    /// so no Gaussian or pilot input turns it off (checked on the batch used), while inputs along its negative
    /// directions do. On a batch where it is never off it is affine, and its bias trades against the output biases.
    /// </summary>
    private static Network AlwaysOnUnit(int seed)
    {
        var net = RareUnit(seed);
        var hidden = net.Layers[2];
        var large = TestNetworks.GaussianInputs(2000, net.InputSize, seed + 2);
        for (int k = 0; k < large.Data.Length; k++) large.Data[k] *= 1000;
        var pre = Forward.Trace(net, large, Backend).PreActivations[2];
        double low = Enumerable.Range(0, pre.Rows).Min(i => pre[i, 0] - hidden.Bias[0]);
        var bias = hidden.Bias.ToArray();
        bias[0] = -low + 1;
        return net.WithLayer(2, hidden.With(hidden.Weights, bias));
    }

    /// <summary>
    /// The exact results on the Gaussian and the kink batch of the suggested size for <paramref name="seed"/>, with
    /// the kink batch: first checks that dense unit 0's pre-activation satisfies <paramref name="onGaussian"/> on every
    /// Gaussian input, and that the kink batch reaches the bound P − dim(symmetries), certified.
    /// </summary>
    private static (FunctionalDimensionResult Gaussian, Matrix Kinks, FunctionalDimensionResult Reached) GaussianAndKinks(
        Network net, int seed, Func<double, bool> onGaussian)
    {
        int points = FunctionalDimension.SuggestBatchSize(net, FunctionalDimension.MaxJacobianEntries);
        var exact = FunctionalDimensionOptions.Default with { Method = RankMethod.Exact };
        var gaussian = InputSampler.Gaussian(net.InputSize).Draw(points, seed);
        var pre = Forward.Trace(net, gaussian, Backend).PreActivations[2];
        Assert.All(Enumerable.Range(0, points), i => Assert.True(onGaussian(pre[i, 0]), $"Gaussian input {i}: z = {pre[i, 0]}"));
        var kinks = InputSampler.Kinks(net).Draw(points, seed);
        var reached = FunctionalDimension.Compute(net, kinks, Backend, exact);
        var bound = net.ParameterCount - NetSym.Symmetries.PermutationSpec.Derive(net).ContinuousDimension;
        Assert.Equal(bound, reached.Bound);
        Assert.Equal(bound, reached.Rank);
        Assert.True(reached.Certified);
        return (FunctionalDimension.Compute(net, gaussian, Backend, exact), kinks, reached);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Kink_inputs_turn_off_a_unit_that_gaussian_inputs_never_do(int seed)
    {
        var net = AlwaysOnUnit(seed);
        var (affine, kinks, _) = GaussianAndKinks(net, seed, z => z > 0);
        Assert.True(affine.Rank < affine.Bound, $"seed {seed}: unit 0's bias should trade against the output biases on the Gaussian batch");
        Assert.Contains(affine.Causes, c => c.Kind == DeficitCauseKind.LinearOnBatch && c.Layer == 2 && c.Neurons.Contains(0));
        var pre = Forward.Trace(net, kinks, Backend).PreActivations[2];
        Assert.Contains(Enumerable.Range(0, kinks.Rows), i => pre[i, 0] < 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Kink_inputs_reach_the_bound_that_gaussian_inputs_miss(int seed)
    {
        var net = RareUnit(seed);
        var (asleep, kinks, reached) = GaussianAndKinks(net, seed, z => z <= 0);
        Assert.True(asleep.Rank < asleep.Bound, $"seed {seed}: the Gaussian batch should miss unit 0's 28 incoming parameters");
        var asFloat = FunctionalDimension.Compute(net, kinks, Backend, FunctionalDimensionOptions.Default with { Method = RankMethod.Float });
        Assert.Equal(reached.Rank, asFloat.Rank);
    }

    [Fact]
    public void A_larger_batch_extends_a_smaller_one()
    {
        var sampler = InputSampler.Kinks(ConvolutionalTestNetworks.Vgg(ActivationCatalog.Parse("relu"), 11));
        var small = sampler.Draw(7, 5);
        var large = sampler.Draw(20, 5);
        Assert.Equal(small.Data, large.Data.AsSpan(0, small.Data.Length).ToArray());
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void An_aimed_point_lies_on_the_drawn_side_of_each_breakpoint_it_aimed_at(int seed)
    {
        // The draw of the targets is the first use of the row's stream, so a copy of the stream replays it.
        var net = ConvolutionalTestNetworks.ResNet(ActivationCatalog.Parse("relu"), seed);
        var targets = KinkTargets.Measure(net, RandomKey.FromSeed(seed), Backend);
        int aimed = 0;
        for (int i = 0; i < 40; i++)
        {
            var key = RandomKey.FromSeed(seed).Split(i);
            var point = KinkPoint.Aim(targets, key.Stream(), Math.Pow(10, i % 4), Backend);
            if (point.Beside.Count == 0) continue;
            aimed++;
            var sides = targets.Draw(key.Stream());
            Assert.Equal(sides.Select(s => s.Neuron), point.Beside);
            var pre = Forward.Trace(net, new Matrix(1, net.InputSize, point.Point), Backend).PreActivations;
            foreach (var side in sides)
            {
                double z = pre[side.Neuron.Layer][0, side.Neuron.Index];
                Assert.True(side.Above ? z > side.Breakpoint : z < side.Breakpoint, $"row {i}: {side} has z = {z}");
            }
        }
        Assert.True(aimed >= 36, $"only {aimed} of 40 rows reached their breakpoints");
    }
}

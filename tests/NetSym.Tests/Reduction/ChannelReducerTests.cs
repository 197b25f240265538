using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Reduction;
using NetSym.Symmetries;
using NetSym.Tests.IO;
using LayerKind = NetSym.Networks.LayerKind;

namespace NetSym.Tests.Reduction;

/// <summary>
/// Reduction of convolutional and residual networks, channel by channel: dead, unused, constant and twin
/// channels planted in the test networks and the ONNX fixtures are removed, the reduced network computes the
/// same outputs and has the parameters of one channel fewer per step; planted channels that no exact rule may
/// touch (a constant before zero padding, a sign-flipped twin before a max-pool, a grouped convolution's
/// channels, a tied channel that is not zero) are left as they are; generic networks are unchanged.
/// </summary>
public class ChannelReducerTests
{
    private static readonly LinearAlgebraBackend Backend = LinearAlgebraBackends.Default;

    public static TheoryData<string> Activations() => ["relu", "tanh", "leaky_relu(0.1)", "sigmoid", "identity", "abs", "elu(0.7)"];

    [Theory]
    [MemberData(nameof(Activations))]
    public void Generic_networks_are_unchanged(string spec)
    {
        var activation = ActivationCatalog.Parse(spec);
        foreach (var network in ConvolutionalTestNetworks.All(activation, 11))
            AssertUnchanged(network);
        for (int seed = 0; seed < 12; seed++)
            AssertUnchanged(RandomConvolutionalNetworks.Create(seed, onnxExportable: false));
    }

    [Fact]
    public void A_positive_multiple_of_a_relu_channel_merges_through_a_max_pool()
    {
        var network = ConvolutionalTestNetworks.Vgg(new ReluActivation(), 3);
        var planted = Scaled(network, 0, from: 1, to: 3, 0.5);
        var step = AssertReduced(planted, ChannelParameters(network, 0), 3);
        Assert.Equal((ReductionRule.Twin, 0, 3, (int?)1), (step.Rule, step.Layer, step.Neuron, step.MergedInto));
        Assert.True(step.IsChannel);
        Assert.StartsWith("layer 0, channel 3: ", step.ToString());
        Assert.EndsWith("merged into channel 1", step.Action);
    }

    [Fact]
    public void A_sign_flipped_tanh_channel_merges_through_average_pooling_but_not_through_a_max_pool()
    {
        var network = ConvolutionalTestNetworks.Vgg(new TanhActivation(), 4);
        // Layer 2's channels reach the head through global average pooling: tanh(−z) = −tanh(z) passes it.
        var step = AssertReduced(Scaled(network, 2, from: 0, to: 5, -1), ChannelParameters(network, 2), 3);
        Assert.Equal((ReductionRule.Twin, 2, 5, (int?)0), (step.Rule, step.Layer, step.Neuron, step.MergedInto));
        // Layer 0's go through a max-pool: max(−t) = −min(t), so the flipped twin stays; an equal twin merges.
        AssertUnchanged(Scaled(network, 0, from: 0, to: 2, -1));
        Assert.Equal(ReductionRule.Twin, AssertReduced(Scaled(network, 0, from: 0, to: 2, 1), ChannelParameters(network, 0), 3).Rule);
    }

    [Fact]
    public void Dead_and_unused_channels_are_removed()
    {
        var network = ConvolutionalTestNetworks.Vgg(new ReluActivation(), 5);
        var dead = AssertReduced(ZeroRow(network, 2, 4, -0.4), ChannelParameters(network, 2), 3);
        Assert.Equal((ReductionRule.ZeroIncoming, 2, 4), (dead.Rule, dead.Layer, dead.Neuron));
        Assert.Contains("0 everywhere", dead.Reason);
        var unused = AssertReduced(ZeroReaders(network, 0, 2), ChannelParameters(network, 0), 3);
        Assert.Equal((ReductionRule.ZeroOutgoing, 0, 2, "removed"), (unused.Rule, unused.Layer, unused.Neuron, unused.Action));
    }

    [Fact]
    public void A_constant_channel_folds_only_where_no_zero_padding_reads_it()
    {
        var vgg = ConvolutionalTestNetworks.Vgg(new ReluActivation(), 6);
        // Layer 0 is read by a padded convolution (through the max-pool): the border would see 0, not relu(0.5).
        AssertUnchanged(ZeroRow(vgg, 0, 1, 0.5));
        // Layer 2 by an unpadded global average pool and the dense head: the constant moves into the head's bias.
        var folded = AssertReduced(ZeroRow(vgg, 2, 3, 0.5), ChannelParameters(vgg, 2), 3);
        Assert.Equal((ReductionRule.ZeroIncoming, 3), (folded.Rule, folded.Neuron));
        Assert.Contains("relu(0.5) = 0.5", folded.Reason);
        // 1-d: layer 0 goes through a padded max-pool (max ignores padding) into an unpadded convolution, whose
        // biases take 0.5 times the sum of the channel's taps.
        var oneD = ConvolutionalTestNetworks.OneDimensional(new ReluActivation(), 7);
        Assert.Equal(ReductionRule.ZeroIncoming, AssertReduced(ZeroRow(oneD, 0, 1, 0.5), ChannelParameters(oneD, 0), 3).Rule);
        // Its layer 2 is read by a padded average pool: left.
        AssertUnchanged(ZeroRow(oneD, 2, 0, 0.5));
    }

    [Fact]
    public void Residual_streams_lose_a_channel_in_every_producer_and_addition_at_once()
    {
        var network = ConvolutionalTestNetworks.ResNet(new ReluActivation(), 8);
        // Layers 0 (relu) and 2 (identity) feed addition 3: channel 1 is 0 everywhere when both rows are 0,
        // relu(−0.3) = 0, identity(0) = 0, and the addition's relu(0) = 0.
        var dead = ZeroRow(ZeroRow(network, 0, 1, -0.3), 2, 1, 0);
        var step = AssertReduced(dead, ChannelParameters(network, 0), 3);
        Assert.Equal((ReductionRule.ZeroIncoming, 0, 1), (step.Rule, step.Layer, step.Neuron));
        Assert.Contains("layers 0, 2, 3", step.Reason);
        // With identity(0.2) on layer 2 the stream carries 0.2 (relu(0.2) after the addition): left.
        AssertUnchanged(ZeroRow(ZeroRow(network, 0, 1, -0.3), 2, 1, 0.2));
        // Unused: no layer reads channel 2 of the stream (layers 1, 4 and 6 read it).
        Assert.Equal(ReductionRule.ZeroOutgoing, AssertReduced(ZeroReaders(network, 0, 2), ChannelParameters(network, 0), 3).Rule);
        // A twin inside the block (layer 1, read by layer 2).
        Assert.Equal(ReductionRule.Twin, AssertReduced(Scaled(network, 1, from: 0, to: 3, 4), ChannelParameters(network, 1), 3).Rule);
    }

    [Fact]
    public void Channels_of_grouped_convolutions_are_left()
    {
        var network = ConvolutionalTestNetworks.ResNet(new ReluActivation(), 9);
        // Layer 8 has 2 groups of 2 output channels: removing one would leave groups of unequal size.
        AssertUnchanged(Scaled(network, 8, from: 0, to: 1, 0.5));
        AssertUnchanged(ZeroReaders(network, 8, 3));
        // Its input stream (layers 5, 6, addition 7) is read by it: left too.
        AssertUnchanged(ZeroReaders(network, 5, 0));
    }

    [Fact]
    public void The_last_channel_of_a_class_stays_as_a_zero_placeholder()
    {
        var network = ConvolutionalTestNetworks.Vgg(new ReluActivation(), 10);
        var planted = network;
        for (int j = 0; j < 6; j++) planted = ZeroReaders(planted, 2, j);
        // Layer 2 keeps one zero channel; its kernels, now zero, read no channel of layer 0, which keeps one too.
        var result = Reducer.Reduce(planted);
        Assert.Equal([2, 2, 2, 2, 2, 2, 0, 0, 0, 0], result.Steps.Select(s => s.Layer));
        Assert.All(result.Steps, s => Assert.Equal(ReductionRule.ZeroOutgoing, s.Rule));
        Assert.Equal(8, result.RemovedNeuronCount);
        Assert.Equal([false, false, false, false, false, true, false, false, false, true], result.Steps.Select(s => s.KeptAsPlaceholder));
        Assert.Equal((1, 1), (result.Network.Layers[0].Units, result.Network.Layers[2].Units));
        AssertSameFunction(planted, result.Network, 10);
        Assert.Empty(Reducer.Reduce(result.Network).Steps);
    }

    [Fact]
    public void Near_twins_merge_within_the_tolerance_only()
    {
        var network = ConvolutionalTestNetworks.Vgg(new ReluActivation(), 12);
        var planted = Scaled(network, 0, from: 1, to: 3, 0.5);
        var layer = planted.Layers[0];
        var kernel = layer.Weights.ToArray();
        kernel[3 * layer.WeightColumns] += 1e-13;
        planted = planted.WithLayer(0, layer.With(kernel, layer.Bias));
        AssertUnchanged(planted);
        var result = Reducer.Reduce(planted, tolerance: 1e-9);
        Assert.Equal(ReductionRule.Twin, Assert.Single(result.Steps).Rule);
        Assert.Contains("up to the tolerance", result.Guarantee);
        Assert.Equal(planted.ParameterCount - ChannelParameters(network, 0), result.Network.ParameterCount);
    }

    [Fact]
    public void A_domain_is_refused_by_name()
    {
        var network = ConvolutionalTestNetworks.Vgg(new ReluActivation(), 1);
        var refusal = Assert.Throws<NotSupportedException>(() => Reducer.Reduce(network, Box.Uniform(network.InputSize, -1, 1)));
        Assert.StartsWith("reduction on a domain does not handle ", refusal.Message);
    }

    [Theory]
    [InlineData("vgg_relu_3x16x16_opset11.onnx")]
    [InlineData("resnet_relu_3x16x16_opset13.onnx")]
    [InlineData("cnn1d_tanh_2x32_opset17.onnx")]
    public void Channels_planted_in_the_fixtures_are_removed(string name)
    {
        var network = OnnxModelReader.Read(Fixtures.Onnx(Path.Combine("cnn", name)));
        AssertUnchanged(network);
        // A twin in the first convolution outside a residual stream (2 times for ReLU, equal for tanh), and an
        // unused channel in the last hidden convolution (a residual stream's in the ResNet).
        var spec = PermutationSpec.Derive(network);
        int first = spec.Classes.First(c => c.Producers is [var p] && c.Additions.Count == 0 && network.Layers[p].Kind == LayerKind.Convolution).Producers[0];
        double factor = network.Layers[first].Activation.IsPositivelyHomogeneous ? 2 : 1;
        var twin = AssertReduced(Scaled(network, first, from: 0, to: 1, factor), ChannelParameters(network, first), 13);
        Assert.Equal((ReductionRule.Twin, 1, (int?)0), (twin.Rule, twin.Neuron, twin.MergedInto));
        int last = Enumerable.Range(0, network.Layers.Count - 1).Last(l => network.Layers[l].Kind == LayerKind.Convolution);
        var unused = ZeroReaders(network, last, 0);
        var step = AssertReduced(unused, ChannelParameters(network, last), 14);
        Assert.Equal((ReductionRule.ZeroOutgoing, 0), (step.Rule, step.Neuron));
    }

    [Fact]
    public void Channels_planted_in_random_networks_are_removed_and_the_function_kept()
    {
        int planted = 0, twins = 0;
        for (int seed = 0; seed < 100; seed++)
        {
            var network = RandomConvolutionalNetworks.Create(seed, onnxExportable: false);
            var spec = PermutationSpec.Derive(network);
            // Classes an exact rule may reduce: not the output's, not touched by a grouped convolution.
            var free = spec.Classes.Where(c => !c.Fixed && c.Channels > 1 && !network.Layers.Select((layer, l) => (layer, l)).Any(x =>
                x.layer.Kind == LayerKind.Convolution && x.layer.Groups > 1 && (spec.ClassOf(x.l + 1) == c.Index || spec.ClassOf(x.layer.Sources[0]) == c.Index))).ToList();
            foreach (var c in free)
            {
                int p = c.Producers[0];
                planted++;
                var unused = Reducer.Reduce(ZeroReaders(network, p, 1));
                Assert.Contains(unused.Steps, s => (s.Layer, s.Neuron, s.Rule) == (p, 1, ReductionRule.ZeroOutgoing));
                AssertSameFunction(ZeroReaders(network, p, 1), unused.Network, seed);
                if (c.Producers.Count > 1 || c.Additions.Count > 0) continue;
                double factor = network.Layers[p].Activation.IsPositivelyHomogeneous ? 2 : 1;
                twins++;
                var twin = Reducer.Reduce(Scaled(network, p, from: 0, to: 1, factor));
                Assert.Contains(twin.Steps, s => (s.Layer, s.Neuron, s.Rule, s.MergedInto) == (p, 1, ReductionRule.Twin, (int?)0));
                AssertSameFunction(Scaled(network, p, from: 0, to: 1, factor), twin.Network, seed);
            }
        }
        // The seeds reach streams and plain classes alike (not a vacuous pass).
        Assert.True(planted >= 40 && twins >= 12, $"{planted} unused and {twins} twin plants");
    }

    // ---- planting ----

    /// <summary>Producer p's channel <paramref name="to"/> becomes λ times channel <paramref name="from"/> (kernel row and bias).</summary>
    internal static Network Scaled(Network network, int p, int from, int to, double lambda)
    {
        var layer = network.Layers[p];
        int columns = layer.WeightColumns;
        var row = layer.Weights.Slice(from * columns, columns).ToArray().Select(w => lambda * w).ToArray();
        return WithRow(network, p, to, row, lambda * layer.Bias[from]);
    }

    /// <summary>Producer p's channel j gets the kernel row <paramref name="row"/> (or all zeros for null) and the bias.</summary>
    private static Network WithRow(Network network, int p, int j, double[]? row, double bias)
    {
        var layer = network.Layers[p];
        int columns = layer.WeightColumns;
        var kernel = layer.Weights.ToArray();
        (row ?? new double[columns]).CopyTo(kernel.AsSpan(j * columns));
        var b = layer.Bias.ToArray();
        b[j] = bias;
        return network.WithLayer(p, layer.With(kernel, b));
    }

    /// <summary>Producer p's channel j gets a zero kernel row and the bias: the constant ρ(bias).</summary>
    internal static Network ZeroRow(Network network, int p, int j, double bias) => WithRow(network, p, j, null, bias);

    /// <summary>Zeroes every weight by which a layer reads channel j of producer p's class: convolution kernel slices and dense column blocks.</summary>
    internal static Network ZeroReaders(Network network, int p, int j)
    {
        var spec = PermutationSpec.Derive(network);
        int c = spec.ClassOf(p + 1);
        foreach (var (l, node, offset) in Readers(network, spec, c))
        {
            var layer = network.Layers[l];
            var w = layer.Weights.ToArray();
            int length = SliceLength(network, l, node);
            int start = layer.Kind == LayerKind.Convolution ? j * length : offset + j * length;
            for (int r = 0; r < layer.Units; r++) w.AsSpan(r * layer.WeightColumns + start, length).Clear();
            network = network.WithLayer(l, layer.With(w, layer.Bias));
        }
        return network;
    }

    /// <summary>The parameters one channel of producer p's class holds: its row and bias in every producer, its slices in every reader.</summary>
    internal static int ChannelParameters(Network network, int p)
    {
        var spec = PermutationSpec.Derive(network);
        var c = spec.Classes[spec.ClassOf(p + 1)];
        return c.Producers.Sum(q => network.Layers[q].WeightColumns + 1)
            + Readers(network, spec, c.Index).Sum(r => network.Layers[r.Layer].Units * SliceLength(network, r.Layer, r.Node));
    }

    internal static IEnumerable<(int Layer, int Node, int Offset)> Readers(Network network, PermutationSpec spec, int c) =>
        from node in Enumerable.Range(0, network.Layers.Count + 1)
        where spec.ClassOf(node) == c
        from reader in network.Graph.Readers(node)
        where network.Layers[reader.Layer].Kind is LayerKind.Convolution or LayerKind.Dense
        select (reader.Layer, node, reader.Offset);

    internal static int SliceLength(Network network, int l, int node) =>
        network.Layers[l].Kind == LayerKind.Convolution ? network.Layers[l].Window!.WindowSize : network.ShapeOf(node).Positions;

    // ---- checks ----

    private static void AssertUnchanged(Network network)
    {
        var result = Reducer.Reduce(network);
        Assert.Empty(result.Steps);
        Assert.Equal(network.Architecture, result.Network.Architecture);
        Assert.Equal(network.GetParameters(), result.Network.GetParameters());
    }

    /// <summary>One step, <paramref name="removed"/> parameters fewer, the same function, and a fixed point.</summary>
    private static ReductionStep AssertReduced(Network network, int removed, int seed)
    {
        var result = Reducer.Reduce(network);
        var step = Assert.Single(result.Steps);
        Assert.True(step.IsChannel);
        Assert.Equal(network.ParameterCount - removed, result.Network.ParameterCount);
        Assert.Equal("computes the same function as the original everywhere", result.Guarantee);
        AssertSameFunction(network, result.Network, seed);
        Assert.Empty(Reducer.Reduce(result.Network).Steps);
        return step;
    }

    private static void AssertSameFunction(Network original, Network reduced, int seed)
    {
        var x = TestNetworks.GaussianInputs(40, original.InputSize, seed);
        var expected = Forward.Evaluate(original, x, Backend).Data;
        var actual = Forward.Evaluate(reduced, x, Backend).Data;
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * scale, $"output {i}: {actual[i]} vs {expected[i]}");
    }
}

using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Networks;

public class ForwardTests
{
    /// <summary>An independent scalar evaluation: neuron by neuron, edge by edge.</summary>
    private static double[] Naive(Network net, double[] x)
    {
        var nodes = new List<double[]> { x };
        foreach (var layer in net.Layers)
        {
            var input = layer.Sources.SelectMany(s => nodes[s]).ToArray();
            var y = new double[layer.OutputSize];
            for (int j = 0; j < layer.OutputSize; j++)
            {
                double z = layer.Bias[j];
                for (int k = 0; k < layer.InputSize; k++)
                    if (layer.HasEdge(j, k)) z += layer.Weight(j, k) * input[k];
                y[j] = layer.Activation.Value(z);
            }
            nodes.Add(y);
        }
        return nodes[^1];
    }

    public static TheoryData<string> Specs() => TestNetworks.AllActivationSpecs();

    [Theory]
    [MemberData(nameof(Specs))]
    public void Batched_evaluation_equals_neuron_by_neuron_evaluation(string spec)
    {
        var act = ActivationCatalog.Parse(spec);
        foreach (var net in new[] { TestNetworks.Dense("3-7-5-2", act, 1), TestNetworks.SkipMasked(act, 2) })
        {
            var x = TestNetworks.GaussianInputs(25, net.InputSize, 3);
            var y = Forward.Evaluate(net, x, LinearAlgebraBackends.Default);
            Assert.Equal(25, y.Rows);
            Assert.Equal(net.OutputSize, y.Columns);
            for (int i = 0; i < x.Rows; i++)
            {
                var expected = Naive(net, x.Row(i).ToArray());
                for (int o = 0; o < expected.Length; o++)
                    Assert.True(Math.Abs(expected[o] - y[i, o]) <= 1e-12 * (1 + Math.Abs(expected[o])), $"{spec} input {i} output {o}: {y[i, o]} vs {expected[o]}");
            }
        }
    }

    [Fact]
    public void Trace_keeps_preactivations_consistent_with_outputs()
    {
        var net = TestNetworks.SkipMasked(new TanhActivation(), 4);
        var trace = Forward.Trace(net, TestNetworks.GaussianInputs(10, 3, 5), LinearAlgebraBackends.Default);
        for (int l = 0; l < net.Layers.Count; l++)
            for (int i = 0; i < trace.PreActivations[l].Data.Length; i++)
            {
                double expected = net.Layers[l].Activation.Value(trace.PreActivations[l].Data[i]);
                Assert.True(Math.Abs(expected - trace.Nodes[l + 1].Data[i]) <= 1e-15 * (1 + Math.Abs(expected)));
            }
    }

    [Fact]
    public void Wrong_input_width_is_rejected()
    {
        var net = TestNetworks.Dense("3-4-1", new ReluActivation(), 1);
        var e = Assert.Throws<ArgumentException>(() => Forward.Evaluate(net, new Matrix(2, 4), LinearAlgebraBackends.Default));
        Assert.Contains("expects 3", e.Message);
    }

    /// <summary>
    /// Evaluate drops each hidden node after its last reader: the outputs are those of the trace, which keeps
    /// every node, bit for bit; and the memory estimate is the peak of the nodes alive at once, which for a chain
    /// is the largest pair of consecutive layers and, with a skip, also holds the node the skip reads.
    /// </summary>
    [Fact]
    public void Evaluation_drops_nodes_after_their_last_reader_and_estimates_the_peak()
    {
        var relu = new ReluActivation();
        foreach (var net in ConvolutionalTestNetworks.All(relu, 5).Append(TestNetworks.SkipMasked(relu, 2)))
        {
            var x = TestNetworks.GaussianInputs(4, net.InputSize, 6);
            Assert.Equal(Forward.Trace(net, x, LinearAlgebraBackends.Default).Outputs.Data, Forward.Evaluate(net, x, LinearAlgebraBackends.Default).Data);
        }
        var chain = TestNetworks.Dense("3-7-50-2", relu, 1);
        long NodeBytes(MemoryEstimate e) => e.Terms.Single(t => t.Name.Contains("alive")).Bytes;
        Assert.Equal(10 * (50 + 7) * sizeof(double), NodeBytes(Forward.EstimateMemory(chain, 10)));
        // Layer 2 reads nodes 1 and 2, so node 1 is alive while 2 and 3 are computed: 7 + 5 + 2.
        var skip = new Network(3, [new Layer(3, 7, new double[21], new double[7], relu, [0]),
            new Layer(7, 5, new double[35], new double[5], relu, [1]), new Layer(12, 2, new double[24], new double[2], relu, [1, 2])]);
        Assert.Equal(10 * (7 + 5 + 2) * sizeof(double), NodeBytes(Forward.EstimateMemory(skip, 10)));
    }
}

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
}

using NetSym.Identifiability;
using NetSym.Networks;

namespace NetSym.Tests.Identifiability;

public class FixedWeightsTests
{
    public static TheoryData<string> Kinds => ["dense", "skip-masked"];

    private static Network Build(string kind, int seed) => kind == "dense"
        ? TestNetworks.Dense("3-5-4-2", new ReluActivation(), seed)
        : TestNetworks.SkipMasked(new ReluActivation(), seed);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_hidden_neuron_fixes_its_largest_outgoing_weight(string kind)
    {
        for (int seed = 0; seed < 5; seed++)
        {
            var network = Build(kind, seed);
            var theta = network.GetParameters();
            var chart = FixedWeights.Of(network);
            Assert.True(chart.IsChart);
            Assert.Equal(network.HiddenNeuronCount, chart.Edges.Count);
            Assert.Equal(network.ParameterCount - network.HiddenNeuronCount, GammaRankColumns(network, chart));
            foreach (var edge in chart.Edges)
            {
                // Brute force: every parameter that is a weight from this neuron's node entry.
                var outgoing = Enumerable.Range(0, theta.Length).Where(k => IsOutgoing(network, network.Layout[k], edge.Neuron)).ToList();
                Assert.NotEmpty(outgoing);
                double largest = outgoing.Max(k => Math.Abs(theta[k]));
                Assert.Equal(outgoing.First(k => Math.Abs(theta[k]) == largest), edge.Parameter);
                Assert.Equal(theta[edge.Parameter], edge.Weight);
                Assert.Equal(network.Layout[edge.Parameter].Neuron, edge.Target);
            }
        }
    }

    [Fact]
    public void Neurons_without_outgoing_or_incoming_weights_are_listed_not_fixed()
    {
        var network = TestNetworks.Dense("3-4-2", new ReluActivation(), 3);
        var hidden = network.Layers[0];
        var w = hidden.Weights.ToArray();
        var b = hidden.Bias.ToArray();
        for (int k = 0; k < 3; k++) w[1 * 3 + k] = 0; // neuron 1: no incoming weights …
        b[1] = 0;                                      // … and no bias
        var output = network.Layers[1];
        var u = output.Weights.ToArray();
        for (int r = 0; r < 2; r++) u[r * 4 + 2] = 0;  // neuron 2: no outgoing weights
        var degenerate = network.WithLayer(0, hidden.With(w, b)).WithLayer(1, output.With(u, output.Bias));
        var chart = FixedWeights.Of(degenerate);
        Assert.False(chart.IsChart);
        Assert.Equal([new Neuron(0, 1)], chart.ZeroIncoming);
        Assert.Equal([new Neuron(0, 2)], chart.ZeroOutgoing);
        Assert.Equal(3, chart.Edges.Count);
    }

    private static int GammaRankColumns(Network network, FixedWeights chart) =>
        network.ParameterCount - chart.Columns.Distinct().Count();

    private static bool IsOutgoing(Network network, ParameterLocation at, Neuron from)
    {
        if (at.Column is not int column || at.Layer <= from.Layer) return false;
        int offset = 0;
        foreach (int s in network.Layers[at.Layer].Sources)
        {
            int size = network.NodeSize(s);
            if (s == from.Layer + 1) return column == offset + from.Index;
            offset += size;
        }
        return false;
    }
}

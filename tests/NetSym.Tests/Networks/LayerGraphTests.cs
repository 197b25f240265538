using CsCheck;
using NetSym.LinearAlgebra;
using NetSym.Networks;

namespace NetSym.Tests.Networks;

public class LayerGraphTests
{
    private static readonly Gen<int> Seeds = Gen.Int[0, 1_000_000];

    [Fact]
    public void Source_blocks_tile_each_layers_input_in_source_order_and_readers_are_their_inverse()
    {
        Seeds.Sample(seed =>
        {
            var network = ParameterLayoutTests.RandomDag(seed);
            var graph = network.Graph;
            var expectedReaders = Enumerable.Range(0, network.Layers.Count + 1).Select(_ => new List<NodeReader>()).ToArray();
            for (int l = 0; l < network.Layers.Count; l++)
            {
                var layer = network.Layers[l];
                var blocks = graph.SourceBlocks(l).ToArray();
                Assert.Equal(layer.Sources, blocks.Select(b => b.Node));
                int offset = 0;
                foreach (var block in blocks)
                {
                    Assert.Equal(offset, block.Offset);
                    Assert.Equal(network.NodeSize(block.Node), block.Size);
                    expectedReaders[block.Node].Add(new NodeReader(l, block.Offset));
                    offset += block.Size;
                }
                Assert.Equal(layer.InputSize, offset);
                Assert.Equal(layer.Sources is [int only] && only == l, graph.ReadsPreviousOnly(l));
            }
            for (int node = 0; node <= network.Layers.Count; node++) Assert.Equal(expectedReaders[node], graph.Readers(node));
        }, iter: 200);
    }

    [Fact]
    public void A_layer_reads_through_its_blocks_the_concatenation_of_its_sources()
    {
        // The kernel's layer input, assembled from the blocks, is the sources' outputs side by side.
        Seeds.Sample(seed =>
        {
            var network = ParameterLayoutTests.RandomDag(seed);
            var random = new Random(seed);
            var input = new Matrix(3, network.InputSize);
            for (int i = 0; i < input.Data.Length; i++) input.Data[i] = random.NextDouble() - 0.5;
            var nodes = Forward.Trace(network, input, LinearAlgebraBackends.Default).Nodes;
            for (int l = 0; l < network.Layers.Count; l++)
            {
                var x = LayerKernel.LayerInput(network, nodes, l);
                for (int r = 0; r < input.Rows; r++)
                    Assert.Equal(network.Layers[l].Sources.SelectMany(s => nodes[s].Row(r).ToArray()), x.Row(r).ToArray());
            }
        }, iter: 100);
    }

    [Fact]
    public void Source_names_the_neuron_a_column_reads_and_Column_finds_it_again()
    {
        var network = TestNetworks.SkipMasked(new ReluActivation(), 2);
        var graph = network.Graph;
        // Layer 1 reads the input (columns 0–2) and layer 0 (columns 3–6).
        Assert.Null(graph.Source(1, 2));
        Assert.Equal(new Neuron(0, 1), graph.Source(1, 4));
        Assert.Equal(4, graph.Column(1, new Neuron(0, 1)));
        // Layer 3 reads the input, layer 1 and layer 2 (columns 0–2, 3–7, 8–10); layer 2 only layer 1.
        Assert.Equal(new Neuron(2, 0), graph.Source(3, 8));
        Assert.Equal(-1, graph.Column(2, new Neuron(0, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => graph.Source(1, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => graph.Source(1, -1));

        Seeds.Sample(seed =>
        {
            var dag = ParameterLayoutTests.RandomDag(seed);
            for (int l = 0; l < dag.Layers.Count; l++)
            {
                // Column → neuron → column.
                for (int c = 0; c < dag.Layers[l].InputSize; c++)
                    if (dag.Graph.Source(l, c) is { } source) Assert.Equal(c, dag.Graph.Column(l, source));
                    else Assert.True(dag.Layers[l].Sources[0] == 0 && c < dag.InputSize);
                // Neuron → column → neuron, and −1 exactly for the layers l does not read.
                for (int k = 0; k < l; k++)
                    for (int j = 0; j < dag.Layers[k].OutputSize; j++)
                    {
                        int column = dag.Graph.Column(l, new Neuron(k, j));
                        if (dag.Layers[l].Sources.Contains(k + 1)) Assert.Equal(new Neuron(k, j), dag.Graph.Source(l, column));
                        else Assert.Equal(-1, column);
                    }
            }
        }, iter: 200);
    }

    [Fact]
    public void Sources_that_do_not_exist_do_not_increase_or_do_not_fill_the_input_are_rejected_by_name()
    {
        var relu = new ReluActivation();
        var first = new Layer(3, 2, new double[6], [0, 0], relu, [0]);
        string Rejection(int inputSize, int[] sources) =>
            Assert.Throws<InvalidNetworkException>(() => new Network(3, [first, new Layer(inputSize, 1, new double[inputSize], [0], relu, sources)])).Message;

        Assert.Equal("layer 1 reads node 2, but only nodes 0..1 (input and earlier layers) exist", Rejection(2, [2]));
        Assert.Equal("layer 1 sources must be strictly increasing, got [1, 0]", Rejection(5, [1, 0]));
        Assert.Equal("layer 1 expects 4 inputs but its sources provide 5", Rejection(4, [0, 1]));
    }
}

using NetSym.Dimension;
using NetSym.Networks;

namespace NetSym.Tests.Dimension;

public class ParameterIndexTests
{
    [Fact]
    public void Names_and_locations_follow_the_parameter_order_of_a_dense_network()
    {
        var network = TestNetworks.Dense("3-2-1", new ReluActivation(), 1);
        string[] expected =
        [
            "layer 0 weight [0,0]", "layer 0 weight [0,1]", "layer 0 weight [0,2]",
            "layer 0 weight [1,0]", "layer 0 weight [1,1]", "layer 0 weight [1,2]",
            "layer 0 bias [0]", "layer 0 bias [1]",
            "layer 1 weight [0,0]", "layer 1 weight [0,1]", "layer 1 bias [0]",
        ];
        Assert.Equal(expected, Enumerable.Range(0, network.ParameterCount).Select(network.DescribeParameter));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.DescribeParameter(network.ParameterCount));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.DescribeParameter(-1));
    }

    [Fact]
    public void Every_index_of_a_masked_network_with_skips_is_located_where_its_name_says_and_back()
    {
        var network = TestNetworks.SkipMasked(new ReluActivation(), 2);
        var index = new ParameterIndex(network);
        var theta = network.GetParameters();
        for (int p = 0; p < network.ParameterCount; p++)
        {
            var (l, row, column) = index.Locate(p);
            var layer = network.Layers[l];
            if (column < 0)
            {
                Assert.Equal($"layer {l} bias [{row}]", network.DescribeParameter(p));
                Assert.Equal(p, index.Bias(l, row));
                Assert.Equal(layer.Bias[row], theta[p]);
            }
            else
            {
                Assert.Equal($"layer {l} weight [{row},{column}]", network.DescribeParameter(p));
                Assert.True(layer.HasEdge(row, column));
                Assert.Equal(p, index.Weight(l, row, column));
                Assert.Equal(layer.Weight(row, column), theta[p]);
            }
        }
        // A masked edge has no index; layer 2 masks column 1 of every row.
        Assert.Equal(-1, index.Weight(2, 0, 1));
        // Layer 1 reads the input (columns 0–2) and layer 0 (columns 3–6).
        Assert.Null(index.Source(1, 2));
        Assert.Equal((0, 1), index.Source(1, 4));
    }
}
